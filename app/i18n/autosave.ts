/** The text of an autosave refusal in the reader's language (server replies use zh, the page its locale). */
import type { Message, MessageKey, T } from "./index";

export function autosaveRefusalText(t: T, key: string, vars: Record<string, string | number> = {}): string {
  const values = { ...vars };
  // {type} is a question type code; show its name.
  if (typeof values.type === "string") values.type = t(`exams.type.${values.type}` as MessageKey);
  return t(key as MessageKey, values);
}

/** The text of an exam refusal (app/exams.server.ts ExamError): its message, a {type} value shown as the type's name. */
export function examMessageText(t: T, m: Message): string {
  const params = { ...(m.params ?? {}) };
  if (typeof params.type === "string") params.type = t(`exams.type.${params.type}` as MessageKey);
  return t(m.key, params);
}
