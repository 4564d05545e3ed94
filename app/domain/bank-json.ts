/**
 * The question bank's JSON import/export format, plus the validation helpers both importers
 * (this one and GIFT in ./gift.ts) share. Pure: text in, questions or line-numbered errors out.
 *
 * Format: a JSON array; each element is
 *   { id, version, type, stem, options: [{ id, text }], answer, explanation, module, section,
 *     facts: [fact ids], tags, family, source, status }
 * `family` (optional on import, default the question's own id): questions that test the same point
 * share one; a paper never holds two of a family.
 * with `answer` shaped per type as documented in ./question.ts. On import `id`, `version`,
 * `source` and `status` are optional (a new question gets them from the bank); every other field
 * is checked with `questionContentSchema`. Unknown fields are errors (they are usually typos such
 * as "anwser", which would otherwise be dropped silently).
 *
 * Import is all-or-nothing: callers must import nothing when `errors` is not empty.
 */
import { z } from "zod";
import {
  QUESTION_SOURCES,
  QUESTION_STATUSES,
  questionContentSchema,
  type Question,
  type QuestionContent,
  type QuestionSource,
  type QuestionStatus,
} from "./question";

// ---------------------------------------------------------------------------------------------
// Shared by both importers
// ---------------------------------------------------------------------------------------------

/** One problem in an imported file. `message` is complete and user-facing, starting "第 N 行…". */
export interface ImportError {
  line: number;
  message: string;
}

/** One validation problem: where in the question (zod path) and what is wrong (Chinese). */
export interface ContentIssue {
  path: PropertyKey[];
  code: string;
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  number: "数字",
  int: "整数",
  boolean: "布尔值（true 或 false）",
  object: "对象 {…}",
  array: "数组 […]",
  tuple: "数组 […]",
};

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "数组";
  switch (typeof value) {
    case "string":
      return `文字“${value.length > 20 ? `${value.slice(0, 20)}…` : value}”`;
    case "number":
      return `数字 ${value}`;
    case "boolean":
      return `布尔值 ${value}`;
    case "object":
      return "对象";
    default:
      return typeof value;
  }
}

/** Chinese wording for zod's built-in issues (the schema's own messages are Chinese already and win). */
function describeIssue(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined) return "缺少此字段";
      return `应为${TYPE_NAMES[iss.expected] ?? iss.expected}，实际是${describeValue(iss.input)}`;
    case "too_small": {
      const n = Number(iss.minimum);
      if (iss.origin === "string") return `至少 ${n} 个字`;
      if (iss.origin === "array" || iss.origin === "set") return `至少 ${n} 项`;
      return `不能小于 ${n}`;
    }
    case "too_big": {
      const n = Number(iss.maximum);
      if (iss.origin === "string") return `最多 ${n} 个字`;
      if (iss.origin === "array" || iss.origin === "set") return `最多 ${n} 项`;
      return `不能大于 ${n}`;
    }
    case "invalid_value":
      return `应为 ${iss.values.map((v) => JSON.stringify(v)).join("、")} 之一`;
    case "invalid_union":
      if ("discriminator" in iss && Array.isArray(iss.options)) {
        return `应为 ${(iss.options as unknown[]).map((v) => JSON.stringify(v)).join("、")} 之一`;
      }
      return undefined;
    default:
      return undefined;
  }
}

const zhCN = z.locales.zhCN().localeError;
/** Per-parse error map: our wording first, zod's own zh-CN locale for anything rarer. */
export const zhErrorMap: z.core.$ZodErrorMap = (iss) => describeIssue(iss) ?? zhCN(iss);

/** Validates one question's content with `questionContentSchema`; returns the parsed (trimmed, defaulted) content or the issues. */
export function checkQuestionContent(
  input: unknown,
): { ok: true; content: QuestionContent } | { ok: false; issues: ContentIssue[] } {
  const result = questionContentSchema.safeParse(input, { error: zhErrorMap });
  if (result.success) return { ok: true, content: result.data as QuestionContent };
  return { ok: false, issues: result.error.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })) };
}

/** "answer.value", "options[1].text" */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), "");
}

/** 1-based line of a character offset. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

// ---------------------------------------------------------------------------------------------
// JSON scanner: finds each top-level element's offset (and its fields' offsets) and the first
// syntax error with a precise position. JSON.parse's own messages differ between Node versions
// and often carry no position at all ("Unexpected token ']', ... is not valid JSON"), so the
// scanner is what makes "第 N 行" reliable.
// ---------------------------------------------------------------------------------------------

interface ElementLayout {
  /** Offset of the element's first character. */
  start: number;
  /** Offsets of the element's own fields (several when a key is repeated). */
  keys: Map<string, number[]>;
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonScanner {
  private pos = 0;
  readonly elements: ElementLayout[] = [];
  topLevelIsArray = false;

  constructor(private readonly src: string) {}

  scan(): void {
    this.skipWs();
    if (this.peek() === "[") {
      this.topLevelIsArray = true;
      this.array(1, true);
    } else {
      this.value(1);
    }
    this.skipWs();
    if (this.pos < this.src.length) this.fail("JSON 已经结束，后面还有多余的内容");
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private fail(reason: string, offset = this.pos): never {
    throw new JsonSyntaxError(offset, reason);
  }

  private skipWs(): void {
    while (this.pos < this.src.length && " \t\n\r".includes(this.src[this.pos])) this.pos++;
  }

  private value(depth: number, keys: Map<string, number[]> | null = null): void {
    if (depth > MAX_DEPTH) this.fail("嵌套层数过深");
    this.skipWs();
    const c = this.peek();
    if (c === "{") return this.object(depth, keys);
    if (c === "[") return this.array(depth, false);
    if (c === '"') return void this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    for (const word of ["true", "false", "null"]) {
      if (this.src.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    if (c === undefined) this.fail("文件意外结束，这里还缺少一个值");
    if (c === "'") this.fail("文字必须用双引号 \" 括起来，不能用单引号");
    if (c === "]" || c === "}") this.fail(`这里应该是一个值，却遇到“${c}”（是不是多了一个逗号？）`);
    this.fail(`无法识别的内容“${this.src.slice(this.pos, this.pos + 12).split("\n")[0]}”（文字要用双引号括起来）`);
  }

  /** After a "," inside an array or object: a closing bracket next means a trailing comma (reported where the comma is). */
  private noTrailingComma(close: "]" | "}", commaAt: number): void {
    this.skipWs();
    if (this.peek() === close) this.fail(`多了一个逗号：“${close}”前面不能有逗号`, commaAt);
  }

  private array(depth: number, topLevel: boolean): void {
    this.pos++; // [
    this.skipWs();
    if (this.peek() === "]") {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWs();
      if (topLevel) {
        const element: ElementLayout = { start: this.pos, keys: new Map() };
        this.elements.push(element);
        this.value(depth + 1, element.keys);
      } else {
        this.value(depth + 1);
      }
      this.skipWs();
      const c = this.peek();
      if (c === ",") {
        this.noTrailingComma("]", this.pos++);
        continue;
      }
      if (c === "]") {
        this.pos++;
        return;
      }
      this.fail(c === undefined ? "文件意外结束，数组缺少“]”" : `数组的元素之间缺少逗号（或者缺少“]”），却遇到“${c}”`);
    }
  }

  private object(depth: number, keys: Map<string, number[]> | null): void {
    this.pos++; // {
    this.skipWs();
    if (this.peek() === "}") {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWs();
      const c = this.peek();
      if (c !== '"') {
        if (c === undefined) this.fail("文件意外结束，对象缺少“}”");
        if (c === "'") this.fail("字段名必须用双引号 \" 括起来，不能用单引号");
        this.fail(`这里应该是用双引号括起来的字段名，却遇到“${c}”`);
      }
      const keyAt = this.pos;
      const key = this.string();
      if (keys) keys.set(key, [...(keys.get(key) ?? []), keyAt]);
      this.skipWs();
      if (this.peek() !== ":") this.fail(`字段名 "${key}" 后面缺少冒号“:”`);
      this.pos++;
      this.value(depth + 1);
      this.skipWs();
      const d = this.peek();
      if (d === ",") {
        this.noTrailingComma("}", this.pos++);
        continue;
      }
      if (d === "}") {
        this.pos++;
        return;
      }
      this.fail(d === undefined ? "文件意外结束，对象缺少“}”" : `字段之间缺少逗号（或者缺少“}”），却遇到“${d}”`);
    }
  }

  /** A JSON string; returns its value (only keys need it). */
  private string(): string {
    const start = this.pos++;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        return JSON.parse(this.src.slice(start, this.pos)) as string;
      }
      if (c === "\\") {
        const e = this.src[this.pos + 1];
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(this.src.slice(this.pos + 2, this.pos + 6))) this.pos += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.pos += 2;
        else this.fail(`无效的转义“\\${e ?? ""}”（反斜杠本身要写成 \\\\）`);
        continue;
      }
      if (c === "\n" || c === "\r") this.fail("文字没有结束就换行了：缺少右双引号，或者换行要写成 \\n", start);
      if (c < " ") this.fail("文字里不能直接包含控制字符（如制表符），请写成 \\t 等转义");
      this.pos++;
    }
    return this.fail("文字没有结束：缺少右双引号", start);
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.src);
    const next = m ? this.src[this.pos + m[0].length] : undefined;
    if (!m || (next !== undefined && /[0-9A-Za-z.]/.test(next))) {
      this.fail(`数字格式不正确：“${this.src.slice(this.pos, this.pos + 12).split(/[\s,\]}]/)[0]}”`);
    }
    this.pos += m[0].length;
  }
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

export type ImportedBankQuestion = QuestionContent & {
  id?: string;
  line: number;
  version?: number;
  source?: QuestionSource;
  status?: QuestionStatus;
};

/** The fields of one element, in the contract's order (also the export order). */
const FIELDS = [
  "id",
  "version",
  "type",
  "stem",
  "options",
  "answer",
  "explanation",
  "module",
  "section",
  "facts",
  "tags",
  "family",
  "source",
  "status",
] as const;
const META_FIELDS = ["id", "version", "source", "status"] as const;
const CONTENT_FIELDS = FIELDS.filter((f) => !(META_FIELDS as readonly string[]).includes(f));

const metaSchema = z.object({
  id: z.string().trim().min(1).max(120).optional(),
  version: z.number().int().min(1).optional(),
  source: z.enum(QUESTION_SOURCES).optional(),
  status: z.enum(QUESTION_STATUSES).optional(),
});

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Parses a bank JSON file. Every problem is reported with the line of the element (or of the
 * field, when the problem is in one field) as "第 N 行(第 k 题)字段 answer:…".
 */
export function parseBankJson(text: string): { questions: ImportedBankQuestion[]; errors: ImportError[] } {
  const src = text.replace(/^\uFEFF/, "");
  if (src.trim() === "") return { questions: [], errors: [{ line: 1, message: "第 1 行：文件是空的" }] };
  const lineOf = lineIndex(src);
  const scanner = new JsonScanner(src);
  try {
    scanner.scan();
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const line = lineOf(e.offset);
    const column = e.offset - src.lastIndexOf("\n", e.offset - 1);
    return { questions: [], errors: [{ line, message: `第 ${line} 行第 ${column} 列：JSON 格式错误：${e.reason}` }] };
  }
  const data: unknown = JSON.parse(src); // the scanner accepted it, so this cannot throw
  if (!scanner.topLevelIsArray || !Array.isArray(data)) {
    const line = lineOf(src.search(/\S/));
    return { questions: [], errors: [{ line, message: `第 ${line} 行：最外层必须是题目数组“[ {…}, {…} ]”` }] };
  }
  if (data.length === 0) return { questions: [], errors: [{ line: 1, message: "第 1 行：文件里没有任何题目" }] };

  const questions: ImportedBankQuestion[] = [];
  const errors: ImportError[] = [];
  const seenIds = new Map<string, number>();
  data.forEach((element, i) => {
    const layout = scanner.elements[i];
    const result = checkElement(element, i + 1, layout, lineOf, seenIds);
    if ("errors" in result) errors.push(...result.errors);
    else questions.push(result.question);
  });
  return { questions, errors };
}

function checkElement(
  element: unknown,
  k: number,
  layout: ElementLayout,
  lineOf: (offset: number) => number,
  seenIds: Map<string, number>,
): { question: ImportedBankQuestion } | { errors: ImportError[] } {
  const line = lineOf(layout.start);
  if (!isPlainObject(element)) {
    return { errors: [{ line, message: `第 ${line} 行（第 ${k} 题）：每一题必须是一个对象 {…}，实际是${describeValue(element)}` }] };
  }
  const errors: ImportError[] = [];
  const fieldLine = (field: PropertyKey | undefined) => {
    const offsets = typeof field === "string" ? layout.keys.get(field) : undefined;
    return offsets ? lineOf(offsets[offsets.length - 1]) : line;
  };
  const report = (path: readonly PropertyKey[], message: string, at = fieldLine(path[0])) =>
    errors.push({ line: at, message: `第 ${at} 行（第 ${k} 题）字段 ${formatPath(path)}：${message}` });

  for (const [key, offsets] of layout.keys) {
    if (!(FIELDS as readonly string[]).includes(key)) report([key], `未知字段（可用字段：${FIELDS.join("、")}）`, lineOf(offsets[0]));
    else if (offsets.length > 1) report([key], "同一题里重复出现", lineOf(offsets[1]));
  }

  const meta = metaSchema.safeParse(element, { error: zhErrorMap });
  if (!meta.success) for (const issue of meta.error.issues) report(issue.path, issue.message);

  const content = checkQuestionContent(Object.fromEntries(CONTENT_FIELDS.filter((f) => f in element).map((f) => [f, element[f]])));
  if (!content.ok) for (const issue of content.issues) report(issue.path, issue.message);

  const id = meta.success ? meta.data.id : undefined;
  if (id !== undefined) {
    const first = seenIds.get(id);
    if (first !== undefined) report(["id"], `“${id}”与第 ${first} 题重复`);
    else seenIds.set(id, k);
  }

  if (errors.length || !meta.success || !content.ok) return { errors: errors.sort((a, b) => a.line - b.line) };
  const { version, source, status } = meta.data;
  return {
    question: {
      ...content.content,
      ...(id !== undefined && { id }),
      ...(version !== undefined && { version }),
      ...(source !== undefined && { source }),
      ...(status !== undefined && { status }),
      line,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

function exportAnswer(q: Question): unknown {
  if (q.type === "numeric") {
    const a = q.answer as { value: number; tolerance: number; unit: string };
    return { value: a.value, tolerance: a.tolerance, unit: a.unit };
  }
  if (q.type === "matching") return (q.answer as [string, string][]).map(([left, right]) => [left, right]);
  return q.answer;
}

/** Pretty JSON, keys in the contract's order, one question per element; ends with a newline. */
export function exportBankJson(questions: Question[]): string {
  const rows = questions.map((q) => ({
    id: q.id,
    version: q.version,
    type: q.type,
    stem: q.stem,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
    answer: exportAnswer(q),
    explanation: q.explanation,
    module: q.module,
    section: q.section,
    facts: [...q.facts],
    tags: [...q.tags],
    family: q.family,
    source: q.source,
    status: q.status,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
