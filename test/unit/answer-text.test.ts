import { describe, expect, it } from "vitest";
import { answerText, shortStem } from "~/domain/answer-text";
import { describeAnswer } from "~/domain/grading";
import type { QuestionContent } from "~/domain/question";

const words = { yes: "正确", no: "错误", blank: (n: number) => `空${n}` };
const q = (type: QuestionContent["type"], options: { id: string; text: string }[], answer: unknown) => ({ type, options, answer }) as Pick<QuestionContent, "type" | "options" | "answer">;

describe("answerText", () => {
  const opts = [
    { id: "a", text: "**甲**" },
    { id: "b", text: "<script>x</script>乙" },
  ];
  it("single and multiple: option texts as plain text, never ids or HTML", () => {
    expect(answerText(describeAnswer(q("single", opts, "a"), "b"), words)).toBe("乙");
    expect(answerText(describeAnswer(q("multiple", opts, ["a"]), ["a", "b"]), words)).toBe("甲 | 乙");
  });
  it("ordering joins with arrows, true/false in words, blanks numbered", () => {
    expect(answerText(describeAnswer(q("ordering", opts, ["b", "a"]), ["b", "a"]), words)).toBe("乙 → 甲");
    expect(answerText(describeAnswer(q("true_false", [], true), false), words)).toBe("错误");
    expect(answerText(describeAnswer(q("fill_blank", [], [["x", "y"]]), [["x", "y"]]), words)).toBe("空1：x / y");
  });
  it("an unknown option id stays visible as itself", () => {
    expect(answerText(describeAnswer(q("single", opts, "a"), "zz"), words)).toBe("zz");
  });
});

describe("shortStem", () => {
  it("cuts plain text with an ellipsis", () => {
    expect(shortStem("**长**题干".repeat(10), 5)).toBe("长题干长题…");
    expect(shortStem("短")).toBe("短");
  });
});
