/**
 * GIFT (Moodle's plain-text question format) import and export. Pure: text in, questions, a
 * per-item report and line-numbered errors out. Parsing of each item is done by gift-pegjs; this
 * module splits the file into items the way Moodle does (so every item has a line number), maps
 * GIFT question types onto the bank's types and validates the result with `questionContentSchema`.
 *
 * Import is all-or-nothing: `questions` lists what converted cleanly (useful for a preview), but
 * callers must import nothing when `errors` is not empty.
 *
 * How GIFT maps onto the bank:
 * - MC with an `=` answer → single (answer: the full-credit option). Other options with a positive
 *   weight (`~%50%…`) are partial credit, which the bank does not have: they import as wrong
 *   options and the report says so.
 * - MC without any `=` (Moodle's "multiple answers": `~%50%a ~%50%b ~c`) → multiple; the answer is
 *   every option with a positive weight.
 * - MC whose answers are all `=` is Moodle's short answer (gift-pegjs reports it as "Short") →
 *   fill_blank with one blank, accepting every full-credit answer (`{=双倍 =2倍}`). In the
 *   missing-word form (`我们能做的是{=双倍 =2倍}返还。`) the blank is where the answers were;
 *   otherwise it is added at the end of the stem. Export writes the missing-word form back.
 * - TF → true_false; Matching → matching; Numerical → numeric (`n`, `n:tol`, `a..b` → midpoint ±
 *   half-width; several weighted answers → the 100% one). GIFT has no unit: it is written at the end
 *   of the stem as "(单位:小时)" or "[unit: h]", and is removed from the stem. Without one the
 *   unit is empty, unless the caller requires units (`requireUnit`), which makes it an error.
 * - Missing-word items (`Grant is {~buried =entombed} in Grant's tomb.`) show the blank as "____".
 * - Feedback → explanation: right-answer feedback, then general feedback (`####…`), then each other
 *   option's feedback as a "选项B“…”:…" paragraph.
 * - `::title::` → `title`; `// [tag:…]` comments → tags; `$CATEGORY:` → ignored (noted in the report).
 * - Essay, description → errors naming the type (the bank cannot hold them), or, when the caller
 *   chooses `skipUnsupported`, items reported as "skipped" and left out.
 * - `[html]`/`[markdown]` text is kept as-is (display sanitises it); nothing is ever executed.
 */
import {
  parse as parseGiftItem,
  type GIFTQuestion,
  type Matching,
  type MultipleChoice,
  type Numerical,
  type NumericalChoice,
  type NumericalFormat,
  type ShortAnswer,
  type TextChoice,
  type TextFormat,
  type TrueFalse,
} from "gift-pegjs";
import { checkQuestionContent, type ContentIssue, type ImportError } from "./bank-json";
import { isMessage, msg, type Message } from "./message";
import { splitAtBlanks, type NumericAnswer, type Option, type Question, type QuestionContent, type QuestionType } from "./question";

export type { ImportError } from "./bank-json";

export type ImportedQuestion = QuestionContent & { line: number; title?: string };

/** What gift-pegjs recognised an item as ("SyntaxError" when it could not parse it). */
export type GiftItemKind = "Category" | "Description" | "MC" | "TF" | "Matching" | "Numerical" | "Short" | "Essay" | "SyntaxError";

/** One item of the file (a block between blank lines that is not only comments). */
export interface GiftItemReport {
  /** First non-comment line of the item. */
  line: number;
  kind: GiftItemKind;
  /** The bank type the item became (or would have become, when it was rejected after being understood). */
  type?: QuestionType;
  outcome: "imported" | "rejected" | "ignored" | "skipped";
  /** The bank cannot hold this kind of item (essay, description): skippable with `skipUnsupported`. */
  unsupported?: boolean;
  title?: string;
  /** What was interpreted or dropped without being an error (partial credit, category…). */
  notes: Message[];
  /** This item's entries in `errors`. */
  errors: Message[];
}

export interface GiftParseResult {
  questions: ImportedQuestion[];
  errors: ImportError[];
  report: GiftItemReport[];
}

const BLANK = "____";
const UNSUPPORTED: Partial<Record<GiftItemKind, { label: Message; hint: Message }>> = {
  Essay: { label: msg("imp.gift.kind.essay"), hint: msg("imp.gift.kind.essayHint") },
  Description: { label: msg("imp.gift.kind.description"), hint: msg("imp.gift.kind.descriptionHint") },
};

// ---------------------------------------------------------------------------------------------
// 1. Splitting the file into items, as Moodle does
// ---------------------------------------------------------------------------------------------

interface SourceLine {
  /** 1-based line number in the file. */
  n: number;
  text: string;
}

interface GiftBlock {
  /** First non-comment line. */
  line: number;
  /** The item's non-comment lines. */
  lines: SourceLine[];
  /** The item's `//` comment lines (they may carry `[tag:…]`). */
  comments: string[];
}

/**
 * Items are separated by blank (or whitespace-only) lines. Lines whose first non-blank
 * characters are `//` are comments wherever they are, and do not separate items: a comment right
 * above a question belongs to it. A `$CATEGORY:` line is an item of its own.
 */
function splitBlocks(text: string): GiftBlock[] {
  const blocks: GiftBlock[] = [];
  let current: GiftBlock | null = null;
  let comments: string[] = [];
  const close = () => {
    if (current) blocks.push(current);
    current = null;
    comments = [];
  };
  text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const trimmed = raw.trim();
      if (trimmed === "") return close();
      if (trimmed.startsWith("//")) return void (current ? current.comments : comments).push(trimmed);
      if (trimmed.startsWith("$CATEGORY:")) {
        close();
        blocks.push({ line: i + 1, lines: [{ n: i + 1, text: trimmed }], comments: [] });
        return;
      }
      if (!current) current = { line: i + 1, lines: [], comments };
      current.lines.push({ n: i + 1, text: raw });
    });
  close();
  return blocks;
}

/** Moodle's `// [tag:name]` comments (`\]` escapes a bracket inside the name). */
function tagsFromComments(comments: string[]): string[] {
  const tags: string[] = [];
  for (const c of comments) {
    for (const m of c.matchAll(/\[tag:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]/g)) tags.push(m[1].replace(/\\\]/g, "]").trim());
  }
  return [...new Set(tags.filter(Boolean))];
}

// ---------------------------------------------------------------------------------------------
// 2. Preparing an item for gift-pegjs
// ---------------------------------------------------------------------------------------------

interface Position {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column in that line. */
  column: number;
}

type Prepared = { ok: true; text: string; toSource: (line: number, column: number) => Position } | { ok: false; at: Position; reason: Message };

/**
 * gift-pegjs is stricter than Moodle about text: it rejects an unescaped `:` anywhere (so
 * "(单位:小时)", "12:30" and "javascript:" fail) and `=`, `~`, `#` in the question text, all of
 * which Moodle accepts. This pass escapes them with a backslash where Moodle would read them as
 * text, leaving the GIFT syntax itself alone:
 * - the `::` around a leading title (inside the title, `: { } = ~ #` are escaped, as Moodle takes
 *   everything up to the closing `::` literally);
 * - inside the answer block `{…}`: `=`, `~`, `#`, `%`, `->` keep their meaning; `:` is escaped
 *   except in a numerical block's answers, where it separates value and tolerance (`{#15:2}`) —
 *   but not in their feedback (`#…`), which is text again;
 * - outside the answer block (question text before and after it), `= ~ # :` are escaped;
 * - a numerical block's single answer without "=" (`{#15:1 #反馈}`, which Moodle accepts with its
 *   feedback) gets the "=" gift-pegjs needs to accept the feedback (`{#=15:1 #反馈}`).
 * Escapes already in the source (`\{ \} \~ \= \# \: \\ \n`) are copied untouched.
 * It also checks the braces, which gives clearer errors than the parser for the common mistakes
 * (a `{` never closed, often because of a blank line inside the question, or a second block).
 */
function prepareForParser(lines: SourceLine[]): Prepared {
  try {
    return new Prepass(lines).run();
  } catch (e) {
    if (e instanceof PrepassError) return { ok: false, at: e.at, reason: e.reason };
    throw e;
  }
}

class PrepassError extends Error {
  constructor(
    readonly at: Position,
    readonly reason: Message,
  ) {
    super(reason.key);
  }
}

/** The state of the answer block being read. */
interface AnswerBlock {
  start: number;
  /** A numerical block, `{#…}`. */
  numeric: boolean;
  /** Numerical: the leading `#` has been read. */
  markerSeen: boolean;
  /** Numerical: right after the leading `#`, before the first answer. */
  beforeFirstAnswer: boolean;
  /** Numerical: inside an answer's `#feedback` or the `####` general feedback. */
  inFeedback: boolean;
}

class Prepass {
  private readonly src: string;
  private readonly lineStarts: number[] = [];
  private i = 0;
  private out = "";
  /** For each output line, the output columns (0-based) where one character not in the source was inserted. */
  private readonly inserted: number[][] = [[]];
  private block: AnswerBlock | null = null;
  private blocksSeen = 0;

  constructor(private readonly lines: SourceLine[]) {
    this.src = lines.map((l) => l.text).join("\n");
    lines.reduce((offset, l) => (this.lineStarts.push(offset), offset + l.text.length + 1), 0);
  }

  run(): Prepared {
    this.title();
    for (; this.i < this.src.length; this.i++) {
      const c = this.src[this.i];
      if (c === "\\") {
        this.emit(this.src.slice(this.i, this.i + 2)); // an escape sequence, copied as is
        this.i++;
      } else if (this.block) {
        this.answerChar(c, this.block);
      } else {
        this.textChar(c);
      }
    }
    if (this.block) this.fail(msg("imp.gift.unclosedBlock"), this.block.start);
    return { ok: true, text: this.out, toSource: (line, column) => this.toSource(line, column) };
  }

  private fail(reason: Message, offset = this.i): never {
    let k = this.lineStarts.length - 1;
    while (k > 0 && this.lineStarts[k] > offset) k--;
    throw new PrepassError({ line: this.lines[k].n, column: offset - this.lineStarts[k] + 1 }, reason);
  }

  private emit(s: string): void {
    for (const ch of s) {
      this.out += ch;
      if (ch === "\n") this.inserted.push([]);
    }
  }

  /** Writes a character that is not in the source, remembering where (for error columns). */
  private insert(ch: string): void {
    this.inserted[this.inserted.length - 1].push(this.out.length - this.out.lastIndexOf("\n") - 1);
    this.out += ch;
  }

  private escaped(ch: string): void {
    this.insert("\\");
    this.out += ch;
  }

  /** A title is only a title at the very start of the item; Moodle takes it literally up to "::". */
  private title(): void {
    const lead = this.src.match(/^\s*::/);
    if (!lead) return;
    this.emit(lead[0]);
    this.i = lead[0].length;
    while (this.i < this.src.length && !this.src.startsWith("::", this.i)) {
      const c = this.src[this.i];
      if (c === "\\") {
        this.emit(this.src.slice(this.i, this.i + 2));
        this.i += 2;
        continue;
      }
      if (":{}=~#".includes(c)) this.escaped(c);
      else this.emit(c);
      this.i++;
    }
    if (!this.src.startsWith("::", this.i)) this.fail(msg("imp.gift.titleEnd"), lead[0].length - 2);
    this.emit("::");
    this.i += 2;
  }

  /** Question text, before or after the answer block. */
  private textChar(c: string): void {
    if (c === "{") {
      if (this.blocksSeen > 0) this.fail(msg("imp.gift.oneBlock"));
      this.blocksSeen++;
      const numeric = /^\s*#(?!###)/.test(this.src.slice(this.i + 1, this.i + 40));
      this.block = { start: this.i, numeric, markerSeen: false, beforeFirstAnswer: false, inFeedback: false };
      this.emit(c);
    } else if (c === "}") {
      this.fail(msg("imp.gift.strayClose"));
    } else if ("=~#:".includes(c)) {
      this.escaped(c);
    } else {
      this.emit(c);
    }
  }

  private answerChar(c: string, block: AnswerBlock): void {
    if (c === "{") this.fail(msg("imp.gift.nestedOpen"));
    if (c === "}") {
      this.block = null;
      this.emit(c);
    } else if (block.numeric) {
      this.numericChar(c, block);
    } else if (c === ":") {
      this.escaped(c);
    } else {
      this.emit(c);
    }
  }

  private numericChar(c: string, block: AnswerBlock): void {
    if (block.beforeFirstAnswer && !/\s/.test(c)) {
      block.beforeFirstAnswer = false;
      if (/[-+0-9]/.test(c)) this.insert("=");
    }
    if (c === "#" && this.src.startsWith("####", this.i)) {
      block.inFeedback = true;
      this.emit("####");
      this.i += 3;
    } else if (c === "#") {
      if (block.markerSeen) block.inFeedback = true;
      else block.beforeFirstAnswer = true;
      block.markerSeen = true;
      this.emit(c);
    } else if (c === "=" || c === "~") {
      block.inFeedback = false; // the next answer
      this.emit(c);
    } else if (c === ":" && block.inFeedback) {
      this.escaped(c);
    } else {
      this.emit(c);
    }
  }

  /** Maps a parser position in the prepared text back to the file. */
  private toSource(line: number, column: number): Position {
    const index = Math.min(Math.max(line, 1), this.lines.length) - 1;
    const shift = (this.inserted[index] ?? []).filter((col) => col < column - 1).length;
    return { line: this.lines[index].n, column: Math.max(1, column - shift) };
  }
}

interface PegSyntaxError {
  message: string;
  found: string | null;
  expected: { type: string; text?: string; description?: string }[] | null;
  location?: { start: { line: number; column: number } };
}

function isPegSyntaxError(e: unknown): e is PegSyntaxError {
  return e instanceof Error && e.name === "SyntaxError" && "location" in e;
}

/** A Chinese reading of a gift-pegjs error, followed by the parser's own message. */
function describePegError(e: PegSyntaxError): Message {
  const weight = e.expected?.find((x) => x.type === "other" && x.description?.includes("between -100 and 100"));
  let what: Message;
  if (weight) what = msg("imp.gift.peg.weight");
  else if (e.found === null) what = msg("imp.gift.peg.end");
  else if (e.found === "\n" || e.found === "\r") what = msg("imp.gift.peg.newline");
  else what = msg("imp.gift.peg.found", { found: e.found });
  const literals = (e.expected ?? []).filter((x) => x.type === "literal" && x.text).map((x) => `“${x.text}”`);
  if (literals.length && !weight) return msg("imp.gift.peg.detailExpected", { what, expected: [...new Set(literals)].slice(0, 5), parser: e.message });
  return msg("imp.gift.peg.detail", { what, parser: e.message });
}

// ---------------------------------------------------------------------------------------------
// 3. Converting one parsed question
// ---------------------------------------------------------------------------------------------

interface Conversion {
  type?: QuestionType;
  content?: Omit<QuestionContent, "module" | "section" | "facts" | "tags" | "family">;
  notes: Message[];
  problems: Message[];
}

const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String(i + 1));
const optionId = (i: number) => (i < 26 ? String.fromCharCode(97 + i) : `o${i + 1}`);
const text = (t: TextFormat | null | undefined) => t?.text.trim() ?? "";
const joinParagraphs = (parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.trim() !== "").join("\n\n");

/**
 * gift-pegjs writes a missing-word item's stem as `before + " _____ " + after`; show the blank as
 * "____" and drop the space it adds before closing punctuation ("from _____ ." → "from ____.").
 */
function stemOf(q: { stem: TextFormat; hasEmbeddedAnswers: boolean }): string {
  const stem = q.stem.text;
  const at = q.hasEmbeddedAnswers ? stem.indexOf("_____") : -1;
  if (at < 0) return stem.trim();
  let after = stem.slice(at + 5);
  if (/^ [.,;:!?。,;:!?、)）」』]/.test(after) || after === " ") after = after.slice(1);
  return `${stem.slice(0, at)}${BLANK}${after}`.trim();
}

/** gift-pegjs leaves its escape placeholders in matching answers (the right-hand side); decode them as it does elsewhere. */
function decodePlaceholders(s: string): string {
  return s
    .replace(/&&092;/g, "\\")
    .replace(/&&058;/g, ":")
    .replace(/&&035;/g, "#")
    .replace(/&&061;/g, "=")
    .replace(/&&123;/g, "{")
    .replace(/&&125;/g, "}")
    .replace(/&&126;/g, "~")
    .replace(/&&010/g, "\n");
}

/** A choice's credit in percent: `=` without weight is 100, `~` without weight is 0. */
const credit = (c: { isCorrect: boolean; weight: number | null }) => c.weight ?? (c.isCorrect ? 100 : 0);

function fromMultipleChoice(q: MultipleChoice): Conversion {
  const options: Option[] = q.choices.map((c, i) => ({ id: optionId(i), text: text(c.text) }));
  const label = (i: number) => `选项${letter(i)}“${options[i].text}”`;
  const feedbackLine = (c: TextChoice, i: number) => (text(c.feedback) ? `${label(i)}:${text(c.feedback)}` : null);
  const notes: Message[] = [];
  const general = text(q.globalFeedback);

  // Moodle: an MC with at least one "=" is single-answer; without any "=" it is multiple-answer.
  if (q.choices.some((c) => c.isCorrect)) {
    const full = q.choices.map((c, i) => (credit(c) >= 100 ? i : -1)).filter((i) => i >= 0);
    if (full.length === 0) return { type: "single", notes, problems: [msg("imp.gift.singleNoFull")] };
    if (full.length > 1) {
      return {
        type: "single",
        notes,
        problems: [
          msg("imp.gift.singleManyFull", { n: full.length, options: full.map((i) => `“${options[i].text}”`) }),
        ],
      };
    }
    const right = full[0];
    q.choices.forEach((c, i) => {
      if (i !== right && credit(c) > 0) notes.push(msg("imp.gift.partialAsWrong", { letter: letter(i), text: options[i].text, credit: credit(c) }));
    });
    const explanation = joinParagraphs([text(q.choices[right].feedback), general, ...q.choices.map((c, i) => (i === right ? null : feedbackLine(c, i)))]);
    return { type: "single", content: { type: "single", stem: stemOf(q), options, answer: options[right].id, explanation }, notes, problems: [] };
  }

  const right = q.choices.map((c, i) => (credit(c) > 0 ? i : -1)).filter((i) => i >= 0);
  if (right.length === 0) return { type: "multiple", notes, problems: [msg("imp.gift.multipleNoRight")] };
  notes.push(msg("imp.gift.multipleInferred", { options: right.map((i) => `“${options[i].text}”`) }));
  const explanation = joinParagraphs([general, ...q.choices.map(feedbackLine)]);
  return {
    type: "multiple",
    content: { type: "multiple", stem: stemOf(q), options, answer: right.map((i) => options[i].id), explanation },
    notes,
    problems: [],
  };
}

/**
 * Moodle's `{T#feedback1#feedback2}`: feedback1 is shown to a learner who answered wrongly,
 * feedback2 to one who answered rightly. gift-pegjs keeps them in that order but names them
 * trueFeedback / falseFeedback, which is misleading.
 */
/** Moodle's short answer → fill_blank with one blank accepting each full-credit answer. */
function fromShortAnswer(q: ShortAnswer): Conversion {
  const notes: Message[] = [];
  const accepted = [...new Set(q.choices.filter((c) => credit(c) >= 100).map((c) => text(c.text)).filter(Boolean))];
  for (const c of q.choices) if (credit(c) > 0 && credit(c) < 100) notes.push(msg("imp.gift.partialIgnored", { text: text(c.text), credit: credit(c) }));
  if (accepted.length === 0) return { type: "fill_blank", notes, problems: [msg("imp.gift.shortNoFull")] };
  let stem = stemOf(q);
  if (!q.hasEmbeddedAnswers) {
    stem = `${stem}\n\n${BLANK}`;
    notes.push(msg("imp.gift.shortAsBlank"));
  } else notes.push(msg("imp.gift.embeddedBlank"));
  const explanation = joinParagraphs([...q.choices.filter((c) => credit(c) >= 100).map((c) => text(c.feedback)), text(q.globalFeedback)]);
  return { type: "fill_blank", content: { type: "fill_blank", stem, options: [], answer: [accepted], explanation }, notes, problems: [] };
}

function fromTrueFalse(q: TrueFalse): Conversion {
  const wrongFeedback = text(q.trueFeedback);
  const rightFeedback = text(q.falseFeedback);
  const wrongChoice = q.isTrue ? "错误" : "正确";
  const explanation = joinParagraphs([rightFeedback, text(q.globalFeedback), wrongFeedback && `选项“${wrongChoice}”:${wrongFeedback}`]);
  return { type: "true_false", content: { type: "true_false", stem: stemOf(q), options: [], answer: q.isTrue, explanation }, notes: [], problems: [] };
}

function fromMatching(q: Matching): Conversion {
  const notes: Message[] = [];
  const pairs: [string, string][] = [];
  for (const p of q.matchPairs) {
    const left = text(p.subquestion);
    const right = decodePlaceholders(p.subanswer).trim();
    // Moodle allows "= -> extra answer" as a distractor on the right-hand side; the bank does not.
    if (left === "") notes.push(msg("imp.gift.matchingDistractor", { text: right }));
    else pairs.push([left, right]);
  }
  return { type: "matching", content: { type: "matching", stem: stemOf(q), options: [], answer: pairs, explanation: text(q.globalFeedback) }, notes, problems: [] };
}

/** Avoids binary noise from the range arithmetic (3.141..3.142 → 3.1415 ± 0.0005). */
const tidy = (n: number) => Number(n.toPrecision(12));

function numberFrom(f: NumericalFormat): { value: number; tolerance: number } | Message {
  switch (f.type) {
    case "simple":
      return { value: f.number ?? NaN, tolerance: 0 };
    case "range":
      return { value: f.number ?? NaN, tolerance: f.range ?? 0 };
    case "high-low": {
      const low = f.numberLow ?? NaN;
      const high = f.numberHigh ?? NaN;
      if (low > high) return msg("imp.gift.rangeReversed", { low, high });
      return { value: tidy((low + high) / 2), tolerance: tidy((high - low) / 2) };
    }
  }
}

const isNumericalFormat = (t: NumericalChoice["text"] | TextFormat): t is NumericalFormat => "type" in t;

function describeNumber(f: NumericalFormat): string {
  if (f.type === "range") return `${f.number}:${f.range}`;
  if (f.type === "high-low") return `${f.numberLow}..${f.numberHigh}`;
  return String(f.number);
}

/** The unit written at the end of the stem: "(单位:小时)", "(单位:小时)", "[unit: h]", "[单位:h]". */
const UNIT_AT_END = /\s*(?:[(（]\s*(?:单位|unit)\s*[:：]\s*(.+?)\s*[)）]|\[\s*(?:单位|unit)\s*[:：]\s*([^\]]+?)\s*\])\s*$/i;

function fromNumerical(q: Numerical, requireUnit: boolean): Conversion {
  const notes: Message[] = [];
  const problems: Message[] = [];
  let chosen: NumericalFormat | undefined;
  let rightFeedback = "";
  const otherFeedback: string[] = [];
  if (Array.isArray(q.choices)) {
    const full = q.choices.filter((c) => credit(c) >= 100 && isNumericalFormat(c.text));
    const best = full[0];
    if (!best) problems.push(msg("imp.gift.numericNoFull"));
    else {
      chosen = best.text as NumericalFormat;
      rightFeedback = text(best.feedback);
    }
    for (const c of q.choices) {
      if (c === best) continue;
      const shown = isNumericalFormat(c.text) ? `答案 ${describeNumber(c.text)}` : "其他答案";
      if (credit(c) > 0)
        notes.push(isNumericalFormat(c.text) ? msg("imp.gift.numericPartialAnswer", { answer: describeNumber(c.text), credit: credit(c) }) : msg("imp.gift.numericPartialOther", { credit: credit(c) }));
      if (text(c.feedback)) otherFeedback.push(`${shown}:${text(c.feedback)}`);
    }
  } else {
    chosen = q.choices;
  }

  let stem = stemOf(q);
  const unitMatch = stem.match(UNIT_AT_END);
  const unit = unitMatch ? (unitMatch[1] ?? unitMatch[2]).trim() : "";
  if (unitMatch) stem = stem.slice(0, unitMatch.index).trim();
  else if (requireUnit) problems.push(msg("imp.gift.unitRequired"));
  else notes.push(msg("imp.gift.noUnit"));

  const number = chosen ? numberFrom(chosen) : undefined;
  if (number && isMessage(number)) problems.push(number);
  if (problems.length || !number || isMessage(number)) return { type: "numeric", notes, problems };
  const answer: NumericAnswer = { value: number.value, tolerance: number.tolerance, unit };
  const explanation = joinParagraphs([rightFeedback, text(q.globalFeedback), ...otherFeedback]);
  return { type: "numeric", content: { type: "numeric", stem, options: [], answer, explanation }, notes, problems };
}

function convert(q: Exclude<GIFTQuestion, { type: "Category" }>, opts: GiftOptions): Conversion {
  switch (q.type) {
    case "Short":
      return fromShortAnswer(q);
    case "MC":
      return fromMultipleChoice(q);
    case "TF":
      return fromTrueFalse(q);
    case "Matching":
      return fromMatching(q);
    case "Numerical":
      return fromNumerical(q, opts.requireUnit ?? false);
    default: {
      const u = UNSUPPORTED[q.type];
      return { notes: [], problems: [u ? msg("imp.gift.unsupportedHint", { kind: u.label, hint: u.hint }) : msg("imp.gift.unsupported", { kind: msg("imp.gift.kind.other", { kind: q.type }) })] };
    }
  }
}

/** Where in a GIFT question a validation problem is, in words a GIFT author recognises. */
function describeIssuePlace(issue: ContentIssue, content: { options: Option[]; tags: string[] }): Message {
  const [field, index, sub] = issue.path;
  switch (field) {
    case "stem":
      return msg("imp.gift.place.stem");
    case "options":
      return typeof index === "number" ? msg("imp.gift.place.option", { letter: letter(index) }) : msg("imp.gift.place.options");
    case "answer":
      if (sub === undefined && (index === "unit" || index === "tolerance" || index === "value")) return msg(`imp.gift.place.${index}`);
      return msg("imp.gift.place.answer");
    case "explanation":
      return msg("imp.gift.place.explanation");
    case "tags":
      return typeof index === "number" ? msg("imp.gift.place.tag", { tag: content.tags[index] }) : msg("imp.gift.place.tags");
    default:
      return msg("imp.gift.place.other", { field: String(field ?? "") });
  }
}

// ---------------------------------------------------------------------------------------------
// 4. The whole file
// ---------------------------------------------------------------------------------------------

const at = (line: number, message: Message): ImportError => ({ line, message: msg("imp.atLine", { line, detail: message }) });

export interface GiftOptions {
  /** Leave out items the bank cannot hold (essay, description) instead of refusing the file. */
  skipUnsupported?: boolean;
  /** A numeric item without a unit in its stem is an error (default: imported with no unit). */
  requireUnit?: boolean;
}

function importBlock(block: GiftBlock, opts: GiftOptions): { report: GiftItemReport; question?: ImportedQuestion; errors: ImportError[] } {
  const { line } = block;
  const first = block.lines[0].text.trim();
  if (first.startsWith("$CATEGORY:")) {
    const name = first.slice("$CATEGORY:".length).trim();
    return {
      report: { line, kind: "Category", outcome: "ignored", notes: [msg("imp.gift.category", { name })], errors: [] },
      errors: [],
    };
  }
  const reject = (kind: GiftItemKind, errors: ImportError[], extra: Partial<GiftItemReport> = {}) => ({
    report: { line, kind, outcome: "rejected" as const, notes: [], ...extra, errors: errors.map((e) => e.message) },
    errors,
  });

  const prepared = prepareForParser(block.lines);
  if (!prepared.ok) {
    return reject("SyntaxError", [at(line, msg("imp.gift.syntax", { line: prepared.at.line, column: prepared.at.column, detail: prepared.reason }))]);
  }
  let parsed: GIFTQuestion[];
  try {
    parsed = parseGiftItem(prepared.text);
  } catch (e) {
    if (!isPegSyntaxError(e)) throw e;
    const where = e.location ? prepared.toSource(e.location.start.line, e.location.start.column) : null;
    const detail = describePegError(e);
    return reject("SyntaxError", [at(line, where ? msg("imp.gift.syntax", { line: where.line, column: where.column, detail }) : msg("imp.gift.syntaxNoPlace", { detail }))]);
  }
  // Blank lines separate items, so the parser finds exactly one question here.
  const q = parsed[0];
  if (!q || q.type === "Category") return reject("SyntaxError", [at(line, msg("imp.gift.unreadable"))]);
  const title = q.title ?? undefined;
  const conversion = convert(q, opts);
  const base = { kind: q.type, title, notes: conversion.notes, ...(conversion.type && { type: conversion.type }) };
  if (!conversion.type) {
    // A kind the bank cannot hold: an error, or left out when the caller chose to skip such items.
    if (opts.skipUnsupported) return { report: { line, ...base, outcome: "skipped" as const, unsupported: true, notes: conversion.problems, errors: [] }, errors: [] };
    return reject(q.type, conversion.problems.map((p) => at(line, p)), { ...base, unsupported: true });
  }
  if (conversion.problems.length || !conversion.content) return reject(q.type, conversion.problems.map((p) => at(line, p)), base);

  const tags = tagsFromComments(block.comments);
  const checked = checkQuestionContent({ ...conversion.content, module: null, section: null, facts: [], tags });
  if (!checked.ok) {
    const errors = checked.issues.map((issue) =>
      at(line, issue.code === "custom" ? issue.message : msg("imp.gift.atPlace", { place: describeIssuePlace(issue, { options: conversion.content!.options, tags }), detail: issue.message })),
    );
    return reject(q.type, errors, base);
  }
  const question: ImportedQuestion = { ...checked.content, line, ...(title !== undefined && { title }) };
  return { report: { line, ...base, outcome: "imported", errors: [] }, question, errors: [] };
}

/**
 * Parses a GIFT file. Every item found is in `report` (in file order); every problem is in
 * `errors` with its item's first line. Import nothing unless `errors` is empty.
 */
export function parseGiftFile(text: string, opts: GiftOptions = {}): GiftParseResult {
  const result: GiftParseResult = { questions: [], errors: [], report: [] };
  for (const block of splitBlocks(text)) {
    const item = importBlock(block, opts);
    result.report.push(item.report);
    result.errors.push(...item.errors);
    if (item.question) result.questions.push(item.question);
  }
  if (result.questions.length === 0 && result.errors.length === 0) result.errors.push(at(1, msg("imp.noQuestions")));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/** Escapes GIFT's special characters; newlines become `\n` (a real blank line would end the item). */
function escapeGift(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .replace(/[\\~=#{}:]/g, "\\$&")
    .replace(/\n/g, "\\n");
}

/** Text that starts with "[html]" etc. would be read as a format tag: state ours first. */
function richText(s: string): string {
  const escaped = escapeGift(s);
  return /^\[(?:html|markdown|plain|moodle)\]/.test(s) ? `[markdown]${escaped}` : escaped;
}

/** Numbers as GIFT writes them: plain decimals, never exponent notation. */
function giftNumber(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  if (Number.isInteger(n)) return BigInt(n).toString();
  return n.toFixed(20).replace(/\.?0+$/, "");
}

/**
 * A choice line. An explicit weight is written when the text starts with "%" (which would
 * otherwise be read as a weight) or when the caller asks for one.
 */
function choiceLine(mark: "=" | "~", optionText: string, weight?: number): string {
  const w = weight !== undefined ? `%${weight}%` : optionText.startsWith("%") ? `%${mark === "=" ? 100 : 0}%` : "";
  return `${mark}${w}${richText(optionText)}`;
}

function answerLines(q: Question): string[] | null {
  switch (q.type) {
    case "single": {
      let lines = q.options.map((o) => choiceLine(o.id === q.answer ? "=" : "~", o.text));
      // "=a -> b" as the first choice would be read as a matching pair: put a wrong option first.
      if (lines[0]?.startsWith("=") && q.options[0].text.includes("->") && lines.length > 1) lines = [lines[1], lines[0], ...lines.slice(2)];
      return lines;
    }
    case "multiple": {
      // Moodle's multiple-answer form: no "=", right options share 100%, wrong ones cost 100%.
      const right = new Set(q.answer as string[]);
      const share = Number((100 / Math.max(right.size, 1)).toFixed(5));
      return q.options.map((o) => choiceLine("~", o.text, right.has(o.id) ? share : -100));
    }
    case "true_false":
      return [q.answer ? "TRUE" : "FALSE"];
    case "numeric": {
      const a = q.answer as NumericAnswer;
      return [`#${giftNumber(a.value)}${a.tolerance ? `:${giftNumber(a.tolerance)}` : ""}`];
    }
    case "matching": {
      const pairs = q.answer as [string, string][];
      if (pairs.some(([left]) => left.includes("->"))) return null;
      return pairs.map(([left, right]) => `=${richText(left)} -> ${escapeGift(right)}`);
    }
    case "fill_blank": {
      // One blank: Moodle's missing-word short answer. Several blanks have no GIFT form.
      const blanks = q.answer as string[][];
      if (blanks.length !== 1) return null;
      return [blanks[0].map((a) => `=${escapeGift(a)}`).join(" ")];
    }
    case "ordering":
      return null;
  }
}

function notExportable(q: Question): string {
  const flat = (s: string) => s.replace(/\s+/g, " ").trim();
  const lines = [`// ${q.type} question ${q.id} not exportable to GIFT`, `// 题干：${flat(q.stem)}`];
  if (q.type === "ordering") {
    const byId = new Map(q.options.map((o) => [o.id, o.text]));
    lines.push(`// 正确顺序：${(q.answer as string[]).map((id, i) => `${i + 1}. ${flat(byId.get(id) ?? id)}`).join(" ")}`);
  } else if (q.type === "fill_blank") {
    lines.push(`// 答案：${(q.answer as string[][]).map((b, i) => `第 ${i + 1} 空 ${b.join(" | ")}`).join(";")}`);
    lines.push("// 原因：GIFT 的填空（简答）题只能有一个空");
  } else {
    lines.push("// 原因：匹配题左侧项目含有“->”,GIFT 无法表示");
  }
  return lines.join("\n");
}

function exportQuestion(q: Question): string {
  const answers = answerLines(q);
  if (!answers) return notExportable(q);
  const unit = q.type === "numeric" ? (q.answer as NumericAnswer).unit : "";
  const stem = unit ? `${q.stem}（单位：${unit}）` : q.stem;
  const tags = q.tags.filter((t) => !/[\x00-\x1f\x7f]/.test(t)).map((t) => `// [tag:${t.replace(/\]/g, "\\]")}]`);
  const explanation = q.explanation.trim() ? [`####${richText(q.explanation.trim())}`] : [];
  if (q.type === "fill_blank") {
    // Missing-word form: the answer block stands where the blank is.
    const [before, after] = splitAtBlanks(stem);
    const block = `{${answers[0]}${explanation.length ? ` ${explanation[0]}` : ""}}`;
    return [...tags, `::${escapeGift(q.id)}::[markdown]${escapeGift(before)}${block}${escapeGift(after ?? "")}`].join("\n");
  }
  return [...tags, `::${escapeGift(q.id)}::[markdown]${escapeGift(stem)} {`, ...answers, ...explanation, "}"].join("\n");
}

/**
 * Writes questions as GIFT that Moodle and `parseGiftFile` read back: single, multiple,
 * true_false, numeric (the unit is written at the end of the stem as "(单位:X)") and matching keep
 * their type, stem, options and answer; the question id becomes the `::title::`, tags become
 * `// [tag:…]` comments and the explanation becomes general feedback (`####…`). Module, section,
 * facts, version and status are not part of GIFT and are not written.
 *
 * Ordering questions have no GIFT type: each is written as a comment block starting
 * `// ordering question <id> not exportable to GIFT` (with its stem and order, for reference),
 * which importers skip. The same happens to a matching question whose left-hand item contains
 * "->", which GIFT cannot express.
 */
export function exportGift(questions: Question[]): string {
  const header = ["// Kefu Academy 题库导出（GIFT 格式）", `// 共 ${questions.length} 题；排序题没有对应的 GIFT 题型，以注释列出`].join("\n");
  return `${[header, ...questions.map(exportQuestion)].join("\n\n")}\n`;
}
