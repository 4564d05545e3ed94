/**
 * A question's stem as a short label in plain text, for every place a trainer meets a question
 * (lists, titles, item analysis, pickers): the Markdown and any HTML in it are reduced to their text
 * (never markup: the result is shown as text, so nothing a trainer typed can run), whitespace is
 * collapsed, and it is cut by characters — user-perceived characters (grapheme clusters), so a CJK
 * character outside the BMP (𠮷), an emoji or a combining sequence counts as one and is never split —
 * with an ellipsis when something was cut. Fill-in-the-blank stems show their blanks as ____（N）, as
 * the exam does. Pure.
 */
import { displayStem } from "./question";
import { markdownToTextLines } from "./safe-markdown";

/** The length of a label in lists and pickers (characters). */
export const STEM_LABEL_CHARS = 60;

const ELLIPSIS = "…";

/** CJK ideographs, kana, hangul and CJK/full-width punctuation: scripts written without spaces. */
const CJK = /[\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u{20000}-\u{3FFFF}]/u;

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** One pass over the character references sanitize-html leaves in text (so "&amp;lt;" stays "&lt;"). */
function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Whitespace runs become one space, except a run that holds a line break between two CJK characters
 * (a Chinese sentence wrapped in the source), which disappears: "第一行\n第二行" → "第一行第二行".
 */
export function collapseWhitespace(text: string): string {
  const chars = [...text];
  let out = "";
  let last = "";
  for (let i = 0; i < chars.length; ) {
    if (!/\s/u.test(chars[i]!)) {
      out += last = chars[i++]!;
      continue;
    }
    let j = i;
    let newline = false;
    while (j < chars.length && /\s/u.test(chars[j]!)) {
      if (chars[j] === "\n") newline = true;
      j++;
    }
    const next = chars[j] ?? "";
    if (last && next && !(newline && CJK.test(last) && CJK.test(next))) out += " ";
    i = j;
  }
  return out;
}

const segmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("zh", { granularity: "grapheme" }) : null;

/** The user-perceived characters of a string. */
export function graphemes(text: string): string[] {
  return segmenter ? [...segmenter.segment(text)].map((s) => s.segment) : [...text];
}

/** Cut to at most `max` characters (grapheme clusters), the last of them "…" when anything was cut. */
export function truncateChars(text: string, max: number): string {
  const g = graphemes(text);
  if (g.length <= max) return text;
  return `${g.slice(0, Math.max(0, max - 1)).join("").trimEnd()}${ELLIPSIS}`;
}

/** Plain text of a stem (Markdown or HTML), whitespace collapsed. */
export function stemPlainText(q: { type: string; stem: string } | string): string {
  const markdown = typeof q === "string" ? q : displayStem(q);
  return collapseWhitespace(decodeEntities(markdownToTextLines(markdown.replace(/\r\n?/g, "\n")))).trim();
}

/** The stem as a label: plain text, at most `max` characters (default STEM_LABEL_CHARS). */
export function shortStem(q: { type: string; stem: string } | string, max = STEM_LABEL_CHARS): string {
  return truncateChars(stemPlainText(q), max);
}

/** What a page needs to name a question to a trainer: the stem first, then type and module; the id last. */
export interface QuestionLabelData {
  id: string;
  /** The version meant (a paper's, an analysis row's), or null for "the question" as such. */
  version: number | null;
  /** shortStem of the stem (plain text). */
  stem: string;
  type: string;
  /** The module's title ("" when none). */
  module: string;
}
