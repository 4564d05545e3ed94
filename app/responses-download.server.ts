/**
 * Raw responses of an exam as CSV or .xlsx (both routes load through this one function): one row per learner × question of every submitted attempt (工号,
 * 姓名, 考试, attempt, stem, type, module, the answer as text, the key as text, score; ids last), UTF-8
 * with a BOM. URL: /trainer/exams/:id/responses.csv[?cohort=ID]; the same as .xlsx at responses.xlsx.
 *
 * The file names learners, so it follows the cohort rule: with ?cohort=ID the cohort must be one the
 * user may see (else 404); without it the whole exam is for admins only (a trainer gets 403 and is
 * expected to pick one of their cohorts).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { formatDate } from "~/domain/time";
import { downloadHeaders } from "~/download.server";
import { examByParam, responsesFile, visibleCohortById } from "~/exam-admin.server";

const TEXT = { "Content-Type": "text/plain; charset=utf-8" };

export async function responsesDownload({ request, params }: LoaderFunctionArgs, format: "csv" | "xlsx") {
  const user = await requireRole(request, "trainer");
  const exam = await examByParam(params.id);
  if (!exam) throw new Response("Not found", { status: 404, headers: TEXT });
  const asked = new URL(request.url).searchParams.get("cohort");
  let cohort: { id: number; name: string } | undefined;
  if (asked !== null && asked !== "") {
    const id = /^\d{1,9}$/.test(asked) ? Number(asked) : null;
    cohort = id !== null ? await visibleCohortById(user, id) : undefined;
    if (!cohort) throw new Response("Not found", { status: 404, headers: TEXT });
  } else if (user.role !== "admin") {
    throw new Response("Forbidden: choose one of your cohorts (?cohort=ID)", { status: 403, headers: TEXT });
  }
  const { body, type } = await responsesFile(exam.id, cohort?.id, format);
  const day = formatDate(now());
  const ascii = `exam-${exam.id}${cohort ? `-cohort-${cohort.id}` : ""}-responses-${day}.${format}`;
  const utf8 = `${exam.title}${cohort ? `-${cohort.name}` : ""}-作答明细-${day}.${format}`;
  return new Response(body, { headers: downloadHeaders(type, ascii, utf8) });
}
