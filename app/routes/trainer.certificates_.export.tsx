/**
 * The certificate register as a file: the list the register shows for the same filters and sort (every
 * page), as CSV (UTF-8 with BOM, formulas neutralised) or .xlsx. Same access as the register: trainers
 * get the certificates of their cohorts, admins all. URL: /trainer/certificates/export?format=csv|xlsx&…
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { XLSX_MIME } from "~/bank-xlsx.server";
import { registerExport } from "~/certificates.server";
import { now } from "~/clock.server";
import { parseRegisterQuery } from "~/domain/certificate-register";
import { formatDate } from "~/domain/time";
import { CSV_TYPE, downloadHeaders } from "~/download.server";
import { getT } from "~/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const t = await getT(request);
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") {
    throw new Response(t("certs.export.badFormat", { format: format.slice(0, 20) }), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { body } = await registerExport(user, parseRegisterQuery(params), format, t);
  const day = formatDate(now());
  const type = format === "csv" ? CSV_TYPE : XLSX_MIME;
  return new Response(body, { headers: downloadHeaders(type, `certificates-${day}.${format}`, `${t("certs.export.fileName")}-${day}.${format}`) });
}
