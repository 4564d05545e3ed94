/**
 * Writing CSV for spreadsheets: the one function every export uses (pages, downloads, the report CLI).
 *
 * Formula injection: Excel, WPS and LibreOffice run a cell that starts with = + - @ (or tab / CR, which
 * they strip first) as a formula, so a learner's answer or a name like `=HYPERLINK("http://evil",…)`
 * would run on the trainer's machine. Such text cells get a leading apostrophe, which spreadsheets show
 * as text and do not evaluate (OWASP's advice). Numbers stay numbers: a JavaScript number, or text that
 * is exactly a plain decimal number such as "-5" or "+1.5", is written as it is.
 */
import { stringify } from "csv-stringify/sync";

/** Excel opens UTF-8 CSV with Chinese correctly only when it starts with a BOM. */
export const BOM = "\uFEFF";

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The text a cell must hold so that no spreadsheet evaluates it. */
export function neutraliseCell(value: CsvCell): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (FORMULA_START.test(value) && !PLAIN_NUMBER.test(value)) return `'${value}`;
  return value;
}

/** A whole CSV file: BOM, header, rows, CRLF line ends, every cell neutralised. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return BOM + stringify([header, ...rows].map((r) => r.map(neutraliseCell)), { record_delimiter: "\r\n" });
}
