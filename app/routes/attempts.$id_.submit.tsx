/**
 * 交卷. Idempotent: a second submit (double click, two tabs, the timer and the button at once) finds the
 * attempt already submitted and records nothing new. Either way the learner goes to the result.
 * (`attempts.$id_` so it does not nest in the sitting page; the URL is /attempts/:id/submit.)
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { ExamError, learnerAttempt, submitAttempt } from "~/exams.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  try {
    submitAttempt(user.id, id);
  } catch (error) {
    if (error instanceof ExamError) throw new Response(error.message, { status: error.status });
    throw error;
  }
  return redirect(`/attempts/${encodeURIComponent(id)}/result`);
}

/** A GET here (a bookmarked or reloaded URL) submits nothing: back to the attempt. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  try {
    learnerAttempt(user.id, id);
  } catch (error) {
    if (error instanceof ExamError) throw new Response(error.message, { status: error.status });
    throw error;
  }
  return redirect(`/attempts/${encodeURIComponent(id)}`);
}
