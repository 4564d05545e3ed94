/**
 * GET /trainer/questions/export?format=json|gift|xlsx[&status=draft|published|retired] → a download of the
 * bank (current versions), the same files `npm run bank -- export` writes.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { questionsToExport, recordExport } from "~/questions.server";
import { exportBankJson } from "~/domain/bank-json";
import { bankToSheetRows } from "~/domain/bank-sheet";
import { writeSheetWorkbook, XLSX_MIME } from "~/bank-xlsx.server";
import { exportGift } from "~/domain/gift";
import { QUESTION_STATUSES, type QuestionStatus } from "~/domain/question";
import { formatDate } from "~/domain/time";
import { downloadHeaders } from "~/download.server";
import { getT } from "~/i18n.server";

function badRequest(message: string): never {
  throw new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const t = await getT(request);
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "json";
  if (format !== "json" && format !== "gift" && format !== "xlsx") badRequest(t("qb.export.badFormat", { format: format.slice(0, 20) }));
  const status = params.get("status") || undefined;
  if (status !== undefined && !QUESTION_STATUSES.includes(status as QuestionStatus)) badRequest(t("qb.export.badStatus", { statuses: QUESTION_STATUSES }));

  const questions = await questionsToExport(status as QuestionStatus | undefined);
  const body = format === "json" ? exportBankJson(questions) : format === "gift" ? exportGift(questions) : new Uint8Array(await writeSheetWorkbook(bankToSheetRows(questions).rows));
  await recordExport(user.id, { format, status: status ?? null, count: questions.length }, now());
  const date = formatDate(now());
  const fileName = `kefu-bank${status ? `-${status}` : ""}-${date}.${format}`;
  return new Response(body, {
    headers: downloadHeaders(format === "json" ? "application/json; charset=utf-8" : format === "xlsx" ? XLSX_MIME : "text/plain; charset=utf-8", fileName),
  });
}
