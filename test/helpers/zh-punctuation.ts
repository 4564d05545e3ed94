/**
 * Half-width punctuation in Chinese text. Chinese text uses full-width （，：；？！）; a half-width
 * `:;,?!()` is wrong when it sits in Chinese: its nearest non-space neighbour (left or right) is a
 * Chinese character, or (for parentheses) the bracketed text contains one, or it separates two
 * placeholders (`{name}:{title}`) in a Chinese string. Digits on both sides
 * (12:30, 1,000), placeholders such as `{name}` and code such as `"key": 1` or `a,b` are left alone,
 * and so is anything between Chinese quotes (“;” “工号,姓名”): quoted text is literal input (a
 * separator, a CSV header, GIFT syntax), to be typed as shown.
 */

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const MARKS = ":;,?!";

function nearest(text: string, from: number, step: 1 | -1): string {
  for (let i = from; i >= 0 && i < text.length; i += step) if (text[i] !== " ") return text[i]!;
  return "";
}

/** Whether offset `i` is inside a URL (`http://${host}:${port}`): the run of non-space text around it has "://". */
function inUrl(text: string, i: number): boolean {
  const start = text.slice(0, i).search(/\S*$/);
  const end = text.slice(i).search(/\s|$/);
  return text.slice(start, i + end).includes("://");
}

/** The matching `)` of the `(` at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Offsets of half-width marks that should be full-width. Only text containing Chinese is looked at. */
export function halfWidthInChinese(text: string): number[] {
  if (!HAN.test(text)) return [];
  const bad = new Set<number>();
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "“") quoted = true;
    else if (c === "”") quoted = false;
    if (quoted) continue;
    if (MARKS.includes(c)) {
      if (inUrl(text, i)) continue;
      const left = nearest(text, i - 1, -1);
      const right = nearest(text, i + 1, 1);
      // Between two placeholders in Chinese text ("{name}:{title}", `${a},${b}`) it is Chinese too.
      if (HAN.test(left) || HAN.test(right) || (left === "}" && (right === "{" || right === "$"))) bad.add(i);
    } else if (c === "(") {
      const end = closing(text, i);
      if (end < 0) {
        if (HAN.test(nearest(text, i - 1, -1)) || HAN.test(nearest(text, i + 1, 1))) bad.add(i);
        continue;
      }
      const inside = text.slice(i + 1, end);
      if (HAN.test(inside) || HAN.test(nearest(text, i - 1, -1)) || HAN.test(nearest(text, end + 1, 1))) {
        bad.add(i);
        bad.add(end);
      }
    } else if (c === ")") {
      // A `)` without its `(` in this text (the `(` is in another piece of a template).
      let depth = 0;
      for (let j = i; j >= 0; j--) {
        if (text[j] === ")") depth++;
        else if (text[j] === "(" && --depth === 0) break;
        if (j === 0 && depth > 0 && (HAN.test(nearest(text, i - 1, -1)) || HAN.test(nearest(text, i + 1, 1)))) bad.add(i);
      }
    }
  }
  return [...bad].sort((a, b) => a - b);
}

const FULL: Record<string, string> = { ":": "：", ";": "；", ",": "，", "?": "？", "!": "！", "(": "（", ")": "）" };

/** The text with those marks made full-width (and the spaces around them dropped). */
export function toFullWidth(text: string): string {
  const bad = new Set(halfWidthInChinese(text));
  if (!bad.size) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (bad.has(i)) {
      out = out.replace(/ +$/, "");
      out += FULL[text[i]!];
      while (text[i + 1] === " ") i++;
    } else out += text[i];
  }
  return out;
}
