/**
 * zod issues as messages (app/domain/message.ts). Schemas give their own problems as catalogue keys
 * (`.min(2, "q.stemMin")`, `ctx.addIssue({ message: "q.optionDuplicate", params: { text } })`); zod's
 * built-in problems (wrong type, too short, not one of …) get our wording from `messageErrorMap`, and
 * anything rarer keeps zod's own Chinese and English text. `issueMessage` turns an issue back into a
 * Message, whichever of these produced it.
 */
import * as z from "zod";
import { zh } from "~/i18n/zh";
import { msg, type Message } from "./message";

const TYPE_KEYS = {
  string: "val.type.string",
  number: "val.type.number",
  int: "val.type.int",
  boolean: "val.type.boolean",
  object: "val.type.object",
  array: "val.type.array",
  tuple: "val.type.array",
} as const;

/** What a value is, for "must be a number, but is the text “24”". */
export function describeValue(value: unknown): Message {
  if (value === null) return msg("val.value.null");
  if (Array.isArray(value)) return msg("val.value.array");
  switch (typeof value) {
    case "string":
      return msg("val.value.string", { text: value.length > 20 ? `${value.slice(0, 20)}…` : value });
    case "number":
      return msg("val.value.number", { n: value });
    case "boolean":
      return msg("val.value.boolean", { value: String(value) });
    case "object":
      return msg("val.value.object");
    default:
      return msg("val.value.other", { type: typeof value });
  }
}

function describeIssue(iss: z.core.$ZodRawIssue): Message | undefined {
  switch (iss.code) {
    case "invalid_type": {
      if (iss.input === undefined) return msg("val.missing");
      const key = TYPE_KEYS[iss.expected as keyof typeof TYPE_KEYS];
      return msg("val.wrongType", { expected: key ? msg(key) : String(iss.expected), actual: describeValue(iss.input) });
    }
    case "too_small": {
      const n = Number(iss.minimum);
      if (iss.origin === "string") return msg("val.minChars", { n });
      if (iss.origin === "array" || iss.origin === "set") return msg("val.minItems", { n });
      return msg("val.minValue", { n });
    }
    case "too_big": {
      const n = Number(iss.maximum);
      if (iss.origin === "string") return msg("val.maxChars", { n });
      if (iss.origin === "array" || iss.origin === "set") return msg("val.maxItems", { n });
      return msg("val.maxValue", { n });
    }
    case "invalid_value":
      return msg("val.oneOf", { values: iss.values.map((v) => JSON.stringify(v)) });
    case "invalid_union":
      if ("discriminator" in iss && Array.isArray(iss.options)) return msg("val.oneOf", { values: (iss.options as unknown[]).map((v) => JSON.stringify(v)) });
      return undefined;
    default:
      return undefined;
  }
}

const zhCN = z.locales.zhCN().localeError;
const enUS = z.locales.en().localeError;
const text = (r: ReturnType<z.core.$ZodErrorMap>) => (typeof r === "string" ? r : (r?.message ?? ""));

/** Per-parse error map: our wording, encoded for `issueMessage` to decode. */
export const messageErrorMap: z.core.$ZodErrorMap = (iss) =>
  JSON.stringify(describeIssue(iss) ?? msg("val.other", { zh: text(zhCN(iss)), en: text(enUS(iss)) }));

/** The message of a zod issue parsed with `messageErrorMap` (or a schema's own key). */
export function issueMessage(issue: { message: string; params?: unknown }): Message {
  const m = issue.message;
  if (m.startsWith('{"key"')) {
    try {
      return JSON.parse(m) as Message;
    } catch {
      // fall through: not one of ours
    }
  }
  if (Object.hasOwn(zh, m)) return msg(m as keyof typeof zh, (issue.params as Message["params"]) ?? undefined);
  return msg("val.other", { zh: m, en: m });
}
