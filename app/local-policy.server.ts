/**
 * Local policy figures (本单位规定): reading the values in force, and saving a new one. Saving is one
 * transaction: the history row, its audit entry and the regeneration of the question bank (new question
 * versions for the changed figure; recorded answers keep the version they were given on).
 */
import type { Executor } from "@db/client";
import { audit } from "@db/queries/audit";
import { currentLocalPolicyEntries, insertLocalPolicyFigure, type LocalPolicyEntry } from "@db/queries/local-policy";
import type { ContentBundle } from "~/domain/content-bundle";
import type { LocalPolicyFigure } from "~/domain/local-policy";
import { syncGeneratedQuestions, type SyncSummary } from "~/question-bank.server";

export function currentLocalPolicy(db: Executor): Map<string, LocalPolicyEntry> {
  return new Map(currentLocalPolicyEntries(db).map((e) => [e.factId, e]));
}

export function saveLocalPolicy(
  db: Executor,
  actorId: number,
  figure: LocalPolicyFigure,
  content: Pick<ContentBundle, "facts" | "scenarios" | "procedures">,
  now: number,
): { id: number; sync: SyncSummary } {
  return db.transaction((tx) => {
    const id = insertLocalPolicyFigure(tx, figure, actorId, now);
    audit(tx, actorId, "policy.set", { entryId: id, ...figure }, now);
    const sync = syncGeneratedQuestions(tx, content, now);
    return { id, sync };
  });
}
