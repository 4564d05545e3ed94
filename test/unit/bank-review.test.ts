/**
 * Regression tests for the defects found in the expert review of the generated bank (branch bankreview).
 * Each test names one class of defect and checks it over the whole generated bank, several seeds.
 */
import { describe, expect, it } from "vitest";
import { loadContent } from "~/content.server";
import { createQuestionGenerator, generateQuestions, type GeneratedQuestion } from "~/domain/generator";
import { PHRASES } from "~/domain/generator/course-points";

const bundle = loadContent("content");
const input = { facts: bundle.facts, scenarios: bundle.scenarios, procedures: bundle.procedures };
const generate = createQuestionGenerator(input);
const base = generateQuestions(input, 1);
const SEEDS = [1, 2, 3, 4, 5, "kefu-bank-v1"];

const numberLike = (text: string) => /^\d/.test(text.trim());
const blanksOf = (q: GeneratedQuestion) => q.answer as string[][];

/**
 * The 16 scripted phrases of FACTS.md §D9, word for word (the company name, which differs between the
 * manuals, as ××公司; punctuation full-width). Copied here because a test reads nothing outside the repository.
 */
const MANUAL_PHRASES: Record<string, string> = {
  greeting: "××公司，您好！我是客户经理××",
  "title-greeting": "方总经理您好，很久没同您联络，最近好吗？",
  "anything-else": "请问还有什么能帮到您吗？",
  closing: "谢谢您的来电，我会依指示尽快给您处理。再见",
  "absent-closing": "谢谢您的来电，我会尽快给您转达。再见",
  "colleague-busy": "您好！××正在接电话，请问您是等一会儿还是我帮您留言转告？",
  "with-visitor": "很抱歉，我正在会客，您先留下联系方式，我尽快给您回电",
  competitor: "对不起，我们已经确认您的身份，如您要咨询的问题，可以与我们的领导联系，并在正规场所进行交流",
  "hotline-opening": "您好！××公司。",
  "silent-caller": "您好，这里是××公司客服中心，请讲。",
  "quiet-customer": "对不起，请您重复一遍好吗？",
  "slow-answer": "对不起，电话较忙，让您久等了。",
  "thanks-suggestion": "感谢您对××公司的支持，欢迎您继续关注，再见。",
  "repetition-method": "我非常理解你现在的心情……在相关法律和公司条例范围内，我们会尽最大努力去争取……目前不能……但是，我们能做的是双倍返还",
  "hinting-method": "我非常理解你现在的心情，和您一样着急。如果真的走法律程序，取证很重要，也比较难，还会发生不少费用，时间会较长，如何判定还不好说……不如……",
  "step-back-method": "我们也协助您寻找法律的依据”“我非常愿意协助解决，但您的要求需要得到法律的支持”“您在这方面还有什么建议？",
};

describe("bank review: options of one kind", () => {
  it("a single choice never has a lone word key among numbers, nor a lone number among words (集团客户宽带时限 按照协议执行)", () => {
    for (const seed of SEEDS) {
      for (const q of generate(seed).filter((x) => x.type === "single")) {
        const kinds = new Set(q.options.map((o) => numberLike(o.text)));
        expect(kinds.size, `${seed} ${q.id}: ${q.options.map((o) => o.text).join(" | ")}`).toBe(1);
      }
    }
  });

  it("the word figure 按照协议执行 is asked against its look-alike (8小时 of 集团客户固定电话) as a true/false", () => {
    expect(base.find((q) => q.id === "gen-fact-bb_repair_max_group-single")).toBeUndefined();
    const tf = base.find((q) => q.id === "gen-fact-bb_repair_max_group-tf-false")!;
    expect(tf.type).toBe("true_false");
    expect(tf.answer).toBe(false);
    expect(tf.stem).toBe("判断正误：集团客户的宽带故障最长处理时限为8小时。");
    expect(tf.explanation).toContain("按照协议执行");
    expect(tf.explanation).toContain("集团客户的固定电话故障最长处理时限不超过8小时");
    expect(tf.family).toBe("fact:bb_repair_max_group");
  });
});

describe("bank review: fill in the blank", () => {
  const fills = base.filter((q) => q.type === "fill_blank");

  it("every blank has at least one accepted answer, none empty, none repeated", () => {
    expect(fills.length).toBeGreaterThan(16);
    for (const q of fills) {
      for (const accepted of blanksOf(q)) {
        expect(accepted.length, q.id).toBeGreaterThan(0);
        for (const a of accepted) expect(a.trim(), q.id).not.toBe("");
        expect(new Set(accepted).size, q.id).toBe(accepted.length);
      }
    }
  });

  it("双倍 is also accepted as 2倍 and 两倍, and a Chinese numeral also as its digit (重复法: 双倍返还)", () => {
    const digits: Record<string, string> = { 一: "1", 二: "2", 两: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9", 十: "10" };
    let checked = 0;
    for (const q of fills) {
      for (const accepted of blanksOf(q)) {
        for (const a of accepted) {
          if (a.includes("双倍")) {
            checked++;
            expect(accepted, q.id).toContain(a.replace("双倍", "2倍"));
            expect(accepted, q.id).toContain(a.replace("双倍", "两倍"));
          }
          if (digits[a]) expect(accepted, q.id).toContain(digits[a]);
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2); // sp_refund_double and the 重复法 phrase
  });

  it("each scripted phrase's blanks are filled, in order, by words of the manual's phrase (canonical answer verbatim)", () => {
    expect(Object.keys(MANUAL_PHRASES).sort()).toEqual(PHRASES.map((p) => p.id).sort());
    for (const p of PHRASES) {
      const q = base.find((x) => x.id === `gen-point-${p.id}-cloze`)!;
      const manual = MANUAL_PHRASES[p.id];
      let from = 0;
      for (const accepted of blanksOf(q)) {
        const at = manual.indexOf(accepted[0], from);
        expect(at, `${p.id}: “${accepted[0]}” not in the manual's phrase after position ${from}`).toBeGreaterThanOrEqual(0);
        from = at + accepted[0].length;
      }
    }
  });
});

describe("bank review: a scenario single answers the question its situation asks", () => {
  it("“你们多久能给我答复？” is answered with the 7-day reply limit, not with the revisit", () => {
    for (const seed of SEEDS) {
      const q = generate(seed).find((x) => x.id === "gen-scenario-comp-reply-and-revisit-single")!;
      const key = q.options.find((o) => o.id === q.answer)!.text;
      expect(key, String(seed)).toContain("7日内答复");
      expect(key).not.toContain("回访");
    }
  });

  it("a customer asks one question when the single shows one handling (增值业务通知: no unanswered “电话没接到呢”)", () => {
    const q = base.find((x) => x.id === "gen-scenario-sla-vas-sms-vs-voice-single")!;
    const quoted = q.stem.match(/“([^”]*)”/)![1];
    expect(quoted.match(/？/g)?.length ?? 0).toBe(1);
    expect(q.options.find((o) => o.id === q.answer)!.text).toContain("即时通知");
  });
});

describe("bank review: no second defensible answer in a scenario single", () => {
  it("尊重客户: the key that respects the customer's decision also offers the better choice, unlike “不发表任何意见”", () => {
    for (const seed of SEEDS) {
      const q = generate(seed).find((x) => x.id === "gen-scenario-philosophy-customer-hesitates-single")!;
      const key = q.options.find((o) => o.id === q.answer)!.text;
      expect(key, String(seed)).toMatch(/选择/);
      // The passive distractor is only wrong because the key offers a choice; a key that only "respects the decision" makes it defensible.
      expect(key).not.toBe("尊重客户最终的决定，不说让客户难堪的话");
      if (q.options.some((o) => o.text.startsWith("不发表任何意见"))) expect(key).toMatch(/介绍|选择供他比较/);
    }
  });
});
