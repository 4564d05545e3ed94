/**
 * The 本单位规定 page: the local policy figures in force and their history, and saving a new figure
 * (local-policy.server saves it with its audit entry and the regenerated questions in one transaction).
 * The route checks the role: trainers read, admins save.
 */
import { localPolicyHistory } from "@db/queries/local-policy";
import { getDb } from "~/db.server";
import type { ContentBundle } from "~/domain/content-bundle";
import type { LocalPolicyFigure } from "~/domain/local-policy";
import { currentLocalPolicy, saveLocalPolicy } from "~/local-policy.server";

export type PolicyHistoryEntry = Awaited<ReturnType<typeof localPolicyHistory>>[number];

/** The figures in force (one per fact) and every figure ever entered. */
export async function localPolicyPage() {
  const db = getDb();
  const current = [...(await currentLocalPolicy(db)).values()];
  const history: PolicyHistoryEntry[] = await localPolicyHistory(db);
  return { current, history };
}

/** Saves a new figure; returns what the question bank regeneration did. */
export async function saveLocalPolicyFigure(actorId: number, figure: LocalPolicyFigure, content: Pick<ContentBundle, "facts" | "scenarios" | "procedures">, at: number) {
  return saveLocalPolicy(getDb(), actorId, figure, content, at);
}
