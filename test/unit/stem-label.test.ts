import { describe, expect, it } from "vitest";
import { collapseWhitespace, graphemes, shortStem, stemPlainText, truncateChars } from "~/domain/stem-label";

describe("a stem as a short plain-text label", () => {
  it("strips Markdown: emphasis, code, links, lists, tables and headings leave their words only", () => {
    expect(stemPlainText("**客户**投诉后，`7` 天内须[回复](https://example.com)。")).toBe("客户投诉后，7 天内须回复。");
    expect(stemPlainText("### 标题\n\n- 甲\n- 乙")).toBe("标题甲乙");
    expect(stemPlainText("| 项目 | 时限 |\n|---|---|\n| 故障 | 24小时 |")).toBe("项目时限故障 24小时");
    expect(stemPlainText("> quoted *text* and __more__")).toBe("quoted text and more");
  });

  it("strips HTML and drops script and style content entirely; what is left is text, never markup", () => {
    const label = shortStem('<img src=x onerror="alert(1)"><script>alert(2)</script><style>p{}</style><b>加粗</b>题干<a href="javascript:x">链接</a>');
    expect(label).toBe("加粗题干链接");
    expect(label).not.toMatch(/[<>]/);
    expect(shortStem("危险题干<script>alert(1)</script>")).toBe("危险题干");
  });

  it("decodes character references exactly once and keeps a literal < or & as text", () => {
    expect(stemPlainText("5 < 7 & 8 > 6，\"引号\"")).toBe('5 < 7 & 8 > 6，"引号"');
    expect(stemPlainText("写作 &amp;lt; 的字样")).toBe("写作 &lt; 的字样");
    expect(stemPlainText("版权&#169;与&#x4E2D;文&nbsp;空格")).toBe("版权©与中文 空格");
  });

  it("collapses whitespace; a line break inside Chinese text disappears, between Latin words it is a space", () => {
    expect(stemPlainText("第一行\n第二行")).toBe("第一行第二行");
    expect(stemPlainText("第一段。\n\n第二段。")).toBe("第一段。第二段。");
    expect(stemPlainText("line one\nline two")).toBe("line one line two");
    expect(stemPlainText("  多个   空格\t\t和制表符  ")).toBe("多个 空格 和制表符");
    expect(collapseWhitespace("客户\u3000\u3000经理")).toBe("客户 经理");
    expect(collapseWhitespace("漫游\n\nroaming")).toBe("漫游 roaming");
  });

  it("shows a fill-in-the-blank stem's blanks numbered, as the exam does", () => {
    expect(stemPlainText({ type: "fill_blank", stem: "投诉应在___小时内响应，___天内办结。" })).toBe("投诉应在____（1）小时内响应，____（2）天内办结。");
    expect(stemPlainText({ type: "single", stem: "普通题干" })).toBe("普通题干");
  });

  it("cuts by characters with an ellipsis, and only when something was cut", () => {
    const stem = "客户办理携号转网业务时，营业厅工作人员应当首先核对哪些信息？";
    expect([...stem].length).toBe(30);
    expect(shortStem(stem, 30)).toBe(stem);
    expect(shortStem(stem, 29)).toBe(`${stem.slice(0, 28)}…`);
    expect(shortStem(stem, 10)).toBe("客户办理携号转网业…");
    expect([...shortStem(stem, 10)].length).toBe(10);
    expect(shortStem("Which of these is the right answer?", 12)).toBe("Which of th…");
    // No trailing space before the ellipsis.
    expect(shortStem("abcd efgh ijkl", 6)).toBe("abcd…");
  });

  it("counts a CJK character outside the BMP, an emoji or a combining sequence as one, and never splits it", () => {
    expect(graphemes("𠮷野家")).toEqual(["𠮷", "野", "家"]);
    expect(truncateChars("𠮷𠮷𠮷𠮷", 3)).toBe("𠮷𠮷…");
    expect(truncateChars("👍🏽👍🏽👍🏽", 2)).toBe("👍🏽…");
    expect(truncateChars("e\u0301e\u0301e\u0301", 2)).toBe("e\u0301…");
    const cut = shortStem("𠀀".repeat(100));
    expect(graphemes(cut)).toHaveLength(60);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("gives an empty label for an empty or markup-only stem", () => {
    expect(shortStem("")).toBe("");
    expect(shortStem("<script>x</script>")).toBe("");
  });
});
