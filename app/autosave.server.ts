/**
 * The exam autosave protocol (JSON in, JSON out), shared by the Remix route /attempts/:id/save and the
 * server's fast path for the same URL (server.ts), which skips the framework's request conversion and
 * routing because thousands of saves a second arrive here during a sitting.
 *
 *   {intent: "save", position, response, seq}  → {ok: true, savedAt, deadline, applied}
 *   {intent: "flag", position, flagged}         → {ok: true}
 *   {intent: "visibility", hidden}              → {ok: true, serverNow}   (logged for trainers)
 *   {intent: "sync"}                            → {ok: true, serverNow, deadline, status}   (the page's heartbeat)
 *
 * Every save reply and every heartbeat carries the attempt's deadline, so a page learns within seconds
 * that a trainer granted extra time.
 *   refusal                                     → {ok: false, code, message} with the ExamError status
 */
import { userFromCookieHeader } from "~/auth.server";
import { now } from "~/clock.server";
import { attemptClock, ExamError, flagItem, logVisibility, saveAnswer } from "~/exams.server";

export const MAX_AUTOSAVE_BODY = 8 * 1024;

export interface AutosaveReply {
  status: number;
  body: Record<string, unknown>;
}

const ok = (body: Record<string, unknown>): AutosaveReply => ({ status: 200, body: { ok: true, ...body } });
const bad = (message: string, status = 400): AutosaveReply => ({ status, body: { ok: false, code: "badRequest", message } });

export function handleAutosave(userId: number, attemptId: string, text: string): AutosaveReply {
  if (text.length > MAX_AUTOSAVE_BODY) return bad("请求过大", 413);
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return bad("保存请求无效");
    body = parsed as Record<string, unknown>;
  } catch {
    return bad("保存请求无效");
  }
  try {
    switch (body.intent) {
      case "save": {
        const { position, seq } = body;
        if (!Number.isInteger(position) || !Number.isSafeInteger(seq)) return bad("保存请求无效");
        const r = saveAnswer(userId, attemptId, position as number, body.response ?? null, seq as number);
        return ok({ savedAt: r.savedAt, deadline: r.deadline, applied: r.applied });
      }
      case "flag": {
        const { position, flagged } = body;
        if (!Number.isInteger(position) || (position as number) < 0 || typeof flagged !== "boolean") return bad("标记请求无效");
        flagItem(userId, attemptId, position as number, flagged);
        return ok({});
      }
      case "visibility":
        if (typeof body.hidden !== "boolean") return bad("请求无效");
        logVisibility(userId, attemptId, body.hidden);
        return ok({ serverNow: now() });
      case "sync": {
        const c = attemptClock(userId, attemptId);
        return ok({ serverNow: c.serverNow, deadline: c.deadline, status: c.status });
      }
      default:
        return bad("未知操作");
    }
  } catch (error) {
    if (error instanceof ExamError) return { status: error.status, body: { ...error.data, ok: false, code: error.code, message: error.message } };
    throw error;
  }
}

/** The fast path's entry: who is asking (session cookie), then the protocol. */
export async function autosaveFromHttp(attemptId: string, cookieHeader: string | undefined, text: string): Promise<AutosaveReply> {
  const user = await userFromCookieHeader(cookieHeader);
  if (!user) return { status: 401, body: { ok: false, code: "signedOut", message: "登录已失效,请重新登录后继续作答(已保存的答案不会丢失)。" } };
  return handleAutosave(user.id, attemptId, text);
}
