/**
 * One practice question on a page, shared by practice, and the wrong-answer book: the sealed reference the
 * page carries instead of the question id (AES-GCM under a key derived from the session secret; it also
 * carries a random salt), the display under that salt (option order by the one shuffle rule, opaque
 * option ids), the view the page renders (safe HTML, never the answer), the answer read back from the
 * form in stored ids, and the link to the manual section.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getContent } from "~/content.server";
import { parseResponse, type FormLike, type PracticeResponse } from "~/domain/grading";
import type { Question } from "~/domain/question";
import { countBlanks, displayStem } from "~/domain/question";
import { markdownToText, renderSafeInline, renderSafeMarkdown } from "~/domain/safe-markdown";
import { opaqueIds, toStored } from "~/domain/option-ids";
import { createRng } from "~/domain/prng";
import { shownOrder, shownRights } from "~/domain/shuffle";
import { getSessionSecrets } from "~/session-secret.server";
import type { MessageKey } from "~/i18n";

export function newSalt(): string {
  return randomBytes(9).toString("base64url");
}

function refKeys(): Buffer[] {
  return getSessionSecrets().map((s) => createHash("sha256").update(`kefu-practice-ref\u0000${s}`).digest());
}

/** A sealed reference also carries a random salt: the option order and the opaque option ids shown. */
export function sealRef(id: string, version: number, salt = randomBytes(9).toString("base64url")): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", refKeys()[0], iv);
  const body = Buffer.concat([cipher.update(JSON.stringify([id, version, salt]), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function openRef(token: string): { id: string; version: number; salt: string } | null {
  if (!token || token.length > 2000) return null;
  const raw = Buffer.from(token, "base64url");
  if (raw.length < 29) return null;
  for (const key of refKeys()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const value: unknown = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8"));
      if (Array.isArray(value) && typeof value[0] === "string" && Number.isInteger(value[1]))
        return { id: value[0], version: value[1], salt: typeof value[2] === "string" ? value[2] : "" };
    } catch {
      // not sealed with this key: try the next (rotated) secret
    }
  }
  return null;
}

/**
 * The display of a question under a salt: option order by the one shuffle rule (never the key order),
 * and opaque option ids (never the stored ones), both derived from the salt so the action can map the
 * answer back.
 */
export function display(q: Question, salt: string) {
  const order = shownOrder({ id: q.id, type: q.type, optionIds: q.options.map((o) => o.id), answer: q.answer }, createRng(`${salt}|order`));
  return { order, shown: opaqueIds(salt, "practice", order.length) };
}

/** What the page shows of a question: rendered safely, without its answer. `ref` keeps the reference
 *  the learner already holds (so a form sent back with an error keeps what was typed). */
export function questionView(q: Question, salt: string, ref = sealRef(q.id, q.version, salt)) {
  const { order, shown } = display(q, salt);
  const text = new Map(q.options.map((o) => [o.id, o.text]));
  const options = order.map((id, k) => ({ id: shown[k], html: renderSafeInline(text.get(id) ?? "") }));
  const pairs = q.type === "matching" && Array.isArray(q.answer) ? (q.answer as [string, string][]) : [];
  return {
    ref,
    type: q.type,
    stemHtml: renderSafeMarkdown(displayStem(q)),
    options,
    unit: q.type === "numeric" && q.answer && typeof q.answer === "object" && "unit" in q.answer ? q.answer.unit : null,
    lefts: pairs.map(([left]) => ({ text: left, html: renderSafeInline(left) })),
    rights: q.type === "matching" ? shownRights(q, createRng(`${salt}|rights`)).map((r) => ({ value: r, label: markdownToText(r) })) : [],
    blanks: q.type === "fill_blank" ? countBlanks(q.stem) : 0,
  };
}

export function manualLink(q: Question): { href: string; title: string } | null {
  const m = q.module ? getContent().modules.find((x) => x.slug === q.module) : undefined;
  if (!m) return null;
  const section = q.section && m.toc.some((e) => e.id === q.section) ? `#${q.section}` : "";
  return { href: `/modules/${m.slug}${section}`, title: m.title };
}

export const PARSE_ERRORS: Record<"missing" | "invalid" | "incomplete" | "blanks", MessageKey> = {
  missing: "practice.error.missing",
  invalid: "practice.error.invalid",
  incomplete: "practice.error.incomplete",
  blanks: "practice.error.blanks",
};


export type PracticeQuestionView = ReturnType<typeof questionView>;

/** The answer sent for a question shown under `salt`, in stored ids; or the message key of what is missing. */
export function readAnswer(question: Question, salt: string, form: FormLike): { ok: true; response: PracticeResponse } | { ok: false; error: MessageKey } {
  const { order, shown } = display(question, salt);
  const parsed = parseResponse(question.type, form);
  if (!parsed.ok || !parsed.complete) {
    const error =
      PARSE_ERRORS[parsed.ok ? (question.type === "fill_blank" ? "blanks" : "incomplete") : question.type === "numeric" && parsed.reason === "invalid" ? "invalid" : "missing"];
    return { ok: false, error };
  }
  return { ok: true, response: toStored(question.type, parsed.response, order, shown) as PracticeResponse };
}
