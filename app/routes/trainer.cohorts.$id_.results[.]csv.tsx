/**
 * A cohort's results as CSV (members × assigned exams and modules), UTF-8 with a BOM so Excel shows
 * the Chinese correctly. Same access as the results page: the cohort's trainers and admins; else 404.
 * URL: /trainer/cohorts/:id/results.csv
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { cohortResultsCsvText, visibleCohortBrief } from "~/cohorts.server";
import { formatDate } from "~/domain/time";
import { CSV_TYPE, downloadHeaders } from "~/download.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const cohort = await visibleCohortBrief(user, params.id);
  if (!cohort) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = await cohortResultsCsvText(cohort.id, now());
  const day = formatDate(now());
  return new Response(body, { headers: downloadHeaders(CSV_TYPE, `cohort-${cohort.id}-results-${day}.csv`, `${cohort.name}-成绩-${day}.csv`) });
}
