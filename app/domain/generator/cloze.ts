/**
 * Cloze texts: "铃响[[三|3]]声内接听" marks each blank with its accepted answers, the first canonical.
 * parseCloze turns one into a fill_blank stem (each blank "____") and its answer (per blank, the
 * accepted answers).
 */
const MARK = /\[\[([^\]]+)\]\]/g;
export const BLANK = "____";

export function parseCloze(text: string): { stem: string; answer: string[][] } {
  const answer: string[][] = [];
  const stem = text.replace(MARK, (_, alts: string) => {
    answer.push(alts.split("|").map((a) => a.trim()).filter(Boolean));
    return BLANK;
  });
  if (answer.length === 0) throw new Error(`填空文本没有空：${text}`);
  return { stem, answer };
}

/** The text with every blank filled by its canonical answer, in bold. */
export function clozeSolution(text: string): string {
  return text.replace(MARK, (_, alts: string) => `**${alts.split("|")[0].trim()}**`);
}
