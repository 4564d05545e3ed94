/**
 * The question bank as a table (the Excel layout Chinese training departments keep their banks in),
 * and the cell-level rules the plain-text importer (./bank-text.ts) shares. Pure: rows of cell texts
 * in, questions or located Chinese errors out; questions in, rows out. Reading and writing .xlsx
 * files (exceljs) is in app/bank-xlsx.server.ts.
 *
 * Layout: the first sheet, first row exactly these headers, one question per row:
 *   题型 | 题干 | 选项A | 选项B | 选项C | 选项D | 选项E | 选项F | 答案 | 解析 | 模块 | 标签 | 分组
 * - 题型: 单选 / 多选 / 判断 / 填空 / 数值 / 排序 (also with 题, e.g. 单选题)
 * - 答案: a letter (单选); letters (多选, `ACD`, `A,C,D`); 对/错 (判断, also 正确/错误/√/×);
 *   填空: accepted answers separated by `|`, blanks separated by `;` (full-width ｜ ； too);
 *   数值: `value±tolerance unit` (`15±0 秒`, `15+/-1 秒`, `15 秒`, `15`); 排序: letters in the right order.
 * - 模块: a module's slug or its Chinese title; 标签: separated by ，,;；、; 分组: the family (empty =
 *   the question's own id).
 * Errors name the row and the column: `第 12 行“答案”列：…`. All errors are listed; the caller
 * imports nothing when there is any.
 */
import { checkQuestionContent, type ImportError } from "./bank-json";
import { msg, type Message } from "./message";
import { splitList } from "./lists";
import { hashString } from "./prng";
import { countBlanks, type NumericAnswer, type Option, type Question, type QuestionContent, type QuestionType } from "./question";

export const SHEET_HEADERS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "模块", "标签", "分组"] as const;
export type SheetColumn = (typeof SHEET_HEADERS)[number];
export const OPTION_LETTERS = "ABCDEF";
const MAX_OPTIONS = OPTION_LETTERS.length;

/** The 题型 column's words for each type the table can hold (matching has no column layout). */
export const SHEET_TYPE_NAMES: Record<Exclude<QuestionType, "matching">, string> = {
  single: "单选",
  multiple: "多选",
  true_false: "判断",
  fill_blank: "填空",
  numeric: "数值",
  ordering: "排序",
};

const TYPE_WORDS: Record<string, Exclude<QuestionType, "matching">> = {
  单选: "single",
  单选题: "single",
  单项选择: "single",
  单项选择题: "single",
  多选: "multiple",
  多选题: "multiple",
  多项选择: "multiple",
  多项选择题: "multiple",
  判断: "true_false",
  判断题: "true_false",
  是非题: "true_false",
  填空: "fill_blank",
  填空题: "fill_blank",
  数值: "numeric",
  数值题: "numeric",
  排序: "ordering",
  排序题: "ordering",
};

export function typeFromWord(word: string): Exclude<QuestionType, "matching"> | null {
  const w = word.normalize("NFKC").replace(/\s+/g, "");
  return TYPE_WORDS[w] ?? null;
}

/** A question the table or text importer read, with where it came from. */
export type SheetQuestion = QuestionContent & { line: number; family: string };

/** Where a problem is, as the caller names it: a column of the table, or a kind of line of text. */
export type CellField = "type" | "stem" | `option${number}` | "answer" | "explanation" | "module" | "tags" | "family";

export interface CellProblem {
  field: CellField;
  message: Message;
}

/** What one question's cells hold (texts as typed). */
export interface QuestionCells {
  type: string;
  stem: string;
  /** Option texts A, B, C… (empty strings for empty cells). */
  options: string[];
  answer: string;
  explanation: string;
  module: string;
  tags: string;
  family: string;
}

export interface ModuleRef {
  slug: string;
  title: string;
}

export interface CellOptions {
  /** Courseware modules, to accept a 模块 given by slug or title. */
  modules: readonly ModuleRef[];
  /** Used when the type is not given (the text importer infers it). */
  inferType?: boolean;
}

const norm = (s: string) => s.normalize("NFKC").trim();

/** Option ids come from the text (so an id says nothing about the order or which one is right). */
function optionsFrom(texts: string[]): Option[] {
  const used = new Set<string>();
  return texts.map((text) => {
    const base = `o-${hashString(text).toString(36)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { id, text };
  });
}

/** Letters as typed ("ACD", "A,C,D", "a、c", full-width "ＡＣ") → indices; null when something else is there. */
export function parseLetters(answer: string): number[] | null {
  const s = norm(answer).toUpperCase().replace(/[\s,，、;；/]+/g, "");
  if (!/^[A-Z]+$/.test(s)) return null;
  return [...s].map((c) => c.charCodeAt(0) - 65);
}

const TRUE_WORDS = new Set(["对", "正确", "是", "√", "✓", "T", "TRUE", "Y", "V"]);
const FALSE_WORDS = new Set(["错", "错误", "否", "×", "✗", "X", "F", "FALSE", "N"]);

export function parseTrueFalse(answer: string): boolean | null {
  const s = norm(answer).toUpperCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return null;
}

/** "双倍|2倍;24小时" → [["双倍","2倍"],["24小时"]] (full-width ｜ and ； too). */
export function parseBlankAnswers(answer: string): string[][] {
  return answer
    .split(/[;；]/)
    .map((blank) =>
      blank
        .split(/[|｜]/)
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .filter((b, i, all) => b.length > 0 || i < all.length - 1);
}

const NUMERIC_ANSWER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?:(?:±|\+\/-|\+-)\s*(\d+(?:\.\d*)?|\.\d+))?\s*(.*)$/;

/** "15±0 秒", "15 +/- 1秒", "15秒", "15" → value, tolerance, unit (possibly empty); null when not a number first. */
export function parseNumericAnswer(answer: string): NumericAnswer | null {
  const s = norm(answer).replace(/。/g, ".");
  const m = NUMERIC_ANSWER.exec(s);
  if (!m) return null;
  const value = Number(m[1]);
  const tolerance = m[2] === undefined ? 0 : Number(m[2]);
  if (!Number.isFinite(value) || !Number.isFinite(tolerance)) return null;
  return { value, tolerance, unit: m[3].trim() };
}

/** The numeric answer as the table writes it: "15±0 秒". */
export function formatNumericAnswer(a: NumericAnswer): string {
  return `${a.value}±${a.tolerance}${a.unit ? ` ${a.unit}` : ""}`;
}

function inferType(cells: QuestionCells, filled: string[]): Exclude<QuestionType, "matching"> | null {
  if (filled.length) {
    const letters = parseLetters(cells.answer);
    if (letters) return letters.length > 1 ? "multiple" : "single";
    return null;
  }
  if (parseTrueFalse(cells.answer) !== null) return "true_false";
  if (countBlanks(cells.stem) > 0) return "fill_blank";
  if (parseNumericAnswer(cells.answer)) return "numeric";
  return null;
}

/**
 * One question from its cells: every problem found, each with the field it is in. Messages are
 * Chinese and do not say where (the caller adds "第 N 行“答案”列：" or "第 N 行：").
 */
export function questionFromCells(cells: QuestionCells, opts: CellOptions): { ok: true; content: QuestionContent; family: string } | { ok: false; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const add = (field: CellField, message: Message) => problems.push({ field, message });

  // Options: no gaps (a filled option after an empty one is almost always a shifted column).
  const texts = cells.options.map((o) => o.trim());
  let last = -1;
  texts.forEach((t, i) => {
    if (t) last = i;
  });
  const filled = texts.slice(0, last + 1);
  filled.forEach((t, i) => {
    if (!t) add(`option${i}`, msg("imp.cell.optionGap", { letter: OPTION_LETTERS[i] ?? i + 1 }));
  });

  let type: Exclude<QuestionType, "matching"> | null = null;
  if (cells.type.trim()) {
    type = typeFromWord(cells.type);
    if (!type) add("type", msg("imp.cell.badType", { text: cells.type.trim() }));
  } else if (opts.inferType) {
    type = inferType(cells, filled);
    if (!type) add("type", msg("imp.cell.cannotInferType"));
  } else add("type", msg("imp.cell.noType"));

  const stem = cells.stem.trim();
  if (!stem) add("stem", msg("imp.cell.noStem"));
  const answerText = cells.answer.trim();

  let module: string | null = null;
  const moduleText = norm(cells.module);
  if (moduleText) {
    const m = opts.modules.find((x) => x.slug === moduleText || norm(x.title) === moduleText);
    if (m) module = m.slug;
    else add("module", msg("imp.cell.noModule", { text: moduleText }));
  }
  const tags = splitList(cells.tags);
  const family = cells.family.trim();
  if (family.length > 120) add("family", msg("imp.cell.familyTooLong"));

  let options: Option[] = [];
  let answer: unknown;
  const needOptions = type === "single" || type === "multiple" || type === "ordering";
  if (type && !needOptions && filled.length) add("option0", msg("imp.cell.noOptionsWanted", { type: msg(`exams.type.${type}`) }));
  if (type && !answerText) add("answer", msg("imp.cell.noAnswer"));
  else if (type) {
    switch (type) {
      case "single":
      case "multiple":
      case "ordering": {
        options = optionsFrom(filled);
        const letters = parseLetters(answerText);
        if (!letters) {
          add("answer", msg(`imp.cell.notLetters.${type}`, { text: answerText }));
          break;
        }
        const missing = letters.filter((i) => i >= filled.length || !filled[i]);
        if (missing.length) {
          add("answer", msg("imp.cell.lettersWithoutOption", { letters: [...new Set(missing)].map((i) => String.fromCharCode(65 + i)) }));
          break;
        }
        if (new Set(letters).size !== letters.length) {
          add("answer", msg("imp.cell.repeatedLetter"));
          break;
        }
        if (type === "single") {
          if (letters.length !== 1) add("answer", msg("imp.cell.singleOneLetter", { n: letters.length }));
          else answer = options[letters[0]].id;
        } else if (type === "multiple") answer = letters.map((i) => options[i].id);
        else {
          if (letters.length !== filled.length) add("answer", msg("imp.cell.orderingAllLetters", { n: filled.length }));
          else answer = letters.map((i) => options[i].id);
        }
        break;
      }
      case "true_false": {
        const v = parseTrueFalse(answerText);
        if (v === null) add("answer", msg("imp.cell.notTrueFalse", { text: answerText }));
        else answer = v;
        break;
      }
      case "fill_blank": {
        const blanks = parseBlankAnswers(answerText);
        const n = countBlanks(stem);
        if (n === 0) add("stem", msg("imp.cell.noBlankInStem"));
        if (blanks.some((b) => b.length === 0)) add("answer", msg("imp.cell.emptyBlank"));
        else if (n > 0 && blanks.length !== n) add("answer", msg("imp.cell.blankCount", { n, given: blanks.length }));
        else answer = blanks;
        break;
      }
      case "numeric": {
        const a = parseNumericAnswer(answerText);
        if (!a) add("answer", msg("imp.cell.notNumeric", { text: answerText }));
        else answer = a;
        break;
      }
    }
  }
  if (problems.length || !type) return { ok: false, problems };

  const checked = checkQuestionContent({ type, stem, options, answer, explanation: cells.explanation.trim(), module, section: null, facts: [], tags });
  if (!checked.ok) {
    for (const issue of checked.issues) {
      const [head, i] = issue.path;
      const field: CellField =
        head === "stem" ? "stem" : head === "options" ? (typeof i === "number" ? `option${i}` : "option0") : head === "explanation" ? "explanation" : head === "tags" ? "tags" : "answer";
      add(field, head === "tags" && typeof i === "number" ? msg("imp.cell.tag", { tag: tags[i], detail: issue.message }) : issue.message);
    }
    return { ok: false, problems };
  }
  return { ok: true, content: checked.content, family };
}

/** The table's column of a field. */
function columnOf(field: CellField): SheetColumn {
  const m = /^option(\d+)$/.exec(field);
  if (m) return `选项${OPTION_LETTERS[Number(m[1])] ?? "A"}` as SheetColumn;
  const map: Record<string, SheetColumn> = { type: "题型", stem: "题干", answer: "答案", explanation: "解析", module: "模块", tags: "标签", family: "分组" };
  return map[field];
}

const cellText = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/**
 * Parses the rows of the first sheet (row 1 = headers; `rows[i]` is row i + 1). Every problem is
 * reported as "第 N 行“列”列：…".
 */
export function parseBankSheet(rows: readonly (readonly unknown[])[], opts: { modules: readonly ModuleRef[] }): { questions: SheetQuestion[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const header = (rows[0] ?? []).map((c) => norm(cellText(c)));
  while (header.length && header[header.length - 1] === "") header.pop();
  const expected = SHEET_HEADERS.join(" | ");
  if (header.length !== SHEET_HEADERS.length || SHEET_HEADERS.some((h, i) => header[i] !== h)) {
    const firstWrong = SHEET_HEADERS.findIndex((h, i) => header[i] !== h);
    const detail =
      firstWrong >= 0
        ? msg("imp.sheet.wrongColumn", { n: firstWrong + 1, expected: SHEET_HEADERS[firstWrong], actual: header[firstWrong] ?? "" })
        : msg("imp.sheet.extraColumn", { n: SHEET_HEADERS.length + 1, actual: header[SHEET_HEADERS.length] });
    return { questions: [], errors: [{ line: 1, message: msg("imp.atLine", { line: 1, detail: msg("imp.sheet.badHeader", { detail, expected }) }) }] };
  }
  const questions: SheetQuestion[] = [];
  for (let r = 1; r < rows.length; r++) {
    const line = r + 1;
    const cells = SHEET_HEADERS.map((_, i) => cellText(rows[r]?.[i]));
    if (cells.every((c) => c.trim() === "")) continue;
    const extra = (rows[r] ?? []).slice(SHEET_HEADERS.length).findIndex((c) => cellText(c).trim() !== "");
    if (extra >= 0) errors.push({ line, message: msg("imp.atColumn", { line, column: SHEET_HEADERS.length + extra + 1, detail: msg("imp.sheet.outsideHeader") }) });
    const result = questionFromCells(
      { type: cells[0], stem: cells[1], options: cells.slice(2, 2 + MAX_OPTIONS), answer: cells[8], explanation: cells[9], module: cells[10], tags: cells[11], family: cells[12] },
      opts,
    );
    if (!result.ok) {
      for (const p of result.problems) errors.push({ line, message: msg("imp.atCell", { line, column: columnOf(p.field), detail: p.message }) });
    } else questions.push({ ...result.content, line, family: result.family });
  }
  if (!questions.length && !errors.length) errors.push({ line: 2, message: msg("imp.atLine", { line: 2, detail: msg("imp.sheet.noQuestions") }) });
  return { questions, errors };
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/** A question's answer as the 答案 column writes it; null when the table cannot hold the question. */
function answerCell(q: QuestionContent, letterOf: (id: string) => string): string | null {
  switch (q.type) {
    case "single":
      return letterOf(q.answer as string);
    case "multiple": {
      const right = new Set(q.answer as string[]);
      return q.options.filter((o) => right.has(o.id)).map((o) => letterOf(o.id)).join("");
    }
    case "ordering":
      return (q.answer as string[]).map(letterOf).join("");
    case "true_false":
      return q.answer ? "对" : "错";
    case "fill_blank":
      return (q.answer as string[][]).map((b) => b.join("|")).join(";");
    case "numeric":
      return formatNumericAnswer(q.answer as NumericAnswer);
    default:
      return null;
  }
}

export interface SheetExport {
  /** Header row first. */
  rows: string[][];
  /** Questions the layout cannot hold (matching; more than 6 options), with why. */
  skipped: { id: string; reason: string }[];
}

/** The bank in the table layout (round trip: `parseBankSheet` reads back the same questions). */
export function bankToSheetRows(questions: readonly (Question & { family?: string })[]): SheetExport {
  const rows: string[][] = [[...SHEET_HEADERS]];
  const skipped: SheetExport["skipped"] = [];
  for (const q of questions) {
    if (q.type === "matching") {
      skipped.push({ id: q.id, reason: "匹配题没有表格格式" });
      continue;
    }
    if (q.options.length > MAX_OPTIONS) {
      skipped.push({ id: q.id, reason: `有 ${q.options.length} 个选项，表格最多 ${MAX_OPTIONS} 个` });
      continue;
    }
    // Ordering steps are written in stored order, which is not the right order (the 答案 column has it).
    const letterOf = (id: string) => OPTION_LETTERS[q.options.findIndex((o) => o.id === id)] ?? "?";
    const answer = answerCell(q, letterOf);
    if (answer === null) {
      skipped.push({ id: q.id, reason: "题型没有表格格式" });
      continue;
    }
    const options = Array.from({ length: MAX_OPTIONS }, (_, i) => q.options[i]?.text ?? "");
    rows.push([
      SHEET_TYPE_NAMES[q.type as Exclude<QuestionType, "matching">],
      q.stem,
      ...options,
      answer,
      q.explanation,
      q.module ?? "",
      q.tags.join(","),
      q.family?.trim() || q.id,
    ]);
  }
  return { rows, skipped };
}
