/**
 * Questions as Chinese trainers paste them from Word. Pure: text in, questions or line-numbered
 * Chinese errors out. The answer rules are the table's (./bank-sheet.ts `questionFromCells`).
 *
 *   1. 故障报修电话应在铃响几声内接听?         ← a number starts a question: 1.  1、  1．  (1)  （1）
 *   A. 2 声                                   ← options A–F: A.  A、  A．  A)  (several may share a line)
 *   B. 3 声
 *   答案:B                                    ← 答案 / 解析 / 题型 / 分组 / 模块 / 标签 lines, colon full- or half-width
 *   解析:铃响不超过 3 声即应接听。            ← lines after 解析 continue it until the next question
 *
 * The type is inferred when there is no 题型 line: options with one letter → 单选, several → 多选;
 * no options: 对/错 → 判断, a stem with ___ → 填空, a number → 数值. 排序 needs `题型：排序`.
 * Text before the first numbered question (a title, say) is ignored when it has no 答案 line.
 */
import type { ImportError } from "./bank-json";
import { msg } from "./message";
import { OPTION_LETTERS, questionFromCells, type CellField, type ModuleRef, type QuestionCells, type SheetQuestion } from "./bank-sheet";

const QUESTION_START = /^\s*(?:(\d{1,4})\s*[.．、]|[(（]\s*(\d{1,4})\s*[)）])\s*(.*)$/;
const OPTION_START = /^\s*([A-Fa-f])\s*[.．、)）]\s*(.*)$/;
/** Several options on one line: "A. 2 声  B. 3 声  C. 4 声". */
const INLINE_OPTION = /(?:^|\s+)([A-F])\s*[.．、]\s*/g;
const KEY_LINE = /^\s*[【[]?\s*(答案|正确答案|解析|答案解析|题型|分组|模块|标签)\s*[】\]]?\s*[:：]?\s*(.*)$/;

type Key = "answer" | "explanation" | "type" | "family" | "module" | "tags";
const KEY_OF: Record<string, Key> = { 答案: "answer", 正确答案: "answer", 解析: "explanation", 答案解析: "explanation", 题型: "type", 分组: "family", 模块: "module", 标签: "tags" };

interface Draft {
  line: number;
  stem: string[];
  options: string[];
  optionLines: number[];
  fields: Partial<Record<Key, { text: string; line: number }>>;
  /** What the next plain line continues. */
  continuing: "stem" | "option" | "explanation" | null;
}

function splitInlineOptions(text: string): { letter: string; text: string }[] | null {
  const marks = [...text.matchAll(INLINE_OPTION)];
  if (marks.length < 2 || marks[0].index !== 0) return null;
  const letters = marks.map((m) => m[1]);
  if (letters.some((l, i) => l !== OPTION_LETTERS[OPTION_LETTERS.indexOf(letters[0]) + i])) return null;
  return marks.map((m, i) => ({ letter: m[1], text: text.slice(m.index! + m[0].length, i + 1 < marks.length ? marks[i + 1].index : undefined).trim() }));
}

export function parseBankText(text: string, opts: { modules: readonly ModuleRef[] }): { questions: SheetQuestion[]; errors: ImportError[] } {
  const drafts: Draft[] = [];
  const errors: ImportError[] = [];
  let current: Draft | null = null;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);

  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.replace(/\u3000/g, " ").trimEnd();
    if (line.trim() === "") {
      if (current && current.continuing === "stem" && current.stem.length) current.stem.push("");
      return;
    }
    const start = QUESTION_START.exec(line);
    if (start) {
      current = { line: n, stem: [start[3]], options: [], optionLines: [], fields: {}, continuing: "stem" };
      drafts.push(current);
      return;
    }
    if (!current) {
      if (KEY_LINE.test(line) || OPTION_START.test(line))
        errors.push({ line: n, message: msg("imp.atLine", { line: n, detail: msg("imp.text.noQuestionBefore") }) });
      return; // a title or a note before the first question
    }
    const key = KEY_LINE.exec(line);
    if (key) {
      const k = KEY_OF[key[1]];
      if (current.fields[k]) errors.push({ line: n, message: msg("imp.atLine", { line: n, detail: msg("imp.text.repeatedKey", { start: current.line, key: key[1] }) }) });
      else current.fields[k] = { text: key[2].trim(), line: n };
      current.continuing = k === "explanation" ? "explanation" : null;
      return;
    }
    const inline = splitInlineOptions(line.trim());
    const option = OPTION_START.exec(line);
    if ((inline || option) && current.continuing !== "explanation") {
      for (const o of inline ?? [{ letter: option![1].toUpperCase(), text: option![2].trim() }]) {
        const index = OPTION_LETTERS.indexOf(o.letter);
        if (index !== current.options.length) {
          errors.push({
            line: n,
            message: msg("imp.atLine", {
              line: n,
              detail: current.options.length < OPTION_LETTERS.length ? msg("imp.text.optionOrder", { letter: o.letter, expected: OPTION_LETTERS[current.options.length] }) : msg("imp.text.optionTooMany", { letter: o.letter }),
            }),
          });
          continue;
        }
        current.options.push(o.text);
        current.optionLines.push(n);
      }
      current.continuing = "option";
      return;
    }
    switch (current.continuing) {
      case "stem":
        current.stem.push(line.trim());
        return;
      case "option":
        current.options[current.options.length - 1] += ` ${line.trim()}`;
        return;
      case "explanation": {
        const e = current.fields.explanation!;
        e.text = e.text ? `${e.text}\n${line.trim()}` : line.trim();
        return;
      }
      default:
        errors.push({ line: n, message: msg("imp.atLine", { line: n, detail: msg("imp.text.unrecognised", { text: line.trim().slice(0, 20) }) }) });
    }
  });

  const questions: SheetQuestion[] = [];
  for (const d of drafts) {
    const cells: QuestionCells = {
      type: d.fields.type?.text ?? "",
      stem: d.stem.join("\n").trim(),
      options: d.options,
      answer: d.fields.answer?.text ?? "",
      explanation: d.fields.explanation?.text ?? "",
      module: d.fields.module?.text ?? "",
      tags: d.fields.tags?.text ?? "",
      family: d.fields.family?.text ?? "",
    };
    const lineOf = (field: CellField): number => {
      const m = /^option(\d+)$/.exec(field);
      if (m) return d.optionLines[Number(m[1])] ?? d.line;
      const key = ({ answer: "answer", explanation: "explanation", type: "type", module: "module", tags: "tags", family: "family" } as Record<string, Key>)[field];
      return (key && d.fields[key]?.line) || d.line;
    };
    if (!d.fields.answer) {
      errors.push({ line: d.line, message: msg("imp.atLine", { line: d.line, detail: msg("imp.text.noAnswer") }) });
      continue;
    }
    const result = questionFromCells(cells, { modules: opts.modules, inferType: true });
    if (!result.ok) {
      for (const p of result.problems) {
        const at = lineOf(p.field);
        errors.push({ line: at, message: at === d.line ? msg("imp.atLine", { line: at, detail: p.message }) : msg("imp.atLineForQuestion", { line: at, start: d.line, detail: p.message }) });
      }
    } else questions.push({ ...result.content, line: d.line, family: result.family });
  }
  if (!drafts.length && !errors.length) errors.push({ line: 1, message: msg("imp.atLine", { line: 1, detail: msg("imp.text.noQuestions") }) });
  errors.sort((a, b) => a.line - b.line);
  return { questions, errors };
}
