import { describe, expect, it } from "vitest";
import { loadContent, readContentFiles } from "~/content.server";
import { buildContentBundle, ContentBundleError, type ContentFile } from "~/domain/content-bundle";

const files = readContentFiles("content");
const bundle = loadContent("content");

function withChange(path: string, change: (text: string) => string): ContentFile[] {
  return files.map((f) => (f.path === path ? { ...f, text: change(f.text) } : f));
}
function problemsOf(fs: ContentFile[]): string[] {
  try {
    buildContentBundle(fs);
    return [];
  } catch (e) {
    if (e instanceof ContentBundleError) return e.problems.map((p) => `${p.file}: ${p.message}`);
    throw e;
  }
}

describe("the courseware in content/", () => {
  it("has at least 8 modules in order, each with a table of contents", () => {
    expect(bundle.modules.length).toBeGreaterThanOrEqual(8);
    expect(bundle.modules.map((m) => m.order)).toEqual([...bundle.modules.map((m) => m.order)].sort((a, b) => a - b));
    for (const m of bundle.modules) expect(m.toc.length).toBeGreaterThan(2);
  });

  it("holds every §A1 fact once, and only the three lost figures have no value", () => {
    expect(bundle.facts.map((f) => f.n)).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
    expect(bundle.facts.filter((f) => f.status === "lost").map((f) => f.id).sort()).toEqual(
      ["customer_data_retention", "sp_unsub_record_retention", "sp_usage_record_retention"],
    );
  });

  it("renders figures from the facts, not from digits typed in the module", () => {
    const sla = bundle.modules.find((m) => m.slug === "sla")!;
    expect(sla.html).toContain('data-fact="fault_answer_time"');
    expect(sla.html).toMatch(/data-fact="fault_answer_time"[^>]*>15秒</);
    expect(sla.html).toMatch(/data-fact="fixed_repair_max_business"[^>]*>12小时</);
    const conf = bundle.modules.find((m) => m.slug === "confidentiality")!;
    expect(conf.html).toMatch(/data-fact="customer_data_retention"[^>]*>〔原文数字缺失〕</);
  });

  it("matches the seed figures for the headline SLA numbers", () => {
    const v = (id: string) => bundle.factsById.get(id)!;
    expect([v("fault_answer_time").value, v("fault_answer_time").unit]).toEqual([15, "秒"]);
    expect([v("fixed_repair_max_group").value, v("fixed_repair_max_business").value, v("fixed_repair_max_public").value]).toEqual([8, 12, 24]);
    expect([v("bb_repair_max_business").value, v("disconnect_leased_data").value, v("disconnect_leased_data").unit]).toEqual([8, 8, "日"]);
    expect([v("complaint_reply_max").value, v("complaint_reply_max").unit]).toEqual([7, "日"]);
    expect([v("repair_rate_public").value, v("biz_change_rate_public").value]).toEqual([95, 98]);
  });

  it("escapes raw HTML written in a module instead of passing it through", () => {
    const fs = withChange("modules/01-philosophy.md", (t) => `${t}\n\n<script>alert(1)</script>\n`);
    const m = buildContentBundle(fs).modules.find((x) => x.slug === "philosophy")!;
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("&lt;script&gt;");
  });
});

describe("content:check catches", () => {
  it("a bad frontmatter field", () => {
    expect(problemsOf(withChange("modules/04-sla.md", (t) => t.replace(/^minutes: \d+$/m, "minutes: lots")))).toContainEqual(
      expect.stringContaining("modules/04-sla.md: frontmatter minutes"),
    );
  });
  it("a heading without an anchor", () => {
    expect(problemsOf(withChange("modules/04-sla.md", (t) => `${t}\n\n## 没有锚点的标题\n`))).toEqual([
      expect.stringContaining("标题缺少锚点"),
    ]);
  });
  it("a link to a missing anchor", () => {
    expect(problemsOf(withChange("modules/04-sla.md", (t) => `${t}\n\n见 [这里](/modules/complaints#no-such-anchor)。\n`))).toEqual([
      expect.stringContaining("/modules/complaints#no-such-anchor"),
    ]);
  });
  it("a cited fact id that does not exist", () => {
    expect(problemsOf(withChange("modules/04-sla.md", (t) => `${t}\n\n{{fact:no_such_fact}}\n`))).toEqual([
      expect.stringContaining("no_such_fact"),
    ]);
  });
  it("a fact that no module cites", () => {
    const fs = files.map((f) =>
      f.path === "modules/04-sla.md" || f.path === "modules/03-telephone.md"
        ? { ...f, text: f.text.replaceAll("{{fact:phone_answer_rings}}", "三声") }
        : f,
    );
    expect(problemsOf(fs)).toContainEqual(expect.stringContaining("phone_answer_rings 没有被任何模块引用"));
  });
  it("half-width punctuation in Chinese text", () => {
    expect(problemsOf(withChange("modules/02-etiquette.md", (t) => `${t}\n\n服务要热情,周到。\n`))).toEqual([
      expect.stringMatching(/02-etiquette.md: 第 \d+ 行：中文里的半角“,”应改为全角“，”/),
    ]);
  });
  it("a scenario that quizzes a lost figure", () => {
    const fs = withChange("scenarios/confidentiality.json", (t) => {
      const arr = JSON.parse(t);
      arr[0].facts = ["customer_data_retention"];
      return JSON.stringify(arr);
    });
    expect(problemsOf(fs)).toContainEqual(expect.stringContaining("依赖已缺失的数字 customer_data_retention"));
  });
});
