import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "@db/client";
import { loadContent } from "~/content.server";
import { formatFact } from "~/domain/content-schema";
import type { Question } from "~/domain/question";
import { tempDir } from "../helpers/server";

const run = promisify(execFile);
const content = loadContent("content");

async function bank(dbPath: string, ...args: string[]) {
  try {
    const r = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/bank.ts", ...args], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_PATH: dbPath },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let dbPath: string;
let exported: Question[];

beforeAll(async () => {
  dbPath = path.join(tempDir(), "bank.db");
  const r = await bank(dbPath, "export", "--format", "json", "--status", "published");
  expect(r.code, r.stderr).toBe(0);
  exported = JSON.parse(r.stdout);
}, 60_000);

describe("npm run bank -- export on a freshly migrated database", () => {
  it("follows the JSON contract", () => {
    expect(exported.length).toBeGreaterThan(100);
    for (const q of exported) {
      expect(Object.keys(q)).toEqual(["id", "version", "type", "stem", "options", "answer", "explanation", "module", "section", "facts", "tags", "family", "source", "status"]);
    }
  });

  it("teaches every unlost figure with its right value in at least three question forms", () => {
    for (const fact of content.facts.filter((f) => f.status !== "lost")) {
      const about = exported.filter((q) => q.facts.includes(fact.id));
      const types = new Set(about.map((q) => q.type));
      expect(types.size, fact.id).toBeGreaterThanOrEqual(3);
      const shown = formatFact(fact);
      const teachesValue = about.some((q) => {
        if (q.type === "numeric") return (q.answer as { value: number }).value === fact.value;
        if (q.type === "single") return q.options.find((o) => o.id === q.answer)?.text.includes(shown);
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
    const r = await bank(dbPath, "export", "--format", "gift");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/::gen-fact-fault_answer_time-single::/);
  });
});

describe("npm run bank -- import", () => {
  it("a file with any error imports nothing, prints every error with its line and exits non-zero", async () => {
    const file = path.join(tempDir(), "bad.gift");
    fs.writeFileSync(file, "故障受理电话应答时限?{=15秒 ~30秒 ~15秒}\n\n请简述投诉处理三阶段。{}\n\n客户服务热线全天候服务。{T}\n");
    const db = openDatabase(dbPath);
    const before = db.get<{ n: number }>(sql`select count(*) as n from questions`)!.n;
    const r = await bank(dbPath, "import", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("2 处错误,未导入任何题目");
    expect(r.stderr).toContain("第 1 行:选项“15秒”重复");
    expect(r.stderr).toMatch(/第 3 行:论述题\(essay\)无法存入题库/);
    expect(db.get<{ n: number }>(sql`select count(*) as n from questions`)!.n).toBe(before);
    db.$client.close();
  });

  it("--dry-run reports counts by type and writes nothing; a real run imports them", async () => {
    const file = path.join(tempDir(), "good.gift");
    fs.writeFileSync(file, "客户服务热线全天候提供服务。{T}\n\n商务客户固定电话故障最长处理时限(单位:小时){#12}\n\n::q3::故障受理电话的人工接通率不低于多少?{=85% ~98% ~95%}\n");
    const dry = await bank(dbPath, "import", file, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("将导入 3 道题(判断 1,数值 1,单选 1)");
    const db = openDatabase(dbPath);
    const count = () => db.get<{ n: number }>(sql`select count(*) as n from questions where source = 'imported'`)!.n;
    expect(count()).toBe(0);
    const real = await bank(dbPath, "import", file);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("新建 3");
    expect(count()).toBe(3);
    db.$client.close();
  });

  it("JSON export → import into another database round-trips the questions", async () => {
    const other = path.join(tempDir(), "other.db");
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
  });
});
