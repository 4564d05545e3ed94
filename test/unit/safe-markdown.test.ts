import { describe, expect, it } from "vitest";
import { markdownToText, renderSafeInline, renderSafeMarkdown } from "~/domain/safe-markdown";

const HOSTILE = [
  `<script>alert("x")</script>`,
  `<img src=x onerror="alert(1)">`,
  `[点我](javascript:alert(1))`,
  `<a href="javascript:alert(1)">链接</a>`,
  `<svg onload=alert(1)><circle/></svg>`,
  `<iframe src="https://evil.example"></iframe>`,
  `<a href="JaVaScRiPt:alert(1)">x</a>`,
  `[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `<div style="background:url(javascript:alert(1))" onclick="alert(1)">x</div>`,
];

describe("trainer-typed Markdown", () => {
  it.each(HOSTILE)("cannot run script: %s", (input) => {
    for (const html of [renderSafeMarkdown(input), renderSafeInline(input)]) {
      expect(html).not.toMatch(/<script|<img|<svg|<iframe|<div/i);
      expect(html).not.toMatch(/\son\w+\s*=/i);
      expect(html).not.toMatch(/href\s*=\s*"?\s*(javascript|data):/i);
    }
  });

  it("keeps ordinary formatting, tables and safe links", () => {
    const html = renderSafeMarkdown("**故障受理**电话应在 15 秒内应答。\n\n| 类别 | 时限 |\n|---|---|\n| 商务 | 12小时 |\n\n[手册](/modules/sla#fault-intake)");
    expect(html).toContain("<strong>故障受理</strong>");
    expect(html).toContain("<td>12小时</td>");
    expect(html).toContain('href="/modules/sla#fault-intake"');
  });

  it("shows hostile text as text, so a trainer sees what was typed", () => {
    expect(renderSafeMarkdown("<script>alert(1)</script>")).toContain("&lt;script&gt;");
    expect(markdownToText("**加粗** 与 <b>标签</b>")).toBe("加粗 与 标签");
  });
});
