/**
 * A results table as a file: CSV (app/domain/csv.ts) or .xlsx (exceljs). Both go through the one cell
 * rule, `neutraliseCell`: text a spreadsheet would evaluate (= + - @ …) gets a leading apostrophe; numbers
 * stay numbers. Every export of results (cohort results, exam responses, the certificate register) uses this module.
 */
import ExcelJS from "exceljs";
import { XLSX_MIME } from "~/bank-xlsx.server";
import { neutraliseCell, toCsv, type CsvCell } from "~/domain/csv";
import { CSV_TYPE } from "~/download.server";

export interface Table {
  header: string[];
  rows: CsvCell[][];
}

export type TableFormat = "csv" | "xlsx";

export function parseTableFormat(value: string | undefined): TableFormat | null {
  return value === "csv" || value === "xlsx" ? value : null;
}

export async function tableXlsx(table: Table, sheetName: string): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "客服学堂";
  // Sheet names may not hold : \ / ? * [ ] and are at most 31 characters.
  const sheet = wb.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "Sheet1");
  sheet.addRow(table.header.map(neutraliseCell));
  for (const r of table.rows) sheet.addRow(r.map(neutraliseCell));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  table.header.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, h.length * 2 + 2))));
  const out = await wb.xlsx.writeBuffer();
  return new Uint8Array(out as ArrayBuffer);
}

/** The file body and content type for a table. */
export async function tableFile(table: Table, format: TableFormat, sheetName: string): Promise<{ body: string | Uint8Array<ArrayBuffer>; type: string }> {
  if (format === "csv") return { body: toCsv(table.header, table.rows), type: CSV_TYPE };
  return { body: await tableXlsx(table, sheetName), type: XLSX_MIME };
}
