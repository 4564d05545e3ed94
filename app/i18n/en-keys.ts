import type { zhKeys } from "./zh-keys";

/** Answer-key protection: review timing, exam-only pools, question families. */
export const enKeys: Record<keyof typeof zhKeys, string> = {
  "exams.result.heldWhileAttemptsLeft": "You may sit this exam again, so the right answers and explanations are published only once you have no attempts left (or the exam has closed); for now, only the score is shown.",
  "exams.result.afterClose": "The right answers and explanations will be published after the exam closes.",
  "exams.result.neverShown": "Only the score is published for this exam, never the right answers.",
  "exams.reviewTiming.immediately": "Immediately (once no attempts are left)",
  "exams.reviewTiming.after_last_attempt": "After the last attempt",
  "exams.reviewTiming.after_close": "After the exam closes",
  "exams.reviewTiming.never": "Never",
  "examadmin.field.reviewTiming": "When to publish the right answers",
  "examadmin.field.reviewTimingHint": "Whatever you choose, only the score is shown while the learner may sit again and the exam is open.",
  "examadmin.field.poolInPractice": "Let the questions this exam can draw appear in practice and the numbers drill too",
  "examadmin.field.poolInPracticeHint": "Unticked (recommended): they are for the exam only. Practice shows the right answer at once, so a certificate earned on questions already practised means less.",
  "questions.field.family": "Family",
  "questions.field.familyHint": "Questions that test the same point share a family (say the single-choice and true/false forms of one figure); a paper holds at most one per family. Empty: the question's own id.",
  "practice.reserved": "This question is on your open exam paper or reserved for exams, so it cannot be answered in practice.",
};
