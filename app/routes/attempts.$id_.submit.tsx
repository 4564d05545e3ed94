/**
 * 交卷. Idempotent: a second submit (double click, two tabs, the timer and the button at once) finds the
 * attempt already submitted and records nothing new. Either way the learner goes to the result.
 *
 * The form says why it was sent: `reason=learner` (the learner pressed 交卷; the default) or
 * `reason=time` (the page's countdown reached zero). A time-triggered submission before the server's
 * deadline — a trainer granted extra time the page had not heard of yet — is refused with 409 and JSON
 * `{ok: false, code: "timeNotUp", message, deadline, serverNow}`; the attempt stays open and the page
 * counts down to the new deadline.
 * (`attempts.$id_` so it does not nest in the sitting page; the URL is /attempts/:id/submit.)
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { examErrorBody, examErrorText, ExamError, learnerAttempt, submitAttempt, type SubmitReason } from "~/exams.server";
import { getT } from "~/i18n.server";

async function reasonOf(request: Request): Promise<SubmitReason | null> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return "learner";
  const value = (await request.formData()).get("reason");
  if (value === null || value === "learner") return "learner";
  return value === "time" ? "time" : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const t = await getT(request);
  const reason = await reasonOf(request);
  if (!reason) return Response.json({ ok: false, code: "badRequest", message: t("exam.err.badSubmit"), messageKey: "exam.err.badSubmit" }, { status: 400 });
  try {
    await submitAttempt(user.id, id, reason);
  } catch (error) {
    if (error instanceof ExamError && error.code === "timeNotUp") {
      return Response.json(examErrorBody(t, error), { status: error.status, headers: { "Cache-Control": "no-store" } });
    }
    if (error instanceof ExamError) throw new Response(examErrorText(t, error), { status: error.status });
    throw error;
  }
  return redirect(`/attempts/${encodeURIComponent(id)}/result`);
}

/** A GET here (a bookmarked or reloaded URL) submits nothing: back to the attempt. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  try {
    await learnerAttempt(user.id, id);
  } catch (error) {
    if (error instanceof ExamError) throw new Response(examErrorText(await getT(request), error), { status: error.status });
    throw error;
  }
  return redirect(`/attempts/${encodeURIComponent(id)}`);
}
