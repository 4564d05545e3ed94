/**
 * Question-file import, shared by the trainer pages and `npm run bank -- import`: parse (GIFT, JSON,
 * Excel rows or plain text), check references against the courseware, then apply all of it in one
 * transaction or nothing.
 *
 * Excel files are read into rows by ~/bank-xlsx.server.ts first; the rows travel as JSON text (the
 * `text` of a pending import), so every format is planned from text.
 */
import { randomBytes } from "node:crypto";
import { neutralOptions } from "~/domain/option-ids";
import { transaction, type Executor } from "@db/client";
import { addVersion, getQuestionRow, insertQuestion } from "@db/queries/questions";
import { audit } from "@db/queries/audit";
import type { ContentBundle } from "~/domain/content-bundle";
import { parseBankJson, type ImportError } from "~/domain/bank-json";
import { msg, type Message } from "~/domain/message";
import { parseBankSheet } from "~/domain/bank-sheet";
import { parseBankText } from "~/domain/bank-text";
import { parseGiftFile, type GiftItemReport } from "~/domain/gift";
import type { QuestionContent, QuestionStatus, QuestionType } from "~/domain/question";

export const IMPORT_FORMATS = ["gift", "json", "xlsx", "text"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportOptions {
  publish?: boolean;
  /** GIFT: leave out items the bank cannot hold (essay, description) instead of refusing the file. */
  skipUnsupported?: boolean;
  /** Every format: a numeric question without a unit is an error (default: accepted with no unit). */
  requireUnit?: boolean;
}

export interface PlannedQuestion {
  line: number;
  /** Existing id to revise, or a new id. */
  id: string;
  exists: boolean;
  status: QuestionStatus;
  content: QuestionContent;
  title?: string;
  /** Excel 分组 / text 分组: the question family ("" = its own id). */
  family?: string;
}

export interface ImportPlan {
  format: ImportFormat;
  questions: PlannedQuestion[];
  errors: ImportError[];
  report: GiftItemReport[];
  countsByType: Partial<Record<QuestionType, number>>;
  /** Lines of items the bank cannot hold (GIFT essays, descriptions): rejected, or skipped when chosen. */
  unsupported: number[];
  skipped: number;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/;
/** Path segments of the trainer pages, which an id must not shadow (/trainer/questions/<id>). */
const RESERVED_IDS = new Set(["new", "import", "export", "preview"]);

/** The format of a file by its name (`.gift.txt`, Moodle's habit, is GIFT); by its content otherwise. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  if (/\.json$/i.test(fileName)) return "json";
  if (/\.xlsx$/i.test(fileName)) return "xlsx";
  if (/\.gift(\.txt)?$/i.test(fileName)) return "gift";
  if (/\.txt$/i.test(fileName)) return "text";
  if (text.trimStart().startsWith("[")) return "json";
  return /\{[^}]*[=~#}]/.test(text) ? "gift" : "text";
}

/** Parsed questions of any format, with the fields the planner reads. */
function parseAny(
  content: Pick<ContentBundle, "modules">,
  format: ImportFormat,
  text: string,
  options: ImportOptions,
): { questions: (QuestionContent & { line: number; id?: string; status?: QuestionStatus; title?: string; family?: string })[]; errors: ImportError[]; report: GiftItemReport[] } {
  const modules = content.modules.map((m) => ({ slug: m.slug, title: m.title }));
  switch (format) {
    case "gift":
      return parseGiftFile(text, { skipUnsupported: options.skipUnsupported, requireUnit: options.requireUnit });
    case "json":
      return { ...parseBankJson(text), report: [] };
    case "text":
      return { ...parseBankText(text, { modules }), report: [] };
    case "xlsx": {
      let rows: unknown;
      try {
        rows = JSON.parse(text);
      } catch {
        rows = null;
      }
      if (!Array.isArray(rows) || !rows.every(Array.isArray)) return { questions: [], errors: [{ line: 1, message: msg("imp.atLine", { line: 1, detail: msg("imp.unreadableSheet") }) }], report: [] };
      return { ...parseBankSheet(rows as unknown[][], { modules }), report: [] };
    }
  }
}

export async function planImport(
  db: Executor,
  content: Pick<ContentBundle, "modules" | "factsById">,
  format: ImportFormat,
  text: string,
  options: ImportOptions = {},
): Promise<ImportPlan> {
  const parsed = parseAny(content, format, text, options);
  const errors: ImportError[] = [...parsed.errors];
  const anchors = new Map(content.modules.map((m) => [m.slug, new Set(m.toc.map((t) => t.id))]));
  const planned: PlannedQuestion[] = [];
  const seenIds = new Map<string, number>();

  for (const q of parsed.questions) {
    const { line, ...rest } = q;
    const meta = rest as typeof rest & { id?: string; status?: QuestionStatus; title?: string; version?: number; source?: string; family?: string };
    // Neutral option ids and stored order (from the texts only): GIFT's a, b, c in written order or a
    // JSON id such as "correct" must not say which option is right (option-ids.ts).
    const neutral = neutralOptions({ type: rest.type, options: rest.options, answer: rest.answer });
    const c: QuestionContent = {
      type: rest.type,
      stem: rest.stem,
      options: neutral.options,
      answer: neutral.answer,
      explanation: rest.explanation ?? "",
      module: rest.module ?? null,
      section: rest.section ?? null,
      facts: rest.facts ?? [],
      tags: rest.tags ?? [],
      family: ("family" in rest && typeof rest.family === "string" ? rest.family : "").trim(),
    };
    const problems: Message[] = [];
    if (options.requireUnit && c.type === "numeric" && !(c.answer as { unit: string }).unit)
      problems.push(msg("imp.plan.unitRequired"));
    if (c.module && !anchors.has(c.module)) problems.push(msg("imp.plan.noModule", { module: c.module }));
    if (c.module && c.section && !anchors.get(c.module)?.has(c.section)) problems.push(msg("imp.plan.noSection", { module: c.module, section: c.section }));
    if (!c.module && c.section) problems.push(msg("imp.plan.sectionWithoutModule"));
    for (const f of c.facts) {
      const fact = content.factsById.get(f);
      if (!fact) problems.push(msg("imp.plan.noFact", { fact: f }));
      else if (fact.status === "lost") problems.push(msg("imp.plan.lostFact", { fact: f }));
    }
    let id = meta.id;
    if (id !== undefined && !ID_RE.test(id)) problems.push(msg("imp.plan.badId", { id }));
    if (id !== undefined && RESERVED_IDS.has(id)) problems.push(msg("imp.plan.reservedId", { id }));
    if (id && seenIds.has(id)) problems.push(msg("imp.plan.duplicateId", { id, first: seenIds.get(id)! }));
    if (id) seenIds.set(id, line);
    for (const p of problems) errors.push({ line, message: msg("imp.atLine", { line, detail: p }) });
    if (problems.length) continue;
    const existing = id ? await getQuestionRow(db, id) : undefined;
    if (existing && existing.source === "generated") {
      errors.push({ line, message: msg("imp.atLine", { line, detail: msg("imp.plan.generated", { id: id! }) }) });
      continue;
    }
    id ??= `imp-${randomBytes(6).toString("hex")}`;
    const status: QuestionStatus = options.publish ? "published" : (meta.status ?? existing?.status ?? "draft") as QuestionStatus;
    planned.push({ line, id, exists: Boolean(existing), status, content: c, title: meta.title, ...(meta.family !== undefined && { family: meta.family }) });
  }
  errors.sort((a, b) => a.line - b.line);
  const countsByType: Partial<Record<QuestionType, number>> = {};
  for (const p of planned) countsByType[p.content.type] = (countsByType[p.content.type] ?? 0) + 1;
  const unsupported = parsed.report.filter((r) => r.unsupported).map((r) => r.line);
  const skipped = parsed.report.filter((r) => r.outcome === "skipped").length;
  return { format, questions: planned, errors, report: parsed.report, countsByType, unsupported, skipped };
}

export interface ImportResult {
  created: number;
  revised: number;
  unchanged: number;
}

/** All or nothing: refuses a plan with errors; otherwise one transaction. */
export async function applyImport(db: Executor, plan: ImportPlan, actorId: number | null, now: number): Promise<ImportResult> {
  if (plan.errors.length) throw new Error("导入文件有错误，未导入任何题目");
  const result: ImportResult = { created: 0, revised: 0, unchanged: 0 };
  await transaction(db, async (tx) => {
    for (const p of plan.questions) {
      if (!p.exists) {
        await insertQuestion(tx, { id: p.id, source: "imported", status: p.status, content: p.content, createdBy: actorId, note: "import" }, now);
        result.created++;
      } else {
        const before = (await getQuestionRow(tx, p.id))!.currentVersion;
        const after = await addVersion(tx, p.id, p.content, actorId, "import", now);
        if (after === before) result.unchanged++;
        else result.revised++;
      }
    }
    await audit(tx, actorId, "bank.import", { format: plan.format, ...result }, now);
  });
  return result;
}

export const TYPE_LABELS: Record<QuestionType, string> = {
  single: "单选",
  multiple: "多选",
  true_false: "判断",
  numeric: "数值",
  ordering: "排序",
  matching: "匹配",
  fill_blank: "填空",
};

export function describeCounts(counts: Partial<Record<QuestionType, number>>): string {
  const parts = Object.entries(counts).map(([t, n]) => `${TYPE_LABELS[t as QuestionType]} ${n}`);
  return parts.length ? parts.join("，") : "无";
}
