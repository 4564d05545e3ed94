/**
 * A cohort's results as CSV or .xlsx (both routes load through this one function): members × assigned
 * exams and modules; CSV in UTF-8 with a BOM so Excel shows the Chinese correctly. Same access as the
 * results page: the cohort's trainers and admins; anyone else gets 404.
 * URL: /trainer/cohorts/:id/results.csv; the same as .xlsx at results.xlsx.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { cohortResultsFile, visibleCohortBrief } from "~/cohorts.server";
import { formatDate } from "~/domain/time";
import { downloadHeaders } from "~/download.server";

export async function cohortResultsDownload({ request, params }: LoaderFunctionArgs, format: "csv" | "xlsx") {
  const user = await requireRole(request, "trainer");
  const cohort = await visibleCohortBrief(user, params.id);
  if (!cohort) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { body, type } = await cohortResultsFile(cohort.id, now(), format);
  const day = formatDate(now());
  return new Response(body, { headers: downloadHeaders(type, `cohort-${cohort.id}-results-${day}.${format}`, `${cohort.name}-成绩-${day}.${format}`) });
}
