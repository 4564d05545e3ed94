/**
 * Autosave endpoint of the sitting page (JSON in, JSON out; no page). Hot path: thousands of saves a
 * second, so no schema library and no extra reads — the session lookup, then one call into
 * ~/exams.server, which checks the attempt is this learner's, the deadline (plus grace) and the seq.
 *
 *   {intent: "save", position, response, seq}  → {ok: true, savedAt, applied}
 *   {intent: "flag", position, flagged}         → {ok: true}
 *   {intent: "visibility", hidden}              → {ok: true, serverNow}   (logged for trainers)
 *   {intent: "sync"}                            → {ok: true, serverNow, deadline, status}
 *   refusal                                     → {ok: false, code, message} with the ExamError status
 *
 * The file is `attempts.$id_.save` (not `attempts.$id.save`) so the route does not nest in the sitting
 * page; the URL is /attempts/:id/save either way.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { ExamError, flagItem, learnerAttempt, logVisibility, saveAnswer } from "~/exams.server";

const MAX_BODY = 8 * 1024;
const NO_STORE = { "Cache-Control": "no-store" };

const reply = (body: unknown, status = 200) => Response.json(body, { status, headers: NO_STORE });
const bad = (message: string, status = 400) => reply({ ok: false, code: "badRequest", message }, status);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const attemptId = params.id ?? "";
  if (request.method !== "POST") return bad("只接受 POST", 405);

  const text = await request.text();
  if (text.length > MAX_BODY) return bad("请求过大", 413);
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
        const r = saveAnswer(user.id, attemptId, position as number, body.response ?? null, seq as number);
        return reply({ ok: true, savedAt: r.savedAt, applied: r.applied });
      }
      case "flag": {
        const { position, flagged } = body;
        if (!Number.isInteger(position) || (position as number) < 0 || typeof flagged !== "boolean") return bad("标记请求无效");
        flagItem(user.id, attemptId, position as number, flagged);
        return reply({ ok: true });
      }
      case "visibility":
        if (typeof body.hidden !== "boolean") return bad("请求无效");
        logVisibility(user.id, attemptId, body.hidden);
        return reply({ ok: true, serverNow: now() });
      case "sync": {
        const a = learnerAttempt(user.id, attemptId);
        return reply({ ok: true, serverNow: now(), deadline: a.deadline, status: a.status });
      }
      default:
        return bad("未知操作");
    }
  } catch (error) {
    if (error instanceof ExamError) return reply({ ok: false, code: error.code, message: error.message }, error.status);
    throw error;
  }
}
