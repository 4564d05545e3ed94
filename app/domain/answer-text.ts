/**
 * An answer (the key, or a learner's response) as one line of plain text for files (CSV, .xlsx): option
 * texts instead of option ids, Markdown reduced to text (never HTML). Pure.
 */
import type { AnswerDescription } from "./grading";
import { markdownToText } from "./safe-markdown";

export interface AnswerTextWords {
  yes: string;
  no: string;
  /** Label of blank n, e.g. "空1" / "Blank 1". */
  blank: (n: number) => string;
}

export function answerText(d: AnswerDescription, words: AnswerTextWords): string {
  const parts = d.parts.map((p) => {
    switch (p.kind) {
      case "markdown":
        return markdownToText(p.markdown);
      case "text":
        return p.text;
      case "bool":
        return p.value ? words.yes : words.no;
      case "pair":
        return `${markdownToText(p.left)} → ${markdownToText(p.right)}`;
      case "blank":
        return `${words.blank(p.n)}：${p.texts.join(" / ")}`;
    }
  });
  return parts.join(d.ordered && !d.parts.some((p) => p.kind === "blank") ? " → " : " | ");
}

/** A stem shortened to `max` characters of plain text (an ellipsis marks the cut). */
export function shortStem(stemMarkdown: string, max = 80): string {
  const text = markdownToText(stemMarkdown);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
