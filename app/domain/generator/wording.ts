/**
 * Chinese sentences about a fact, built from its metric, customer class and comparator with a *slot*
 * where the figure goes. The same sentence serves every form:
 *   statement  (slot = "12小时")   商务客户的固定电话故障最长处理时限不超过12小时
 *   single     (slot = "（  ）")   商务客户的固定电话故障最长处理时限不超过（  ）。
 *   numeric    (slot = "____小时")  商务客户的固定电话故障最长处理时限不超过____小时。
 *
 * Ambiguous facts (status "ambiguous") are linked with a neutral "为", never with 不超过/不低于, so a
 * statement cannot assert the reading the seed leaves open (e.g. the ≥ of 故障修复及时率). Otherwise
 * the wording only uses the fact's own metric text, so it claims nothing the metric does not.
 */
import type { Fact } from "../content-schema";
import { textKindOf } from "./figures";

export const BLANK_CHOICE = "（  ）";
export const blankNumeric = (unit: string) => `____${unit}`;

const TIME_UNITS = new Set(["秒", "分钟", "小时", "日", "天", "周", "个月"]);
/** A metric that already says what is measured needs no "的时限". */
const MEASURE_WORDS = /时限|间隔|时间|期限|界限|周期|频率|窗口|倍数|方式|率/;
/** Metrics that ask the question themselves: "订购关系形成后多久通知", "重发失败多少次后停止通知". */
const QUESTION_WORD = /多久|多少/;

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The words between subject and figure, from the comparator (neutral for ambiguous facts). */
function comparatorLink(fact: Fact): string {
  if (fact.status === "ambiguous") return "为";
  switch (fact.comparator) {
    case "<=":
      return "不超过";
    case ">=":
      return fact.unit === "%" ? "不低于" : "不少于";
    default:
      // "=" and ">" (the only ">" facts are "…的天数界限", where "为1天" is exact).
      return "为";
  }
}

/** "商务客户的" unless there is no class or the metric already names it. */
function classPrefix(fact: Fact, customerClass: string | null): string {
  return customerClass && !fact.metric.includes(customerClass) ? `${customerClass}的` : "";
}

/**
 * The sentence about `fact` with `slot` where the figure goes, without final punctuation.
 * `customerClass` defaults to the fact's own (a false statement never swaps it; see fact-questions.ts).
 */
export function sentence(fact: Fact, slot: string, customerClass: string | null = fact.customerClass): string {
  const who = classPrefix(fact, customerClass);
  if (QUESTION_WORD.test(fact.metric)) {
    const unit = fact.unit ? `(?:${escapeRegExp(fact.unit)})?` : "";
    return who + fact.metric.replace(new RegExp(`多少${unit}|多久`), slot);
  }
  const kind = textKindOf(fact.valueText);
  const needsTimeWord =
    fact.value !== null && fact.unit !== null && TIME_UNITS.has(fact.unit) && !MEASURE_WORDS.test(fact.metric) && !/[后起]$/.test(fact.metric);
  const subject = who + fact.metric + (kind?.subjectSuffix ?? (needsTimeWord ? "的时限" : ""));
  const slotIsNumber = /^\d/.test(slot);
  const link = kind ? ((slotIsNumber ? kind.numericLink : kind.link) ?? comparatorLink(fact)) : comparatorLink(fact);
  return subject + link + slot;
}

/** The statement with the fact's right figure, or with `figure` in its place. */
export function statement(fact: Fact, figure: string): string {
  return sentence(fact, figure);
}
