/**
 * An answer (the key, or a learner's response) ready to show: `describeAnswer` parts with any
 * trainer-typed text rendered to sanitised HTML. Shared by practice feedback, exam results and the
 * trainer's view of an attempt.
 */
import type { AnswerDescription } from "./grading";
import { renderSafeInline } from "./safe-markdown";

export type AnswerViewPart =
  | { kind: "html"; html: string }
  | { kind: "text"; text: string }
  | { kind: "bool"; value: boolean }
  | { kind: "pair"; leftHtml: string; rightHtml: string }
  /** fill_blank: blank n and its text(s) — the key's accepted answers, or what the learner typed. */
  | { kind: "blank"; n: number; texts: string[] };

export interface AnswerView {
  ordered: boolean;
  parts: AnswerViewPart[];
}

export function answerView(d: AnswerDescription): AnswerView {
  return {
    ordered: d.ordered,
    parts: d.parts.map((p): AnswerViewPart =>
      p.kind === "markdown"
        ? { kind: "html", html: renderSafeInline(p.markdown) }
        : p.kind === "pair"
          ? { kind: "pair", leftHtml: renderSafeInline(p.left), rightHtml: renderSafeInline(p.right) }
          : p,
    ),
  };
}
