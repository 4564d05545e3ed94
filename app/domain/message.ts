/**
 * A user-facing message as data: a catalogue key and its parameters, rendered in the reader's
 * language by the i18n `t()` (app/i18n). Domain checks and services return these instead of finished
 * Chinese sentences, so a page shows them in English or Chinese alike. A parameter may itself be a
 * message (a field's problem inside "line N: …"), or a list of plain values (joined the locale's way).
 */
import type { MessageKey } from "~/i18n/zh";

export type MessageParam = string | number | Message | readonly (string | number)[];
export type MessageParams = Record<string, MessageParam>;

export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

export function msg(key: MessageKey, params?: MessageParams): Message {
  return params ? { key, params } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as Message).key === "string";
}
