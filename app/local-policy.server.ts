/**
 * Local policy figures (本单位规定): reading the values in force, and saving a new one. Saving is one
 * transaction: the history row, its audit entry and the regeneration of the question bank (new question
 * versions for the changed figure; recorded answers keep the version they were given on).
 */
import { transaction, type Executor } from "@db/client";
import { audit } from "@db/queries/audit";
import { currentLocalPolicyEntries, insertLocalPolicyFigure, type LocalPolicyEntry } from "@db/queries/local-policy";
import type { ContentBundle } from "~/domain/content-bundle";
import type { LocalPolicyFigure } from "~/domain/local-policy";
import { syncGeneratedQuestions, type SyncSummary } from "~/question-bank.server";

export async function currentLocalPolicy(db: Executor): Promise<Map<string, LocalPolicyEntry>> {
  return new Map((await currentLocalPolicyEntries(db)).map((e) => [e.factId, e]));
}

export async function saveLocalPolicy(
  db: Executor,
  actorId: number,
  figure: LocalPolicyFigure,
  content: Pick<ContentBundle, "facts" | "scenarios" | "procedures">,
  now: number,
): Promise<{ id: number; sync: SyncSummary }> {
  return transaction(db, async (tx) => {
    const id = await insertLocalPolicyFigure(tx, figure, actorId, now);
    await audit(tx, actorId, "policy.set", { entryId: id, ...figure }, now);
    const sync = await syncGeneratedQuestions(tx, content, now);
    return { id, sync };
  });
}
