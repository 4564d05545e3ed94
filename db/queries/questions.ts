/**
 * The question bank. Versions are never updated: a change of content adds a version, and whatever
 * recorded an answer keeps pointing at the version it showed.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { ENGINE, rows, type Executor } from "../client";
import { containsTextInAny } from "../contains";
import { questions, questionVersions } from "../schema";
import type { Answer, Question, QuestionContent, QuestionSource, QuestionStatus, QuestionType } from "../../app/domain/question";

export type QuestionRow = typeof questions.$inferSelect;
export type VersionRow = typeof questionVersions.$inferSelect;

/** Canonical hash of a question's content: equal content, equal hash. */
export function contentHash(c: QuestionContent): string {
  const canonical = JSON.stringify([c.type, c.stem, c.options, c.answer, c.explanation, c.module, c.section, c.facts, c.tags, c.family ?? ""]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}

function plain(stem: string) {
  return stem.replace(/[*_`>#|[\]()]/g, " ").replace(/\s+/g, " ").trim().slice(0, 2000);
}

export function toQuestion(q: QuestionRow, v: VersionRow): Question {
  return {
    id: q.id,
    version: v.version,
    type: v.type as QuestionType,
    stem: v.stem,
    options: v.options,
    answer: v.answer as Answer,
    explanation: v.explanation,
    module: v.module,
    section: v.section,
    facts: v.facts,
    tags: v.tags,
    family: v.family || q.id,
    source: q.source as QuestionSource,
    status: q.status as QuestionStatus,
  };
}

export interface NewQuestion {
  id: string;
  source: QuestionSource;
  status: QuestionStatus;
  content: QuestionContent;
  createdBy: number | null;
  note: string;
  generatedHash?: string | null;
}

/** The family as stored: the trainer's, or the question's own id when none was given. */
const withFamily = (id: string, c: QuestionContent): QuestionContent => ({ ...c, family: (c.family ?? "").trim() || id });

export async function insertQuestion(db: Executor, q0: NewQuestion, now: number): Promise<void> {
  const q = { ...q0, content: withFamily(q0.id, q0.content) };
  const hash = contentHash(q.content);
  await db
    .insert(questions)
    .values({
      id: q.id,
      source: q.source,
      status: q.status,
      currentVersion: 1,
      type: q.content.type,
      module: q.content.module,
      tags: q.content.tags,
      stemText: plain(q.content.stem),
      generatedHash: q.generatedHash ?? null,
      createdAt: now,
      updatedAt: now,
    });
  await insertVersion(db, q.id, 1, q.content, hash, q.createdBy, q.note, now);
}

async function insertVersion(db: Executor, id: string, version: number, c: QuestionContent, hash: string, by: number | null, note: string, now: number): Promise<void> {
  await db.insert(questionVersions)
    .values({
      questionId: id,
      version,
      type: c.type,
      stem: c.stem,
      options: c.options,
      answer: c.answer,
      explanation: c.explanation,
      module: c.module,
      section: c.section,
      facts: c.facts,
      tags: c.tags,
      family: c.family,
      contentHash: hash,
      createdAt: now,
      createdBy: by,
      note,
    });
}

/**
 * Record new content for a question. Returns the version now current: unchanged content adds nothing.
 * Must run inside a transaction when combined with other writes (the caller's choice).
 */
export async function addVersion(db: Executor, id: string, content0: QuestionContent, by: number | null, note: string, now: number, generatedHash?: string): Promise<number> {
  const content = withFamily(id, content0);
  const [q] = await db.select().from(questions).where(eq(questions.id, id)).limit(1);
  if (!q) throw new Error(`question ${id} not found`);
  const [current] = await db
    .select({ hash: questionVersions.contentHash })
    .from(questionVersions)
    .where(and(eq(questionVersions.questionId, id), eq(questionVersions.version, q.currentVersion)))
    .limit(1);
  const hash = contentHash(content);
  if (current?.hash === hash) {
    if (generatedHash !== undefined) await db.update(questions).set({ generatedHash }).where(eq(questions.id, id));
    return q.currentVersion;
  }
  const version = q.currentVersion + 1;
  await insertVersion(db, id, version, content, hash, by, note, now);
  await db
    .update(questions)
    .set({
      currentVersion: version,
      type: content.type,
      module: content.module,
      tags: content.tags,
      stemText: plain(content.stem),
      updatedAt: now,
      ...(generatedHash !== undefined ? { generatedHash } : {}),
    })
    .where(eq(questions.id, id));
  return version;
}

export async function setQuestionStatus(db: Executor, id: string, status: QuestionStatus, now: number): Promise<void> {
  await db.update(questions).set({ status, updatedAt: now }).where(eq(questions.id, id));
}

export async function getQuestionRow(db: Executor, id: string): Promise<QuestionRow | undefined> {
  const [row] = await db.select().from(questions).where(eq(questions.id, id)).limit(1);
  return row;
}

export async function getQuestion(db: Executor, id: string, version?: number): Promise<Question | undefined> {
  const q = await getQuestionRow(db, id);
  if (!q) return undefined;
  const [v] = await db
    .select()
    .from(questionVersions)
    .where(and(eq(questionVersions.questionId, id), eq(questionVersions.version, version ?? q.currentVersion)))
    .limit(1);
  return v ? toQuestion(q, v) : undefined;
}

export async function listVersions(db: Executor, id: string): Promise<VersionRow[]> {
  return db.select().from(questionVersions).where(eq(questionVersions.questionId, id)).orderBy(desc(questionVersions.version));
}

export interface QuestionFilter {
  module?: string;
  type?: QuestionType;
  tag?: string;
  status?: QuestionStatus;
  source?: QuestionSource;
  q?: string;
  ids?: string[];
}

function filterConditions(f: QuestionFilter): SQL | undefined {
  const c: SQL[] = [];
  if (f.module) c.push(eq(questions.module, f.module));
  if (f.type) c.push(eq(questions.type, f.type));
  if (f.status) c.push(eq(questions.status, f.status));
  if (f.source) c.push(eq(questions.source, f.source));
  if (f.tag) c.push(hasTag(f.tag));
  if (f.q) {
    c.push(containsTextInAny([questions.stemText, questions.id], f.q));
  }
  if (f.ids) c.push(inArray(questions.id, f.ids.length ? f.ids : [""]));
  return c.length ? and(...c) : undefined;
}

/** Current versions of the questions matching the filter, in a stable order. */
export async function listQuestions(db: Executor, f: QuestionFilter = {}, page?: { limit: number; offset: number }): Promise<Question[]> {
  const base = db
    .select({ q: questions, v: questionVersions })
    .from(questions)
    .innerJoin(questionVersions, and(eq(questionVersions.questionId, questions.id), eq(questionVersions.version, questions.currentVersion)))
    .where(filterConditions(f))
    .orderBy(asc(questions.module), asc(questions.id));
  const found = page ? await base.limit(page.limit).offset(page.offset) : await base;
  return found.map((r) => toQuestion(r.q, r.v));
}

export async function countQuestions(db: Executor, f: QuestionFilter = {}): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(questions).where(filterConditions(f));
  return row?.n ?? 0;
}

/** The question carries this tag (tags are a JSON array: json_each on SQLite, jsonb containment on PostgreSQL). */
function hasTag(tag: string): SQL {
  return ENGINE === "postgres"
    ? sql`${questions.tags}::jsonb @> ${JSON.stringify([tag])}::jsonb`
    : sql`exists (select 1 from json_each(${questions.tags}) where json_each.value = ${tag})`;
}

export async function allTags(db: Executor): Promise<string[]> {
  const found =
    ENGINE === "postgres"
      ? await rows<{ tag: string }>(db, sql`select distinct t.tag from questions, jsonb_array_elements_text(questions.tags::jsonb) as t(tag) order by t.tag`)
      : await rows<{ tag: string }>(db, sql`select distinct json_each.value as tag from questions, json_each(questions.tags) order by tag`);
  return found.map((r) => r.tag);
}

export async function generatedQuestionState(db: Executor): Promise<Map<string, { generatedHash: string | null; status: string }>> {
  const found = await db
    .select({ id: questions.id, generatedHash: questions.generatedHash, status: questions.status })
    .from(questions)
    .where(eq(questions.source, "generated"));
  return new Map(found.map((r) => [r.id, { generatedHash: r.generatedHash, status: r.status }]));
}
