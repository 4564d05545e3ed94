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

/**
 * Natural Chinese for figures whose metric reads badly as "subject + 不超过 + figure" (铃响不超过（ ）声即应
 * 接听, not 接听时限不超过…声). `{}` is the slot; the comparator's meaning is kept in the words.
 */
const NATURAL: Record<string, string> = {
  phone_answer_rings: "电话铃响不超过{}即应接听",
  fault_answer_time: "故障受理电话应在{}以内应答",
  handover_early: "接班者应至少提前{}到岗接班",
  leave_emergency_window: "遇特殊情况来不及提前请假的，可在接班后{}以内请假",
  leave_notice_operator: "话务人员请假，须至少提前{}向值班长请示",
  leave_notice_staff: "业务人员和班长请假，须至少提前{}向大班长请示",
  leave_notice_chief: "大班长和质检员请假，须至少提前{}向中心副经理请示",
  complaint_reply_max: "自受理客户投诉之日起，最长{}以内答复客户",
  complaint_revisit: "答复客户后，应在{}以内回访客户",
  fault_first_contact: "客户成功申障后，社区经理应在{}以内与客户联系，沟通情况并预约上门服务",
  fixed_repairinfo_testroom: "固网修复信息应在{}以内通知测量室",
  repairinfo_to_customer: "故障修复后，故障受理部门应在{}以内把修复信息通知客户",
  group_onsite_client_circuit: "集团客户端电路故障，集团客户经理和维护人员应在{}以内赶到客户现场",
  group_onsite_on_request: "集团客户的非客户端电路故障或非电路故障，客户要求现场支持时，集团客户经理和维护人员应在{}以内赶到现场",
  vas_notify_voice_first: "以语音外呼方式通知的，订购关系形成{}后首次通知",
};

/** The sentence about `fact` with `slot`: the natural wording if there is one, else `sentence`. */
export function naturalSentence(fact: Fact, slot: string): string {
  const natural = NATURAL[fact.id];
  return natural ? natural.replace("{}", slot) : sentence(fact, slot);
}

/** Figures whose natural question is a cloze (FACTS.md: "____倍返还" style), with accepted answers. */
export const FACT_CLOZE: Record<string, string> = {
  sp_refund_double: "判定为违规订制的，按公司承诺[[双倍|2倍|两倍]]返还相关费用。",
  hotline_hours: "客户服务热线[[7×24|7*24|7x24]]小时提供业务咨询、故障申告、投诉受理。",
  bb_hotline_hours: "客户服务热线[[7×24|7*24|7x24]]小时提供宽带在线故障处理和业务、技术咨询。",
  public_calls_free: "火警119、匪警110、医疗急救120、交通事故报警122等公益性通信服务[[免费]]提供。",
  vas_notify_sms: "以短信方式通知的，在订购关系形成后[[即时|立即]]通知。",
  sp_order_retention: "用户没有退订的SP业务订制关系，应当[[长期]]保存。",
  // The manual's own words ("超过一天"); the boundary itself (>1 or ≥1 day) is never asked.
  leave_long_approval: "病假、事假超过[[一|1]]天，以及婚假、产假、探亲假，须经中心副经理批准。",
  sick_leave_certificate: "病假超过[[一|1]]天的，须持医生证明。",
};
