/**
 * GET /trainer/questions/template.xlsx → the Excel template of the question bank (headers on the first
 * sheet, instructions and examples on the second), the same file `npm run bank -- template --format xlsx` writes.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { templateWorkbook, XLSX_MIME } from "~/bank-xlsx.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const body = new Uint8Array(await templateWorkbook());
  return new Response(body, {
    headers: {
      "Content-Type": XLSX_MIME,
      "Content-Disposition": `attachment; filename="kefu-bank-template.xlsx"; filename*=UTF-8''${encodeURIComponent("题库导入模板.xlsx")}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
