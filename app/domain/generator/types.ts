import type { QuestionContent } from "../question";

/** A generated question: its content plus the stable id (see ids.ts). Versions are the bank's business. */
export type GeneratedQuestion = QuestionContent & { id: string; source: "generated" };
