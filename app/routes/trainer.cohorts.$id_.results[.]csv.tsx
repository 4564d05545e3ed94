/**
 * A cohort's results as CSV (members × assigned exams and modules), UTF-8 with a BOM so Excel shows
 * the Chinese correctly. Same access as the results page: the cohort's trainers and admins; else 404.
 * URL: /trainer/cohorts/:id/results.csv
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { cohortBrief } from "@db/queries/report-pages";
import { canSeeCohort } from "@db/queries/reports";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { cohortReport, cohortResultsCsv } from "~/reports.server";

const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment` with an ASCII fallback name and the real (Chinese) one per RFC 6266 / 5987. */
function csvHeaders(asciiName: string, utf8Name: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${rfc5987(utf8Name)}`,
    "Cache-Control": "no-store",
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const db = getDb();
  const cohortId = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  const cohort = cohortId !== null && canSeeCohort(db, user, cohortId) ? cohortBrief(db, cohortId) : undefined;
  if (!cohort) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = cohortResultsCsv(cohortReport(db, cohort.id, now()));
  const day = new Date(now()).toISOString().slice(0, 10);
  return new Response(body, { headers: csvHeaders(`cohort-${cohort.id}-results-${day}.csv`, `${cohort.name}-成绩-${day}.csv`) });
}
