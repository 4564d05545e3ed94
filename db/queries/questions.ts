/**
 * The question bank. Versions are never updated: a change of content adds a version, and whatever
 * recorded an answer keeps pointing at the version it showed.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
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

export function insertQuestion(db: Executor, q0: NewQuestion, now: number) {
  const q = { ...q0, content: withFamily(q0.id, q0.content) };
  const hash = contentHash(q.content);
  db.insert(questions)
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
    })
    .run();
  insertVersion(db, q.id, 1, q.content, hash, q.createdBy, q.note, now);
}

function insertVersion(db: Executor, id: string, version: number, c: QuestionContent, hash: string, by: number | null, note: string, now: number) {
  db.insert(questionVersions)
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
    })
    .run();
}

/**
 * Record new content for a question. Returns the version now current: unchanged content adds nothing.
 * Must run inside a transaction when combined with other writes (the caller's choice).
 */
export function addVersion(db: Executor, id: string, content0: QuestionContent, by: number | null, note: string, now: number, generatedHash?: string): number {
  const content = withFamily(id, content0);
  const q = db.select().from(questions).where(eq(questions.id, id)).get();
  if (!q) throw new Error(`question ${id} not found`);
  const current = db
    .select({ hash: questionVersions.contentHash })
    .from(questionVersions)
    .where(and(eq(questionVersions.questionId, id), eq(questionVersions.version, q.currentVersion)))
    .get();
  const hash = contentHash(content);
  if (current?.hash === hash) {
    if (generatedHash !== undefined) db.update(questions).set({ generatedHash }).where(eq(questions.id, id)).run();
    return q.currentVersion;
  }
  const version = q.currentVersion + 1;
  insertVersion(db, id, version, content, hash, by, note, now);
  db.update(questions)
    .set({
      currentVersion: version,
      type: content.type,
      module: content.module,
      tags: content.tags,
      stemText: plain(content.stem),
      updatedAt: now,
      ...(generatedHash !== undefined ? { generatedHash } : {}),
    })
    .where(eq(questions.id, id))
    .run();
  return version;
}

export function setQuestionStatus(db: Executor, id: string, status: QuestionStatus, now: number) {
  db.update(questions).set({ status, updatedAt: now }).where(eq(questions.id, id)).run();
}

export function getQuestionRow(db: Executor, id: string): QuestionRow | undefined {
  return db.select().from(questions).where(eq(questions.id, id)).get();
}

export function getQuestion(db: Executor, id: string, version?: number): Question | undefined {
  const q = getQuestionRow(db, id);
  if (!q) return undefined;
  const v = db
    .select()
    .from(questionVersions)
    .where(and(eq(questionVersions.questionId, id), eq(questionVersions.version, version ?? q.currentVersion)))
    .get();
  return v ? toQuestion(q, v) : undefined;
}

export function listVersions(db: Executor, id: string): VersionRow[] {
  return db.select().from(questionVersions).where(eq(questionVersions.questionId, id)).orderBy(desc(questionVersions.version)).all();
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
  if (f.tag) c.push(sql`exists (select 1 from json_each(${questions.tags}) where json_each.value = ${f.tag})`);
  if (f.q) {
    const pattern = `%${f.q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
    c.push(sql`(${questions.stemText} like ${pattern} escape '\\' or ${questions.id} like ${pattern} escape '\\')`);
  }
  if (f.ids) c.push(inArray(questions.id, f.ids.length ? f.ids : [""]));
  return c.length ? and(...c) : undefined;
}

/** Current versions of the questions matching the filter, in a stable order. */
export function listQuestions(db: Executor, f: QuestionFilter = {}, page?: { limit: number; offset: number }): Question[] {
  const base = db
    .select({ q: questions, v: questionVersions })
    .from(questions)
    .innerJoin(questionVersions, and(eq(questionVersions.questionId, questions.id), eq(questionVersions.version, questions.currentVersion)))
    .where(filterConditions(f))
    .orderBy(asc(questions.module), asc(questions.id));
  const rows = page ? base.limit(page.limit).offset(page.offset).all() : base.all();
  return rows.map((r) => toQuestion(r.q, r.v));
}

export function countQuestions(db: Executor, f: QuestionFilter = {}): number {
  return db.select({ n: sql<number>`count(*)` }).from(questions).where(filterConditions(f)).get()!.n;
}

export function allTags(db: Executor): string[] {
  return db
    .all<{ tag: string }>(sql`select distinct json_each.value as tag from questions, json_each(questions.tags) order by tag`)
    .map((r) => r.tag);
}

export function generatedQuestionState(db: Executor): Map<string, { generatedHash: string | null; status: string }> {
  return new Map(
    db
      .select({ id: questions.id, generatedHash: questions.generatedHash, status: questions.status })
      .from(questions)
      .where(eq(questions.source, "generated"))
      .all()
      .map((r) => [r.id, { generatedHash: r.generatedHash, status: r.status }]),
  );
}
