/**
 * Keeping the bank in step with the courseware: every start (and the bank CLI) regenerates the
 * questions from content/ with a fixed seed. New ones are published; one whose content changed (a
 * figure was corrected, say) gets a new version, so answers already recorded keep the old one; one the
 * content no longer produces is retired. A trainer's retirement is respected.
 */
import { lock, transaction, type Executor } from "@db/client";
import { addVersion, contentHash, generatedQuestionState, insertQuestion, setQuestionStatus } from "@db/queries/questions";
import type { ContentBundle } from "~/domain/content-bundle";
import { generateQuestions } from "~/domain/generator";
import { applyLocalPolicy, markLocalPolicyQuestions, type LocalPolicyFigure } from "~/domain/local-policy";
import { currentLocalPolicyEntries } from "@db/queries/local-policy";

/** Fixed so regenerating the same content yields the same option order, hence no spurious versions. */
export const BANK_SEED = "kefu-bank-v1";

export interface SyncSummary {
  created: number;
  revised: number;
  retired: number;
  unchanged: number;
}

/**
 * What the generator makes of the content, with the local policy figures (本单位规定) in force: a figure
 * with a local value is quizzed on that value (a lost one only once it has one), and its questions say so.
 */
export function generateBank(content: Pick<ContentBundle, "facts" | "scenarios" | "procedures">, policy: ReadonlyMap<string, LocalPolicyFigure>) {
  const facts = applyLocalPolicy(content.facts, policy);
  const generated = generateQuestions({ ...content, facts }, BANK_SEED);
  return markLocalPolicyQuestions(generated, policy, new Map(content.facts.map((f) => [f.id, f])));
}

/**
 * Brings the generated questions in line with the content: one transaction under the lock "bootstrap",
 * reading the bank's state inside it, so several servers starting at once sync it once (the others
 * find it in step).
 */
export async function syncGeneratedQuestions(db: Executor, content: Pick<ContentBundle, "facts" | "scenarios" | "procedures">, now: number): Promise<SyncSummary> {
  const summary: SyncSummary = { created: 0, revised: 0, retired: 0, unchanged: 0 };
  await transaction(db, async (tx) => {
    await lock(tx, "bootstrap");
    const policy = new Map((await currentLocalPolicyEntries(tx)).map((e) => [e.factId, e]));
    const generated = generateBank(content, policy);
    const state = await generatedQuestionState(tx);
    for (const g of generated) {
      const { id, source: _source, ...body } = g;
      const hash = contentHash(body);
      const existing = state.get(id);
      if (!existing) {
        await insertQuestion(tx, { id, source: "generated", status: "published", content: body, createdBy: null, note: "generated", generatedHash: hash }, now);
        summary.created++;
      } else if (existing.generatedHash !== hash) {
        await addVersion(tx, id, body, null, "regenerated", now, hash);
        summary.revised++;
      } else summary.unchanged++;
    }
    const produced = new Set(generated.map((g) => g.id));
    for (const [id, s] of state) {
      if (!produced.has(id) && s.status !== "retired") {
        await setQuestionStatus(tx, id, "retired", now);
        summary.retired++;
      }
    }
  });
  return summary;
}
