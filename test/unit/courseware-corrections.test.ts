/**
 * Issue 11 §6: corrections found by checking the courseware against the manuals. Each test reads the
 * RENDERED module (figures filled in, Markdown turned into HTML, tags stripped), i.e. what a learner
 * reads, so a correction that is undone in content/ fails here.
 */
import { describe, expect, it } from "vitest";
import { loadContent } from "~/content.server";

const bundle = loadContent("content");

/** The module's text as the learner reads it: HTML tags removed, entities for quotes decoded. */
function text(slug: string): string {
  const m = bundle.modules.find((x) => x.slug === slug);
  if (!m) throw new Error(`no module ${slug}`);
  return m.html.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
function section(slug: string, id: string): string {
  const m = bundle.modules.find((x) => x.slug === slug)!;
  const s = m.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${slug}#${id}`);
  return s.text;
}

describe("08-complaints: the reference phrases of the techniques, verbatim (FACTS.md §D9)", () => {
  const complaints = text("complaints");
  it("重复法 quotes the whole phrase, up to 我们能做的是双倍返还", () => {
    expect(complaints).toContain(
      "“我非常理解你现在的心情……在相关法律和公司条例范围内，我们会尽最大努力去争取……目前不能……但是，我们能做的是双倍返还”",
    );
  });
  it("暗示法 has its reference phrase", () => {
    expect(complaints).toContain(
      "“我非常理解你现在的心情，和您一样着急。如果真的走法律程序，取证很重要，也比较难，还会发生不少费用，时间会较长，如何判定还不好说……不如……”",
    );
  });
  it("以退为进法 quotes all three lines", () => {
    const stepBack = section("complaints", "step-back-method");
    for (const line of ["我们也协助您寻找法律的依据", "我非常愿意协助解决，但您的要求需要得到法律的支持", "您在这方面还有什么建议？"])
      expect(stepBack).toContain(line);
  });
});

describe("08-complaints: appeals", () => {
  it("says the cost/evidence argument is about litigation, an appeal costs nothing, and discouraging one is a compliance risk", () => {
    const hinting = section("complaints", "hinting-method");
    expect(hinting).toContain("法律程序（诉讼）");
    expect(hinting).toMatch(/申诉[^。]*不花钱/);
    expect(hinting).toContain("合规风险");
    expect(hinting).not.toContain("走申诉或法律程序要付出");
  });
  it("lists the company's own quality-supervision line first and no longer says appeals usually go outside", () => {
    const c = text("complaints");
    expect(c).not.toContain("通常找的是公司以外的机构");
    expect(section("complaints", "appeal-channels").replace(/\s/g, "")).toMatch(/^客户申诉的主要渠道有：公司服务质量监督电话/);
  });
  it("the may-appeal scenario no longer keys 'tell them how costly an appeal is'", () => {
    const s = bundle.scenarios.find((x) => x.id === "comp-may-appeal")!;
    expect(s.right.join("")).not.toMatch(/取证|费用|时间/);
    expect(s.wrong.map((w) => w.text).join("")).toContain("劝他别去申诉");
  });
});

describe("05-business-hall: the free public numbers are listed with 等", () => {
  it("never says the promise covers only the four numbers, in the module or in the scenario's key", () => {
    const hall = text("business-hall");
    // The only "only four" left is the warning not to say it.
    expect(hall.replace("不要对客户说“只有这四个号码免费”", "")).not.toMatch(/(只|仅)(针对|有|限)?[^。]{0,12}四个/);
    expect(hall).toContain("不要对客户说“只有这四个号码免费”");
    expect(hall).toContain("交通事故报警（122）等公益性通信服务");
    const s = bundle.scenarios.find((x) => x.id === "bh-emergency-numbers-free")!;
    for (const option of [...s.right, ...s.wrong.map((w) => w.why)]) expect(option).not.toMatch(/只针对|只有|仅/);
    expect(s.right.join("")).toContain("等公益性通信服务");
  });
});

describe("04-sla", () => {
  const sla = text("sla");
  it("says 双倍返还 and never 2倍返还", () => {
    expect(sla).toContain("双倍返还");
    expect(sla).not.toContain("2倍返还");
    expect(text("business-hall")).not.toContain("2倍返还");
  });
  it("does not call every figure of the repair section a maximum next to the mobile average", () => {
    expect(sla).not.toContain("下面的时限都是最长时限");
    expect(section("sla", "repair-limits")).toContain("平均值");
  });
  it("quotes the VIP broadband limit with its 2 hours", () => {
    expect(sla).toContain("特殊及重要客户2小时");
  });
  it("has no reversed quotation marks", () => {
    expect(sla).not.toMatch(/“[^“”]*“/);
    expect(sla).not.toContain("”不低于”");
  });
});

describe("07-confidentiality", () => {
  const conf = text("confidentiality");
  it("says all three month figures are lost, not most", () => {
    expect(conf).not.toContain("多数期限");
    expect(conf).toContain("三处保存期限的月数全部无法读出");
  });
  it("does not call a private gathering a public place", () => {
    expect(conf).not.toMatch(/朋友聚会都是公共场所/);
    expect(conf).toMatch(/朋友聚会[^。]*不是公共场所/);
  });
});

describe("06, 03, 01", () => {
  it("06 presents 互报工号 beyond the manual's words as interpretation", () => {
    const rule = section("call-centre", bundle.modules.find((m) => m.slug === "call-centre")!.sections.find((s) => s.text.includes("互报工号"))!.id);
    expect(rule).toContain("话务员在业务往来时必须互报工号");
    expect(rule).toContain("这是解读，不是原文的规定");
  });
  it("03 no longer claims only one change to the scripted phrases", () => {
    const tel = text("telephone");
    expect(tel).not.toContain("只有一处改动");
    expect(tel).toContain("错字已按原意还原");
  });
  it("01 says how the order of the 9 principles is examined", () => {
    const p = section("philosophy", "nine-principles");
    expect(p).not.toContain("考试会考顺序");
    expect(p).toContain("排序题");
  });
});
