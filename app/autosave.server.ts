/**
 * The exam autosave handler: ONE implementation for every mode. server.ts answers POST
 * /attempts/:id/save with `autosaveRequest` (production and development alike, before the framework's
 * request conversion, as thousands of saves a second arrive here during a sitting); the Remix route
 * app/routes/attempts.$id_.save.tsx calls the same function for any request that reaches it.
 *
 * Always JSON, always `Cache-Control: no-store`:
 *   {intent: "save", position, response, seq}  → {ok: true, savedAt, deadline, applied}
 *   {intent: "flag", position, flagged}         → {ok: true}
 *   {intent: "visibility", hidden}              → {ok: true, serverNow}   (logged for trainers)
 *   {intent: "sync"}                            → {ok: true, serverNow, deadline, status}   (the page's heartbeat)
 *   refusal                                     → {ok: false, code, message, messageKey[, messageVars]}: the
 *     message in the reader's language (the `lang` cookie), the key and values to show it in another;
 *     401 signed out · 413 body over MAX_AUTOSAVE_BODY · 400 malformed JSON, a body that does not fit
 *     ~/domain/autosave-body's schema, or an answer of the wrong shape for its question · the
 *     ExamError statuses (404 not yours, 409 submitted / deadline passed).
 * The body is described by `autosaveBodySchema` (~/domain/autosave-body).
 *
 * Every save reply and every heartbeat carries the attempt's deadline, so a page learns within seconds
 * that a trainer granted extra time.
 */
import { userFromCookieHeader } from "~/auth.server";
import { now } from "~/clock.server";
import { MAX_AUTOSAVE_BODY, parseAutosaveBody, type AutosaveBody, type AutosaveRefusal } from "~/domain/autosave-body";
import { attemptClock, examErrorBody, ExamError, flagItem, logVisibility, saveAnswer } from "~/exams.server";
import { translator, type Locale } from "~/i18n";
import { autosaveRefusalText } from "~/i18n/autosave";
import { localeFromCookieHeader } from "~/i18n.server";

const text = (locale: Locale, r: AutosaveRefusal) => autosaveRefusalText(translator(locale), r.key, r.vars);

export { MAX_AUTOSAVE_BODY };

export interface AutosaveReply {
  status: number;
  body: Record<string, unknown>;
  /** Who asked (for the request log; never sent). */
  userId?: number;
}

const ok = (body: Record<string, unknown>): AutosaveReply => ({ status: 200, body: { ok: true, ...body } });
/** A refusal: its message in the reader's language, and the key and values to show it in another. */
const refused = (locale: Locale, status: number, code: string, refusal: AutosaveRefusal): AutosaveReply => ({
  status,
  body: { ok: false, code, message: text(locale, refusal), messageKey: refusal.key, messageVars: refusal.vars },
});

export const signedOut = (locale: Locale): AutosaveReply => ({
  status: 401,
  body: { ok: false, code: "signedOut", message: text(locale, { key: "autosave.error.signedOut", vars: {} }), messageKey: "autosave.error.signedOut" },
});

/** Reads a request body up to `max` bytes: its text, "tooLarge" past the limit, or "malformed" if not UTF-8. */
export async function readBodyText(body: AsyncIterable<Uint8Array> | null | undefined, max = MAX_AUTOSAVE_BODY): Promise<string | "tooLarge" | "malformed"> {
  if (!body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) return "tooLarge";
    chunks.push(chunk);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(all);
  } catch {
    return "malformed";
  }
}

/** The protocol for a signed-in learner and a parsed body. */
async function run(userId: number, attemptId: string, body: AutosaveBody, locale: Locale): Promise<AutosaveReply> {
  try {
    switch (body.intent) {
      case "save": {
        const r = await saveAnswer(userId, attemptId, body.position, body.response, body.seq);
        return ok({ savedAt: r.savedAt, deadline: r.deadline, applied: r.applied });
      }
      case "flag":
        await flagItem(userId, attemptId, body.position, body.flagged);
        return ok({});
      case "visibility":
        await logVisibility(userId, attemptId, body.hidden);
        return ok({ serverNow: now() });
      case "sync": {
        const c = await attemptClock(userId, attemptId);
        return ok({ serverNow: c.serverNow, deadline: c.deadline, status: c.status });
      }
    }
  } catch (error) {
    if (error instanceof ExamError) return { status: error.status, body: examErrorBody(translator(locale), error) };
    throw error;
  }
}

/** Protocol on a body already read as text (benchmarks and in-process tests). */
export async function handleAutosave(userId: number, attemptId: string, bodyText: string, locale: Locale = "zh"): Promise<AutosaveReply> {
  const parsed = parseAutosaveBody(bodyText);
  if (!parsed.ok) return refused(locale, parsed.status, parsed.status === 413 ? "tooLarge" : "badRequest", parsed.refusal);
  return run(userId, attemptId, parsed.body, locale);
}

/**
 * THE autosave handler: who is asking (the session cookie; signed out is 401 JSON, never a redirect),
 * the body (read up to MAX_AUTOSAVE_BODY), then the protocol.
 */
export async function autosaveRequest(attemptId: string, cookieHeader: string | null | undefined, body: AsyncIterable<Uint8Array> | null | undefined): Promise<AutosaveReply> {
  const [user, locale] = await Promise.all([userFromCookieHeader(cookieHeader), localeFromCookieHeader(cookieHeader)]);
  if (!user) return signedOut(locale);
  const bodyText = await readBodyText(body);
  if (bodyText === "tooLarge") return refused(locale, 413, "tooLarge", { key: "autosave.error.tooLarge", vars: { max: MAX_AUTOSAVE_BODY } });
  if (bodyText === "malformed") return refused(locale, 400, "badRequest", { key: "autosave.error.malformed", vars: {} });
  return { ...(await handleAutosave(user.id, attemptId, bodyText, locale)), userId: user.id };
}
