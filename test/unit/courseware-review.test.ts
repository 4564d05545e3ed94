/**
 * The courseware review against the manuals (FACTS.md and the seeds), one test per class of defect:
 * figures, comparators, the scripted phrases, and claims the manual does not make. Each test reads
 * content/ through the real loader, so a defect reintroduced in content/ fails here.
 */
import { describe, expect, it } from "vitest";
import { loadContent, readContentFiles } from "~/content.server";
import { formatFact } from "~/domain/content-schema";

const bundle = loadContent("content");
const files = readContentFiles("content");

function text(slug: string): string {
  const m = bundle.modules.find((x) => x.slug === slug);
  if (!m) throw new Error(`no module ${slug}`);
  return m.html.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
function section(slug: string, id: string): string {
  const s = bundle.modules.find((x) => x.slug === slug)!.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${slug}#${id}`);
  return s.text;
}

/**
 * FACTS.md §A1, row by row, as the manuals give it (checked against seeds S0–S3): id → [comparator, figure as
 * rendered, customer class]. A lost figure renders 〔原文数字缺失〕.
 */
const A1: Record<string, [string, string, string | null]> = {
  vas_notify_voice_first: ["=", "1分钟", null],
  vas_notify_retry_1: ["=", "10分钟", null],
  vas_notify_retry_2: ["=", "1小时", null],
  vas_notify_retry_3: ["=", "3小时", null],
  vas_notify_stop: ["=", "3次", null],
  vas_notify_sms: ["=", "即时", null],
  biz_change_rate_group: [">=", "99%", "集团客户"],
  biz_change_rate_business: [">=", "98%", "商务客户"],
  biz_change_rate_public: [">=", "98%", "公众客户"],
  fault_answer_time: ["<=", "15秒", null],
  fault_connect_rate: [">=", "98%", null],
  fault_agent_connect_rate: [">=", "85%", null],
  fault_first_contact: ["<=", "1小时", null],
  fixed_repairinfo_testroom: ["<=", "30分钟", null],
  fixed_receipt_rate: ["=", "100%", null],
  repairinfo_to_customer: ["<=", "30分钟", null],
  fixed_repair_max_group: ["<=", "8小时", "集团客户"],
  fixed_repair_max_business: ["<=", "12小时", "商务客户"],
  fixed_repair_max_public: ["<=", "24小时", "公众客户"],
  bb_repair_max_group: ["=", "按照协议执行", "集团客户"],
  bb_repair_max_vip: ["<=", "2小时", "特殊及重要客户"],
  bb_repair_max_business: ["<=", "8小时", "商务客户"],
  bb_repair_max_public: ["<=", "24小时", "公众客户"],
  mobile_repair_avg: ["<=", "24小时", null],
  mobile_repair_max: ["<=", "48小时", null],
  leased_data_repair_max: ["<=", "4小时", null],
  group_onsite_client_circuit: ["<=", "30分钟", "集团客户"],
  group_onsite_on_request: ["<=", "30分钟", "集团客户"],
  repair_rate_group: [">=", "99%", "集团客户"],
  repair_rate_business: [">=", "98%", "商务客户"],
  repair_rate_public: [">=", "95%", "公众客户"],
  repeat_fault_3day: ["<=", "5%", null],
  disconnect_fixed_bb_phs: ["<=", "24小时", null],
  disconnect_leased_data: ["<=", "8日", null],
  complaint_reply_max: ["<=", "7日", null],
  complaint_revisit: ["<=", "1周", null],
  hotline_hours: ["=", "7×24小时", null],
  bb_hotline_hours: ["=", "7×24小时", null],
  public_calls_free: ["=", "免费", null],
  phone_answer_rings: ["<=", "3声", null],
  handover_early: [">=", "10分钟", null],
  leave_notice_operator: [">=", "1天", null],
  leave_notice_staff: [">=", "1天", null],
  leave_notice_chief: [">=", "1天", null],
  leave_emergency_window: ["<=", "30分钟", null],
  leave_long_approval: [">", "1天", null],
  sick_leave_certificate: [">", "1天", null],
  attendance_monthly: ["=", "每月", null],
  daily_spot_check: ["=", "每天", null],
  daily_stats: ["=", "每天", null],
  sp_refund_double: ["=", "2倍", null],
  customer_data_retention: [">=", "〔原文数字缺失〕", null],
  sp_order_retention: ["=", "长期保存", null],
  sp_usage_record_retention: ["=", "〔原文数字缺失〕", null],
  sp_unsub_record_retention: ["=", "〔原文数字缺失〕", null],
  kpi_report_cycle: ["=", "月度通报、季度考核", null],
};

describe("figures: every §A1 fact is the manual's value, unit, comparator and customer class", () => {
  it("holds exactly the 56 rows of FACTS.md §A1", () => {
    expect(bundle.facts.map((f) => f.id).sort()).toEqual(Object.keys(A1).sort());
  });
  for (const [id, [comparator, shown, customerClass]] of Object.entries(A1)) {
    it(`${id} = ${comparator} ${shown}${customerClass ? ` (${customerClass})` : ""}`, () => {
      const f = bundle.factsById.get(id)!;
      expect([f.comparator, formatFact(f), f.customerClass]).toEqual([comparator, shown, customerClass]);
    });
  }
  it("every {{fact:…}} in a module renders that fact's figure, in the module the learner reads", () => {
    for (const m of bundle.modules) {
      for (const [, id, shown] of m.html.matchAll(/data-fact="([a-z0-9_]+)"[^>]*>([^<]*)</g)) {
        expect(shown.startsWith(A1[id][1]), `${m.slug}: ${id} renders “${shown}”`).toBe(true);
      }
    }
  });
});

describe("comparators: the words around a figure never contradict its direction (不超过/以内 vs 不低于/至少 vs 超过)", () => {
  const facts = bundle.factsById;
  const modules = files.filter((f) => f.path.startsWith("modules/"));
  const cases: { file: string; id: string; before: string; after: string }[] = [];
  for (const f of modules)
    for (const m of f.text.matchAll(/\{\{fact:([a-z0-9_]+)\}\}/g))
      cases.push({ file: f.path, id: m[1], before: f.text.slice(Math.max(0, m.index! - 8), m.index!), after: f.text.slice(m.index! + m[0].length, m.index! + m[0].length + 4) });

  it("finds the figures to check", () => expect(cases.length).toBeGreaterThan(100));
  it("an upper limit (≤) is never called 不低于/至少", () => {
    const bad = cases.filter((c) => facts.get(c.id)!.comparator === "<=" && /不低于|至少/.test(c.before));
    expect(bad).toEqual([]);
  });
  it("a lower limit (≥) is never called 不超过/最长/以内", () => {
    const bad = cases.filter((c) => facts.get(c.id)!.comparator === ">=" && /不超过|最长|以内|之内/.test(c.before + c.after));
    expect(bad).toEqual([]);
  });
  it("a strict 超过 (>) is never turned into 以内/不超过/至少 or 满", () => {
    const bad = cases.filter((c) => facts.get(c.id)!.comparator === ">" && /不超过|以内|之内|至少|满$/.test(c.before + c.after));
    expect(bad).toEqual([]);
  });
});

describe("§D9: the 16 scripted phrases are quoted verbatim (company names neutral)", () => {
  const tel = text("telephone");
  const comp = text("complaints");
  const phrases = [
    "“××公司，您好！我是客户经理××”",
    "“方总经理您好，很久没同您联络，最近好吗？”",
    "“请问还有什么能帮到您吗？”",
    "“谢谢您的来电，我会依指示尽快给您处理。再见”",
    "“谢谢您的来电，我会尽快给您转达。再见”",
    "“您好！××正在接电话，请问您是等一会儿还是我帮您留言转告？”",
    "“很抱歉，我正在会客，您先留下联系方式，我尽快给您回电”",
    "“对不起，我们已经确认您的身份，如您要咨询的问题，可以与我们的领导联系，并在正规场所进行交流”",
    "“您好！××公司。”",
    "“您好，这里是××公司客服中心，请讲。”",
    "“对不起，请您重复一遍好吗？”",
    "“对不起，电话较忙，让您久等了。”",
    "“感谢您对××公司的支持，欢迎您继续关注，再见。”",
  ];
  for (const p of phrases) it(`03-telephone quotes ${p}`, () => expect(tel).toContain(p));
  it("08-complaints quotes the three techniques' reference phrases", () => {
    expect(comp).toContain("我们能做的是双倍返还");
    expect(comp).toContain("如何判定还不好说……不如……");
    expect(comp).toContain("您在这方面还有什么建议？");
  });
});

describe("claims: nothing beyond the manual is presented as the manual's words", () => {
  it("08 resolve stage: the manual's 要点 is reported as it is (不会支持, 最优惠), with the caveat that it may not stop an appeal", () => {
    const s = section("complaints", "resolve-stage");
    expect(s).not.toContain("很难得到更多支持");
    expect(s).toContain("即便到消协、法院也不会得到支持");
    expect(s).toContain("公司最优惠的");
    expect(s).toMatch(/不能据此否认或劝阻客户申诉、起诉的权利/);
  });
  it("06 第13条: 重奖重罚 without the invented 奖罚分明", () => {
    expect(text("call-centre")).not.toContain("奖罚分明");
    expect(section("call-centre", "basic-requirements")).toContain("实行重奖重罚");
  });
  it("06 summary keeps the leave comparators (超过1天), not a vague 较长", () => {
    const s = section("call-centre", "summary");
    expect(s).not.toContain("较长的病假");
    expect(s).toContain("病假超过1天须有医生证明");
    expect(s).toContain("病假、事假超过1天");
  });
  it("04 says only its own figures come from the SLA manual; the overview gathers the others", () => {
    const sla = text("sla");
    expect(sla).not.toContain("本模块的数字全部来自");
    expect(sla).toContain("全课程数字一览");
  });
  it("04, 03 and 07 label the course's own readings as interpretation", () => {
    expect(section("sla", "repair-mobile-leased")).toContain("本课程的理解是：平均值是对整体的要求");
    expect(section("telephone", "answer-key-points")).toContain("这是本课程的理解");
    const practice = section("confidentiality", "rules-in-practice");
    expect(practice).toContain("本课程的理解是，保密的义务不分场合");
    expect(practice).toContain("原文没有规定改用什么渠道");
  });
});
