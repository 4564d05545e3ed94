/**
 * Reading and writing the question bank's Excel files with exceljs. The layout and every rule are in
 * ~/domain/bank-sheet.ts (pure, on rows of cell texts); this module only turns a workbook into rows of
 * texts and rows of texts into a workbook.
 */
import ExcelJS from "exceljs";
import { SHEET_HEADERS } from "~/domain/bank-sheet";
import { msg, type Message } from "~/domain/message";
import { zhText } from "~/i18n";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Rows read at most from an uploaded sheet (the header included). */
export const MAX_SHEET_ROWS = 5001;

/** Why a workbook cannot be read: `reason` is a message the page shows in the reader's language (`message` is its Chinese text, for logs). */
export class XlsxReadError extends Error {
  constructor(readonly reason: Message) {
    super(zhText(reason));
  }
}

/** A cell as the trainer sees it: text, numbers as shown, rich text flattened, formulas by their result. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return v.result === undefined || v.result === null ? "" : typeof v.result === "object" ? "" : String(v.result);
    if ("text" in v && typeof v.text === "string") return v.text;
  }
  return cell.text ?? "";
}

/** The first worksheet's rows as texts (`rows[i]` is row i + 1; empty rows kept, so row numbers stay true). */
export async function readSheetRows(data: ArrayBuffer | Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data instanceof Uint8Array ? (Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer) : data);
  } catch (e) {
    throw new XlsxReadError(e instanceof Error ? msg("qb.xlsx.invalid", { detail: e.message.slice(0, 120) }) : msg("qb.xlsx.invalidNoDetail"));
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new XlsxReadError(msg("qb.xlsx.noSheet"));
  if (sheet.rowCount > MAX_SHEET_ROWS) throw new XlsxReadError(msg("qb.xlsx.tooManyRows", { rows: sheet.rowCount, max: MAX_SHEET_ROWS - 1 }));
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    const width = Math.max(row.cellCount, SHEET_HEADERS.length);
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

const INSTRUCTIONS: string[][] = [
  ["列", "怎么填"],
  ["题型", "单选、多选、判断、填空、数值、排序 之一"],
  ["题干", "题目正文（可以用 Markdown）。填空题用 3 个或更多下划线 ___ 表示一个空"],
  ["选项A–选项F", "单选、多选、排序题的选项，从 A 开始连续填写；判断、填空、数值题留空"],
  ["答案", "单选：一个字母，如 B；多选：几个字母，如 ACD；判断：对 或 错；填空：同一个空的多个答案用 | 分隔，几个空之间用“;”分隔，如 双倍|2倍；数值：数值±容差 单位，如 15±0 秒；排序：按正确顺序写字母，如 CABD"],
  ["解析", "答题后显示的解释（可选）"],
  ["模块", "课程模块的编号（如 sla）或中文标题（可选）"],
  ["标签", "用逗号分隔（可选）"],
  ["分组", "考同一个知识点的题目填同一个分组名，一张试卷不会同时抽到同组的两道题（可选，空 = 自成一组）"],
  [],
  ["示例（复制到第一个工作表使用）"],
  [...SHEET_HEADERS],
  ["单选", "故障报修电话应在铃响几声内接听？", "2 声", "3 声", "4 声", "5 声", "", "", "B", "铃响不超过 3 声即应接听。", "", "接听", "接听时限"],
  ["填空", "客户的损失，我们能做的是 ____ 返还。", "", "", "", "", "", "", "双倍|2倍", "", "", "话术", "双倍返还"],
  ["数值", "故障受理电话应在多少秒内应答？", "", "", "", "", "", "", "15±0 秒", "", "", "", ""],
  ["判断", "客户要求查询他人的账户信息时，可以在核实来电号码后告知。", "", "", "", "", "", "", "错", "", "", "保密", ""],
];

/** Rows (header first) as an .xlsx workbook: the table on the first sheet, the instructions on a second. */
export async function writeSheetWorkbook(rows: readonly (readonly string[])[], opts: { instructions?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "客服学堂";
  const sheet = wb.addWorksheet("题目");
  for (const r of rows) sheet.addRow([...r]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const widths = [8, 50, 18, 18, 18, 18, 18, 18, 14, 40, 16, 16, 16];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  // Text cells throughout, so Excel keeps "15±0 秒", "001" and long answers as typed.
  for (let c = 1; c <= SHEET_HEADERS.length; c++) sheet.getColumn(c).numFmt = "@";
  if (opts.instructions) {
    const help = wb.addWorksheet("填写说明");
    for (const r of INSTRUCTIONS) help.addRow(r);
    help.getRow(1).font = { bold: true };
    help.getColumn(1).width = 14;
    help.getColumn(2).width = 90;
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** The template: the headers on the first sheet, instructions and examples on the second. */
export function templateWorkbook(): Promise<Buffer> {
  return writeSheetWorkbook([[...SHEET_HEADERS]], { instructions: true });
}
