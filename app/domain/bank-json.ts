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
import { msg, type Message } from "./message";
import { describeValue, issueMessage, messageErrorMap } from "./zod-message";

// ---------------------------------------------------------------------------------------------
// Shared by both importers
// ---------------------------------------------------------------------------------------------

/** One problem in an imported file: its line, and what is wrong as a message that names the line ("第 N 行…" / "Line N: …"). */
export interface ImportError {
  line: number;
  message: Message;
}

/** One validation problem: where in the question (zod path) and what is wrong. */
export interface ContentIssue {
  path: PropertyKey[];
  code: string;
  message: Message;
}

/** Validates one question's content with `questionContentSchema`; returns the parsed (trimmed, defaulted) content or the issues. */
export function checkQuestionContent(
  input: unknown,
): { ok: true; content: QuestionContent } | { ok: false; issues: ContentIssue[] } {
  const result = questionContentSchema.safeParse(input, { error: messageErrorMap });
  if (result.success) return { ok: true, content: result.data as QuestionContent };
  return { ok: false, issues: result.error.issues.map((i) => ({ path: i.path, code: i.code, message: issueMessage(i) })) };
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
    readonly reason: Message,
  ) {
    super(reason.key);
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
    if (this.pos < this.src.length) this.fail(msg("imp.json.trailing"));
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private fail(reason: Message, offset = this.pos): never {
    throw new JsonSyntaxError(offset, reason);
  }

  private skipWs(): void {
    while (this.pos < this.src.length && " \t\n\r".includes(this.src[this.pos])) this.pos++;
  }

  private value(depth: number, keys: Map<string, number[]> | null = null): void {
    if (depth > MAX_DEPTH) this.fail(msg("imp.json.tooDeep"));
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
    if (c === undefined) this.fail(msg("imp.json.eofValue"));
    if (c === "'") this.fail(msg("imp.json.singleQuotedString"));
    if (c === "]" || c === "}") this.fail(msg("imp.json.valueExpected", { c }));
    this.fail(msg("imp.json.unknownToken", { text: this.src.slice(this.pos, this.pos + 12).split("\n")[0] }));
  }

  /** After a "," inside an array or object: a closing bracket next means a trailing comma (reported where the comma is). */
  private noTrailingComma(close: "]" | "}", commaAt: number): void {
    this.skipWs();
    if (this.peek() === close) this.fail(msg("imp.json.extraComma", { close }), commaAt);
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
      this.fail(c === undefined ? msg("imp.json.eofArray") : msg("imp.json.arrayComma", { c }));
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
        if (c === undefined) this.fail(msg("imp.json.eofObject"));
        if (c === "'") this.fail(msg("imp.json.singleQuotedKey"));
        this.fail(msg("imp.json.keyExpected", { c }));
      }
      const keyAt = this.pos;
      const key = this.string();
      if (keys) keys.set(key, [...(keys.get(key) ?? []), keyAt]);
      this.skipWs();
      if (this.peek() !== ":") this.fail(msg("imp.json.colon", { key }));
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
      this.fail(d === undefined ? msg("imp.json.eofObject") : msg("imp.json.objectComma", { c: d }));
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
        else this.fail(msg("imp.json.badEscape", { e: e ?? "" }));
        continue;
      }
      if (c === "\n" || c === "\r") this.fail(msg("imp.json.newlineInString"), start);
      if (c < " ") this.fail(msg("imp.json.controlChar"));
      this.pos++;
    }
    return this.fail(msg("imp.json.unterminated"), start);
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.src);
    const next = m ? this.src[this.pos + m[0].length] : undefined;
    if (!m || (next !== undefined && /[0-9A-Za-z.]/.test(next))) {
      this.fail(msg("imp.json.badNumber", { text: this.src.slice(this.pos, this.pos + 12).split(/[\s,\]}]/)[0] }));
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
  if (src.trim() === "") return { questions: [], errors: [{ line: 1, message: msg("imp.atLine", { line: 1, detail: msg("imp.empty") }) }] };
  const lineOf = lineIndex(src);
  const scanner = new JsonScanner(src);
  try {
    scanner.scan();
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const line = lineOf(e.offset);
    const column = e.offset - src.lastIndexOf("\n", e.offset - 1);
    return { questions: [], errors: [{ line, message: msg("imp.json.syntax", { line, column, detail: e.reason }) }] };
  }
  const data: unknown = JSON.parse(src); // the scanner accepted it, so this cannot throw
  if (!scanner.topLevelIsArray || !Array.isArray(data)) {
    const line = lineOf(src.search(/\S/));
    return { questions: [], errors: [{ line, message: msg("imp.atLine", { line, detail: msg("imp.json.topLevel") }) }] };
  }
  if (data.length === 0) return { questions: [], errors: [{ line: 1, message: msg("imp.atLine", { line: 1, detail: msg("imp.noQuestions") }) }] };

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
    return { errors: [{ line, message: msg("imp.json.atElement", { line, k, detail: msg("imp.json.notObject", { value: describeValue(element) }) }) }] };
  }
  const errors: ImportError[] = [];
  const fieldLine = (field: PropertyKey | undefined) => {
    const offsets = typeof field === "string" ? layout.keys.get(field) : undefined;
    return offsets ? lineOf(offsets[offsets.length - 1]) : line;
  };
  const report = (path: readonly PropertyKey[], message: Message, at = fieldLine(path[0])) =>
    errors.push({ line: at, message: msg("imp.json.atField", { line: at, k, path: formatPath(path), detail: message }) });

  for (const [key, offsets] of layout.keys) {
    if (!(FIELDS as readonly string[]).includes(key)) report([key], msg("imp.json.unknownField", { fields: FIELDS }), lineOf(offsets[0]));
    else if (offsets.length > 1) report([key], msg("imp.json.repeatedField"), lineOf(offsets[1]));
  }

  const meta = metaSchema.safeParse(element, { error: messageErrorMap });
  if (!meta.success) for (const issue of meta.error.issues) report(issue.path, issueMessage(issue));

  const content = checkQuestionContent(Object.fromEntries(CONTENT_FIELDS.filter((f) => f in element).map((f) => [f, element[f]])));
  if (!content.ok) for (const issue of content.issues) report(issue.path, issue.message);

  const id = meta.success ? meta.data.id : undefined;
  if (id !== undefined) {
    const first = seenIds.get(id);
    if (first !== undefined) report(["id"], msg("imp.json.duplicateId", { id, first }));
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
