import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { closeDatabase, row } from "@db/client";
import { insertExam } from "@db/queries/exams";
import { loadContent } from "~/content.server";
import { formatFact } from "~/domain/content-schema";
import type { Question } from "~/domain/question";
import { emptyDatabase, type DbTarget } from "../helpers/db-target";
import { tempDir } from "../helpers/server";

const run = promisify(execFile);
/**
 * Time limit of a test or hook here: each runs the CLI (tsx, then migrate and sync a database) up to four
 * times, seconds each alone and many times that on a loaded shared machine (PostgreSQL or SQLite alike).
 */
const CLI_TEST_MS = 180_000;
const content = loadContent("content");

async function bank(target: DbTarget, ...args: string[]) {
  try {
    const r = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/bank.ts", ...args], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", ...target.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let target: DbTarget;
let exported: Question[];

beforeAll(async () => {
  target = await emptyDatabase("bank");
  const r = await bank(target, "export", "--format", "json", "--status", "published");
  expect(r.code, r.stderr).toBe(0);
  exported = JSON.parse(r.stdout);
}, CLI_TEST_MS);

describe("npm run bank -- export on a freshly migrated database", () => {
  it("follows the JSON contract", () => {
    expect(exported.length).toBeGreaterThan(100);
    for (const q of exported) {
      expect(Object.keys(q)).toEqual(["id", "version", "type", "stem", "options", "answer", "explanation", "module", "section", "facts", "tags", "family", "source", "status"]);
    }
  });

  it("teaches every unlost figure with its right value", () => {
    for (const fact of content.facts.filter((f) => f.status !== "lost")) {
      const about = exported.filter((q) => q.facts.includes(fact.id));
      expect(about.length, fact.id).toBeGreaterThanOrEqual(1);
      const shown = formatFact(fact);
      const teachesValue = about.some((q) => {
        if (q.type === "numeric") return (q.answer as { value: number }).value === fact.value;
        if (q.type === "single") return q.options.find((o) => o.id === q.answer)?.text.includes(shown);
        if (q.type === "fill_blank") return (q.answer as string[][]).flat().some((a) => shown.includes(a));
        // A word figure among hours (集团客户宽带: 按照协议执行) is recalled by matching it to its class.
        if (q.type === "matching") return (q.answer as [string, string][]).some(([cls, value]) => cls === fact.customerClass && shown.includes(value));
        return false;
      });
      expect(teachesValue, `${fact.id} right value ${shown}`).toBe(true);
    }
  });

  it("never quizzes a lost figure", () => {
    const lost = content.facts.filter((f) => f.status === "lost").map((f) => f.id);
    expect(exported.filter((q) => q.facts.some((f) => lost.includes(f)))).toEqual([]);
  });

  it("has scenario questions for all 8 modules, each linking to a real section", () => {
    const scenarioModules = new Set(exported.filter((q) => q.id.startsWith("gen-scenario-")).map((q) => q.module));
    expect([...scenarioModules].sort()).toEqual(content.modules.map((m) => m.slug).sort());
    const anchors = new Map(content.modules.map((m) => [m.slug, new Set(m.toc.map((t) => t.id))]));
    for (const q of exported) expect(anchors.get(q.module!)?.has(q.section!), `${q.id} → ${q.module}#${q.section}`).toBe(true);
  });

  it("writes GIFT too", async () => {
    const r = await bank(target, "export", "--format", "gift");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/::gen-fact-fault_answer_time-numeric::/);
  }, CLI_TEST_MS);
});

describe("npm run bank -- import", () => {
  it("a file with any error imports nothing, prints every error with its line and exits non-zero", async () => {
    const file = path.join(tempDir(), "bad.gift");
    fs.writeFileSync(file, "故障受理电话应答时限?{=15秒 ~30秒 ~15秒}\n\n请简述投诉处理三阶段。{}\n\n客户服务热线全天候服务。{T}\n");
    const db = await target.open();
    const before = (await row<{ n: number }>(db, sql`select count(*) as "n" from questions`))!.n;
    const r = await bank(target, "import", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("2 处错误，未导入任何题目");
    expect(r.stderr).toContain("第 1 行：选项“15秒”重复");
    expect(r.stderr).toMatch(/第 3 行：论述题（essay）无法存入题库/);
    expect((await row<{ n: number }>(db, sql`select count(*) as "n" from questions`))!.n).toBe(before);
    await closeDatabase(db);
  }, CLI_TEST_MS);

  it("--dry-run reports counts by type and writes nothing; a real run imports them", async () => {
    const file = path.join(tempDir(), "good.gift");
    fs.writeFileSync(file, "客户服务热线全天候提供服务。{T}\n\n商务客户固定电话故障最长处理时限(单位:小时){#12}\n\n::q3::故障受理电话的人工接通率不低于多少?{=85% ~98% ~95%}\n");
    const dry = await bank(target, "import", file, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("将导入 3 道题（判断 1，数值 1，单选 1）");
    const db = await target.open();
    const count = async () => (await row<{ n: number }>(db, sql`select count(*) as "n" from questions where source = 'imported'`))!.n;
    expect(await count()).toBe(0);
    const real = await bank(target, "import", file);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("新建 3");
    expect(await count()).toBe(3);
    await closeDatabase(db);
  }, CLI_TEST_MS);

  it("JSON export → import into another database round-trips the questions", async () => {
    const other = await emptyDatabase("other");
    const file = path.join(tempDir(), "bank.json");
    const authored = exported.slice(0, 5).map((q) => ({ ...q, id: `copy-${q.id}`, source: "imported" }));
    fs.writeFileSync(file, JSON.stringify(authored, null, 2));
    const r = await bank(other, "import", file, "--format", "json", "--publish");
    expect(r.code, r.stderr).toBe(0);
    const back = JSON.parse((await bank(other, "export", "--format", "json")).stdout) as Question[];
    // Import re-derives option ids and stored order from the texts (no id or order may hint at the key),
    // so the round trip keeps the texts and which of them are right.
    const keyTexts = (x: Question) => {
      const text = (id: unknown) => x.options.find((o) => o.id === id)?.text ?? id;
      if (x.type === "single") return text(x.answer);
      if (x.type === "multiple") return (x.answer as string[]).map(text).sort();
      if (x.type === "ordering") return (x.answer as string[]).map(text);
      return x.answer;
    };
    for (const q of authored) {
      const found = back.find((b) => b.id === q.id)!;
      expect({ ...found, version: 1 }).toMatchObject({ type: q.type, stem: q.stem, family: q.family, status: "published" });
      expect(found.options.map((o) => o.text).sort()).toEqual(q.options.map((o) => o.text).sort());
      expect(keyTexts(found)).toEqual(keyTexts(q as Question));
      expect(found.options.every((o) => /^o-[0-9a-z]+(-\d+)?$/.test(o.id))).toBe(true);
    }
    // Importing that export again changes nothing: the neutral ids and order are stable.
    const again = path.join(tempDir(), "again.json");
    fs.writeFileSync(again, JSON.stringify(back.filter((b) => b.id.startsWith("copy-"))));
    const r2 = await bank(other, "import", again, "--format", "json", "--publish");
    expect(r2.code, r2.stderr).toBe(0);
    const back2 = JSON.parse((await bank(other, "export", "--format", "json")).stdout) as Question[];
    for (const q of authored) expect(back2.find((b) => b.id === q.id)!.version).toBe(1);
  }, CLI_TEST_MS);
});

describe("npm run bank -- lint", () => {
  it("passes on the generated bank and prints its shape (JSON)", async () => {
    const r = await bank(target, "lint", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      findings: { id: string; severity: string; message: string }[];
      generated: { items: number; families: number; errors: number; byModule: Record<string, { items: number; families: number }>; keyLongest: { rate: number }; multipleKeys: Record<string, number> };
    };
    expect(out.generated.errors).toBe(0);
    expect(out.generated.items).toBeGreaterThan(200);
    expect(out.generated.families).toBeLessThan(out.generated.items);
    for (const m of content.modules) expect(out.generated.byModule[m.slug].families, m.slug).toBeGreaterThanOrEqual(20);
    expect(Object.keys(out.generated.multipleKeys).length).toBeGreaterThanOrEqual(3);
    for (const f of out.findings) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  }, CLI_TEST_MS);

  it("checks each exam's rules against the families of their candidates", async () => {
    const db = await target.open();
    try {
      await insertExam(
        db,
        {
          title: "分组检查样卷", description: "", blueprint: [{ count: 20, points: 1, tags: ["标准用语"] }, { count: 5, points: 1, modules: ["sla"], types: ["numeric"] }],
          timeLimitMinutes: 30, passPercent: 60, attemptsAllowed: 1, opensAt: null, closesAt: null, shuffleQuestions: true, shuffleOptions: true,
          multipleScoring: "all-or-nothing", reviewMode: "score", reviewFrom: null, certificateName: null, certificateValidityMonths: null,
          audience: "everyone", status: "draft", createdBy: null,
        },
        [],
        Date.now(),
      );
    } finally {
      await closeDatabase(db);
    }
    const r = await bank(target, "lint", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const exam = (JSON.parse(r.stdout) as { exams: { title: string; rules: { rule: number; candidates: number; families: number }[]; problems: string[] }[] }).exams.find((e) => e.title === "分组检查样卷")!;
    // The 16 scripted phrases are 16 points: a rule wanting 20 of them cannot avoid siblings (or filling up).
    expect(exam.rules[0]).toMatchObject({ rule: 1, families: 16 });
    expect(exam.problems).toEqual(["第 1 条抽题规则要抽 20 道，候选题目只来自 16 个分组（考点）：试卷会抽到同一考点的两道题，或抽不满。"]);
  }, CLI_TEST_MS);

  it("prints the rates as text, and exits 1 when a generated question fails a check", async () => {
    const text = await bank(target, "lint");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("单选题正确选项最长的比例");
    expect(text.stdout).toContain("多选题正确选项个数");

    // The same courseware with one scenario whose right handling gives itself away by its length.
    const dir = tempDir();
    fs.cpSync("content", dir, { recursive: true });
    const file = path.join(dir, "scenarios", "telephone.json");
    const scenarios = JSON.parse(fs.readFileSync(file, "utf8")) as { id: string; right: string[] }[];
    scenarios.find((s) => s.id === "phone-quiet-customer")!.right = ["说“对不起，请您重复一遍好吗？”，然后耐心地等客户再说一遍，并把听到的内容复述给客户确认"];
    fs.writeFileSync(file, JSON.stringify(scenarios, null, 2));
    const flawed = await emptyDatabase("flawed");
    const r = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/bank.ts", "lint"], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", ...flawed.env, CONTENT_DIR: dir },
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      (x) => ({ code: 0, stdout: x.stdout, stderr: x.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/错误 {2}gen-scenario-phone-quiet-customer-single {2}\[key-longest\]/);
    expect(r.stderr).toContain("1 道生成的题目未通过检查");
  }, CLI_TEST_MS);
});
