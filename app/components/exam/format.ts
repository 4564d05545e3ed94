/** Shared presentation helpers for the exam pages (no data access). */
import { milliToPoints } from "~/domain/score";

/** Typography for sanitised HTML from trainer-typed Markdown (stems, options, explanations). */
export const RICH =
  "[&_p]:my-2 [&_p:first-child]:mt-0 [&_p:last-child]:mb-0 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_a]:text-teal-800 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_strong]:font-semibold [&_blockquote]:border-l-4 [&_blockquote]:border-amber-400 [&_blockquote]:pl-3 [&_table]:my-2 [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2 break-words";

// Dates and times: ~/domain/time (one module for every page).

/** Points from thousandths, without trailing zeros: 1500 → "1.5" (~/domain/score). */
export function formatPoints(milli: number): string {
  return String(milliToPoints(milli));
}

/** Basis points as a percentage: 8250 → "82.5". */
export function formatPercent(bp: number): string {
  return String(Math.round(bp) / 100);
}

/** Question numbers as a list: [1, 4, 7] → "1、4、7" (or "1, 4, 7"). */
export function numberList(ns: number[], locale = "zh"): string {
  return ns.join(locale === "en" ? ", " : "、");
}
