/**
 * Labels of questions for trainer pages (app/components/question-label.tsx): the stem shortened to
 * plain text, the type, the module's title and the id. Reads the exact versions asked for.
 */
import { versionsFor } from "@db/queries/exams";
import { getContent } from "~/content.server";
import { getDb } from "~/db.server";
import { shortStem, STEM_LABEL_CHARS, type QuestionLabelData } from "~/domain/stem-label";

/** A module slug → its title (the slug itself when unknown, "" when none). */
export function moduleTitleOf(slug: string | null | undefined): string {
  if (!slug) return "";
  return getContent().modules.find((m) => m.slug === slug)?.title ?? slug;
}

/** The label of a question (one version of it; `version` null: the question as such). */
export function questionLabel(q: { id: string; type: string; stem: string; module: string | null }, version: number | null, max = STEM_LABEL_CHARS): QuestionLabelData {
  return { id: q.id, version, stem: shortStem(q, max), type: q.type, module: moduleTitleOf(q.module) };
}

/** Labels of these versions, by `${questionId}@${version}` (versions that do not exist are left out). */
export async function labelsOfVersions(refs: { questionId: string; version: number }[], max = STEM_LABEL_CHARS): Promise<Map<string, QuestionLabelData>> {
  const found = await versionsFor(getDb(), refs);
  return new Map(found.map((v) => [`${v.questionId}@${v.version}`, questionLabel({ id: v.questionId, type: v.type, stem: v.stem, module: v.module }, v.version, max)]));
}
