/**
 * The trainer's question form, as pure functions: what the form sends (FormData) → the values typed
 * (kept as typed, to show again after an error) → a QuestionContent checked by `questionContentSchema`
 * plus the courseware references (module, section, facts), with every problem keyed by the form field
 * it belongs to ("stem", "options.2.text", "answer", "value", "tolerance", "unit", "steps", "pairs",
 * "module", "section", "tags", "facts", "explanation", "type").
 *
 * Also the display side: `renderQuestion` (a stored question) and `renderPreview` (what is being typed)
 * give the same shape, every piece of trainer text already through renderSafeMarkdown/renderSafeInline.
 *
 * Form fields:
 *   type, stem, explanation, module, section, tags ("a, b"), facts ("id1, id2")
 *   single/multiple: options.0.text … options.N.text, correct = row index (radio; checkboxes for multiple)
 *   true_false: tf = "true" | "false"
 *   numeric: value, tolerance, unit
 *   ordering: steps (one per line, in the right order)
 *   matching: pairs (one per line, "左项 => 右项"); a line "=> 右项" (nothing on the left) adds an extra
 *   right-hand value that matches nothing (a plausible distractor)
 *   fill_blank: blanks (one line per blank in stem order, accepted answers separated by | or ｜)
 *   family: free text, questions that test the same point share it (empty: the question's own id)
 */
import { splitList } from "./lists";
import { checkQuestionContent } from "./bank-json";
import { msg, type Message } from "./message";
import { hashString } from "./prng";
import { QUESTION_TYPES, countBlanks, numberBlanks, type NumericAnswer, type Option, type QuestionContent, type QuestionType } from "./question";
import { renderSafeInline, renderSafeMarkdown } from "./safe-markdown";

/** Option rows the form shows (more when an imported question already has more). */
export const OPTION_ROWS = 8;
/** Rows read from a submitted form; the schema allows at most 10 options. */
const MAX_ROWS_READ = 12;
/** Text longer than this is not rendered by the preview (the schema allows 4000). */
const PREVIEW_MAX = 20_000;

export interface QuestionFormValues {
  type: string;
  stem: string;
  explanation: string;
  module: string;
  section: string;
  tags: string;
  facts: string;
  family: string;
  /** Text of each option row (single/multiple). */
  options: string[];
  /** Row indices marked right ("0", "2"). */
  correct: string[];
  /** true_false: "true" | "false" | "". */
  tf: string;
  value: string;
  tolerance: string;
  unit: string;
  steps: string;
  pairs: string;
  /** fill_blank: one line per blank, accepted answers separated by "|". */
  blanks: string;
}

/** Problems by field name, as messages the page renders in the reader's language. */
export type FieldErrors = Record<string, Message>;

export function emptyQuestionFormValues(type: QuestionType = "single"): QuestionFormValues {
  return {
    type,
    stem: "",
    explanation: "",
    module: "",
    section: "",
    tags: "",
    facts: "",
    family: "",
    options: Array.from({ length: OPTION_ROWS }, () => ""),
    correct: [],
    tf: "",
    value: "",
    tolerance: "",
    unit: "",
    steps: "",
    pairs: "",
    blanks: "",
  };
}

const str = (v: FormDataEntryValue | null | undefined) => (typeof v === "string" ? v : "");

/** The values as typed (nothing trimmed or dropped), from a submitted form. */
export function readQuestionForm(form: FormData): QuestionFormValues {
  const options: string[] = [];
  for (let i = 0; i < MAX_ROWS_READ; i++) {
    const v = form.get(`options.${i}.text`);
    if (v === null && i >= OPTION_ROWS) break;
    options.push(str(v));
  }
  while (options.length > OPTION_ROWS && options[options.length - 1] === "") options.pop();
  return {
    type: str(form.get("type")),
    stem: str(form.get("stem")),
    explanation: str(form.get("explanation")),
    module: str(form.get("module")),
    section: str(form.get("section")),
    tags: str(form.get("tags")),
    facts: str(form.get("facts")),
    family: str(form.get("family")),
    options,
    correct: form.getAll("correct").map(str).filter((s) => /^\d{1,2}$/.test(s)),
    tf: str(form.get("tf")),
    value: str(form.get("value")),
    tolerance: str(form.get("tolerance")),
    unit: str(form.get("unit")),
    steps: str(form.get("steps")),
    pairs: str(form.get("pairs")),
    blanks: str(form.get("blanks")),
  };
}

/** A stored question's content as the form shows it. */
export function valuesFromContent(c: QuestionContent): QuestionFormValues {
  const v = emptyQuestionFormValues(c.type);
  v.stem = c.stem;
  v.explanation = c.explanation;
  v.module = c.module ?? "";
  v.section = c.section ?? "";
  v.tags = c.tags.join(", ");
  v.facts = c.facts.join(", ");
  v.family = c.family ?? "";
  switch (c.type) {
    case "single":
    case "multiple": {
      const right = new Set(Array.isArray(c.answer) ? (c.answer as string[]) : [c.answer as string]);
      v.options = c.options.map((o) => o.text);
      while (v.options.length < OPTION_ROWS) v.options.push("");
      v.correct = c.options.flatMap((o, i) => (right.has(o.id) ? [String(i)] : []));
      break;
    }
    case "true_false":
      v.tf = c.answer ? "true" : "false";
      break;
    case "numeric": {
      const a = c.answer as NumericAnswer;
      v.value = String(a.value);
      v.tolerance = String(a.tolerance);
      v.unit = a.unit;
      break;
    }
    case "ordering": {
      const byId = new Map(c.options.map((o) => [o.id, o.text]));
      v.steps = (c.answer as string[]).map((id) => byId.get(id) ?? id).join("\n");
      break;
    }
    case "matching":
      v.pairs = [...(c.answer as [string, string][]).map(([l, r]) => `${l} => ${r}`), ...c.options.map((o) => `=> ${o.text}`)].join("\n");
      break;
    case "fill_blank":
      v.blanks = (c.answer as string[][]).map((accepted) => accepted.join(" | ")).join("\n");
      break;
  }
  return v;
}

/** What the courseware offers for references, so checks can stay pure. */
export interface QuestionRefs {
  /** module slug → its section anchors */
  modules: ReadonlyMap<string, ReadonlySet<string>>;
  /** fact id → whether its figure was lost in the source */
  facts: ReadonlyMap<string, { lost: boolean }>;
}

export function refsFromContent(content: {
  modules: { slug: string; toc: { id: string }[] }[];
  factsById: ReadonlyMap<string, { status: string }>;
}): QuestionRefs {
  return {
    modules: new Map(content.modules.map((m) => [m.slug, new Set(m.toc.map((t) => t.id))])),
    facts: new Map([...content.factsById].map(([id, f]) => [id, { lost: f.status === "lost" }])),
  };
}

/** Choices the form's selects and hints show. */
export interface FormChoices {
  modules: { slug: string; title: string; sections: { id: string; text: string; depth: number }[] }[];
  facts: { id: string; metric: string; module: string; lost: boolean }[];
}

export function choicesFromContent(content: {
  modules: { slug: string; title: string; toc: { id: string; text: string; depth: number }[] }[];
  facts: { id: string; metric: string; module: string; status: string }[];
}): FormChoices {
  return {
    modules: content.modules.map((m) => ({ slug: m.slug, title: m.title, sections: m.toc.map((t) => ({ id: t.id, text: t.text, depth: t.depth })) })),
    facts: content.facts.map((f) => ({ id: f.id, metric: f.metric, module: f.module, lost: f.status === "lost" })),
  };
}

export { splitList };

function lines(s: string): { n: number; text: string }[] {
  return s
    .split(/\r\n|\r|\n/)
    .map((text, i) => ({ n: i + 1, text: text.trim() }))
    .filter((l) => l.text !== "");
}

/** Option ids come from the text (so an id says nothing about where the right answer is). */
function optionId(prefix: string, text: string, used: Set<string>): string {
  const base = `${prefix}-${hashString(text).toString(36)}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/**
 * Builds options for the given texts, reusing the ids the previous version gave the same text, so
 * saving unchanged content gives identical content (and adds no version).
 */
function buildOptions(texts: string[], prefix: string, previous: QuestionContent | undefined): Option[] {
  const previousIds = new Map<string, string>();
  for (const o of previous?.options ?? []) if (!previousIds.has(o.text.trim())) previousIds.set(o.text.trim(), o.id);
  const used = new Set<string>();
  const out: Option[] = texts.map((text) => {
    const reuse = previousIds.get(text);
    if (reuse && !used.has(reuse)) {
      used.add(reuse);
      return { id: reuse, text };
    }
    return { id: "", text };
  });
  for (const o of out) if (!o.id) o.id = optionId(prefix, o.text, used);
  return out;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

type Candidate = Record<string, unknown>;

interface Built {
  candidate: Candidate;
  errors: FieldErrors;
  /** options index → form row (single/multiple), for error keys */
  rowOf: number[];
}

function parseNumber(s: string): number | null {
  const t = s.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[．。]/g, ".");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function buildCandidate(v: QuestionFormValues, previous: QuestionContent | undefined): Built {
  const errors: FieldErrors = {};
  const type = v.type as QuestionType;
  const candidate: Candidate = {
    type: v.type,
    stem: v.stem,
    explanation: v.explanation,
    module: v.module.trim() || null,
    section: v.section.trim() || null,
    tags: splitList(v.tags),
    facts: splitList(v.facts),
    family: v.family.trim(),
    options: [],
  };
  const rowOf: number[] = [];
  const prev = previous?.type === type ? previous : undefined;
  switch (type) {
    case "single":
    case "multiple": {
      const texts: string[] = [];
      v.options.forEach((raw, row) => {
        const text = raw.trim();
        if (text) {
          rowOf.push(row);
          texts.push(text);
        } else if (v.correct.includes(String(row))) errors[`options.${row}.text`] = msg("qf.correctOptionEmpty");
      });
      const options = buildOptions(texts, "o", prev);
      const right = options.filter((_, i) => v.correct.includes(String(rowOf[i]))).map((o) => o.id);
      candidate.options = options;
      if (type === "single") candidate.answer = right.length === 1 ? right[0] : "";
      else {
        const previousAnswer = prev ? (prev.answer as string[]) : [];
        candidate.answer = sameSet(right, previousAnswer) ? [...previousAnswer] : right;
      }
      break;
    }
    case "true_false":
      if (v.tf === "true" || v.tf === "false") candidate.answer = v.tf === "true";
      else errors.answer = msg("qf.chooseTrueFalse");
      break;
    case "numeric": {
      const value = parseNumber(v.value);
      const tolerance = v.tolerance.trim() === "" ? 0 : parseNumber(v.tolerance);
      if (v.value.trim() === "") errors.value = msg("qf.valueMissing");
      else if (value === null) errors.value = msg("qf.notNumber", { text: v.value.trim() });
      if (tolerance === null) errors.tolerance = msg("qf.notNumber", { text: v.tolerance.trim() });
      // Authored numeric questions state their unit (imports may leave it empty: see planImport's requireUnit).
      if (v.unit.trim() === "") errors.unit = msg("qf.unitMissing");
      candidate.answer = { value: value ?? 0, tolerance: tolerance ?? 0, unit: v.unit };
      break;
    }
    case "ordering": {
      const texts = lines(v.steps).map((l) => l.text);
      const samePrevious = prev && sameSet(texts, prev.options.map((o) => o.text));
      // Stored in an order unrelated to the right one (by id, which comes from the text).
      const options = samePrevious ? prev.options.map((o) => ({ ...o })) : buildOptions(texts, "s", prev).sort((a, b) => (a.id < b.id ? -1 : 1));
      const idOf = new Map<string, string[]>();
      for (const o of options) idOf.set(o.text, [...(idOf.get(o.text) ?? []), o.id]);
      candidate.options = options;
      candidate.answer = texts.map((t) => idOf.get(t)?.shift() ?? t);
      break;
    }
    case "matching": {
      const pairs: [string, string][] = [];
      const extras: string[] = [];
      for (const l of lines(v.pairs)) {
        const at = l.text.indexOf("=>");
        if (at < 0) {
          errors.pairs ??= msg("qf.pairArrow", { n: l.n });
          continue;
        }
        const left = l.text.slice(0, at).trim();
        const right = l.text.slice(at + 2).trim();
        if (!left && right) extras.push(right);
        else if (!left || !right) errors.pairs ??= msg("qf.pairRight", { n: l.n });
        else pairs.push([left, right]);
      }
      candidate.answer = pairs;
      candidate.options = extras.map((text, i) => ({ id: `x${i + 1}`, text }));
      break;
    }
    case "fill_blank": {
      candidate.answer = parseBlankLines(v.blanks);
      const blanks = countBlanks(v.stem);
      const given = (candidate.answer as string[][]).length;
      if (blanks > 0 && given !== blanks) errors.blanks = msg("qf.blankLines", { blanks, given });
      break;
    }
    default:
      errors.type = msg("qf.chooseType");
  }
  return { candidate, errors, rowOf };
}

/** Accepted answers of each blank: one line per blank, answers separated by "|" or "｜"; empty lines ignored. */
export function parseBlankLines(text: string): string[][] {
  return lines(text).map((l) =>
    l.text
      .split(/[|｜]/)
      .map((a) => a.trim())
      .filter((a) => a !== ""),
  );
}

/** zod path of an issue → the form field it is shown next to. */
function fieldOf(type: string, path: PropertyKey[], rowOf: number[]): string {
  const [head, i] = path;
  switch (head) {
    case "options":
      if (type === "ordering") return "steps";
      if (typeof i === "number") return `options.${rowOf[i] ?? i}.text`;
      return "options";
    case "answer":
      if (type === "numeric") return i === "value" || i === "tolerance" || i === "unit" ? i : "value";
      if (type === "ordering") return "steps";
      if (type === "matching") return "pairs";
      if (type === "fill_blank") return "blanks";
      return "answer";
    case "stem":
    case "explanation":
    case "module":
    case "section":
    case "tags":
    case "facts":
    case "type":
      return head;
    default:
      return "form";
  }
}

function messageOf(type: string, path: PropertyKey[], message: Message): Message {
  // Steps are stored in an order unrelated to the typed one, so an index would mislead: name the text.
  if (type === "ordering" && path[0] === "options") {
    if (message.key === "q.optionDuplicate") return { ...message, key: "q.stepDuplicate" };
    if (message.key === "q.optionEmpty") return { ...message, key: "q.stepEmpty" };
  }
  if (path[0] === "tags" && typeof path[1] === "number") return msg("qf.nthTag", { n: path[1] + 1, detail: message });
  return message;
}

function checkRefs(c: QuestionContent, refs: QuestionRefs, errors: FieldErrors) {
  if (c.module && !refs.modules.has(c.module)) errors.module ??= msg("imp.plan.noModule", { module: c.module });
  else if (c.section && !c.module) errors.section ??= msg("qf.sectionNeedsModule");
  else if (c.module && c.section && !refs.modules.get(c.module)!.has(c.section)) errors.section ??= msg("imp.plan.noSection", { module: c.module, section: c.section });
  const missing = c.facts.filter((f) => !refs.facts.get(f));
  const lost = c.facts.filter((f) => refs.facts.get(f)?.lost);
  const problems = [...(missing.length ? [msg("qf.factsMissing", { facts: missing })] : []), ...(lost.length ? [msg("qf.factsLost", { facts: lost })] : [])];
  if (problems.length === 1) errors.facts ??= problems[0]!;
  else if (problems.length === 2) errors.facts ??= msg("qf.twoProblems", { first: problems[0]!, second: problems[1]! });
}

export type ParsedQuestionForm = { ok: true; content: QuestionContent } | { ok: false; errors: FieldErrors };

/**
 * Checks what was typed. `previous` (the current version, when editing) lends its option ids to
 * options whose text did not change, so unchanged content is recognised as unchanged.
 */
export function parseQuestionForm(values: QuestionFormValues, refs: QuestionRefs, previous?: QuestionContent): ParsedQuestionForm {
  if (!(QUESTION_TYPES as readonly string[]).includes(values.type)) return { ok: false, errors: { type: msg("qf.chooseType") } };
  const { candidate, errors, rowOf } = buildCandidate(values, previous);
  const checked = checkQuestionContent(candidate);
  if (!checked.ok) {
    for (const issue of checked.issues) {
      const field = fieldOf(values.type, issue.path, rowOf);
      errors[field] ??= messageOf(values.type, issue.path, issue.message);
    }
  }
  if (checked.ok) checkRefs(checked.content, refs, errors);
  else checkRefs(candidate as unknown as QuestionContent, refs, errors);
  if (Object.keys(errors).length || !checked.ok) return { ok: false, errors };
  return { ok: true, content: checked.content };
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

/** A question ready to show: every HTML string is sanitised; other strings are text (React escapes them). */
export interface QuestionDisplay {
  type: string;
  stem: string;
  explanation: string;
  /** single/multiple: options in stored order. */
  options: { html: string; correct: boolean }[];
  /** true_false */
  trueFalse: boolean | null;
  numeric: { value: string; tolerance: string; unit: string } | null;
  /** ordering: steps in the right order */
  steps: string[];
  /** matching: [left, right] */
  pairs: [string, string][];
  /** fill_blank: per blank, its accepted answers (text; the stem shows the blanks numbered). */
  blanks: string[][];
}

function clip(s: string) {
  return s.length > PREVIEW_MAX ? `${s.slice(0, PREVIEW_MAX)}…` : s;
}

export function renderQuestion(c: QuestionContent): QuestionDisplay {
  const d: QuestionDisplay = {
    type: c.type,
    stem: renderSafeMarkdown(c.type === "fill_blank" ? numberBlanks(c.stem) : c.stem),
    explanation: c.explanation ? renderSafeMarkdown(c.explanation) : "",
    options: [],
    trueFalse: null,
    numeric: null,
    steps: [],
    pairs: [],
    blanks: [],
  };
  switch (c.type) {
    case "single":
    case "multiple": {
      const right = new Set(Array.isArray(c.answer) ? (c.answer as string[]) : [c.answer as string]);
      d.options = c.options.map((o) => ({ html: renderSafeInline(o.text), correct: right.has(o.id) }));
      break;
    }
    case "true_false":
      d.trueFalse = Boolean(c.answer);
      break;
    case "numeric": {
      const a = c.answer as NumericAnswer;
      d.numeric = { value: String(a.value), tolerance: String(a.tolerance), unit: a.unit };
      break;
    }
    case "ordering": {
      const byId = new Map(c.options.map((o) => [o.id, o.text]));
      d.steps = (c.answer as string[]).map((id) => renderSafeInline(byId.get(id) ?? id));
      break;
    }
    case "matching":
      d.pairs = (c.answer as [string, string][]).map(([l, r]) => [renderSafeInline(l), renderSafeInline(r)]);
      break;
    case "fill_blank":
      d.blanks = (c.answer as string[][]).map((accepted) => [...accepted]);
      break;
  }
  return d;
}

/** The live preview of what is being typed (nothing validated, everything sanitised). */
export function renderPreview(v: QuestionFormValues): QuestionDisplay {
  const d: QuestionDisplay = {
    type: v.type,
    stem: v.stem.trim() ? renderSafeMarkdown(clip(v.type === "fill_blank" ? numberBlanks(v.stem) : v.stem)) : "",
    explanation: v.explanation.trim() ? renderSafeMarkdown(clip(v.explanation)) : "",
    options: [],
    trueFalse: null,
    numeric: null,
    steps: [],
    pairs: [],
    blanks: [],
  };
  switch (v.type) {
    case "single":
    case "multiple":
      d.options = v.options.flatMap((text, row) =>
        text.trim() ? [{ html: renderSafeInline(clip(text.trim())), correct: v.correct.includes(String(row)) }] : [],
      );
      break;
    case "true_false":
      d.trueFalse = v.tf === "true" ? true : v.tf === "false" ? false : null;
      break;
    case "numeric":
      d.numeric = { value: v.value.trim().slice(0, 40), tolerance: v.tolerance.trim().slice(0, 40), unit: v.unit.trim().slice(0, 40) };
      break;
    case "ordering":
      d.steps = lines(clip(v.steps)).map((l) => renderSafeInline(l.text));
      break;
    case "matching":
      d.pairs = lines(clip(v.pairs)).map((l) => {
        const at = l.text.indexOf("=>");
        return at < 0 ? [renderSafeInline(l.text), ""] : [renderSafeInline(l.text.slice(0, at).trim()), renderSafeInline(l.text.slice(at + 2).trim())];
      });
      break;
    case "fill_blank":
      d.blanks = parseBlankLines(clip(v.blanks)).map((accepted) => accepted.map((a) => a.slice(0, 200)));
      break;
  }
  return d;
}
