/**
 * The bank CLI with Excel, plain text and GIFT files the bank cannot fully hold, spawned on temporary
 * databases (real migrations, real exceljs files): the template, a 200-row file built from it, a file
 * with errors (row and column named, nothing imported), a pasted-text bank, GIFT --skip-unsupported and
 * --require-unit, and export → import giving the same questions.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@db/client";
import { listQuestions } from "@db/queries/questions";
import { SHEET_HEADERS } from "~/domain/bank-sheet";
import type { Question } from "~/domain/question";
import { emptyDatabase, type DbTarget } from "../helpers/db-target";
import { tempDir } from "../helpers/server";

const run = promisify(execFile);
/**
 * Time limit of a test or hook here: each runs the CLI (tsx, then migrate and sync a database) up to four
 * times, seconds each alone and many times that on a loaded shared machine (PostgreSQL or SQLite alike).
 */
const CLI_TEST_MS = 180_000;

async function bank(target: DbTarget, ...args: string[]) {
  try {
    const r = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/bank.ts", ...args], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", ...target.env },
      maxBuffer: 64 * 1024 * 1024,
      encoding: "buffer",
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr.toString("utf8") };
  } catch (e) {
    const err = e as { code: number; stdout: Buffer; stderr: Buffer };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr.toString("utf8") };
  }
}

const dir = tempDir();
let excel: DbTarget;

async function imported(db = excel): Promise<Question[]> {
  const handle = await db.open();
  try {
    return (await listQuestions(handle, {})).filter((q) => q.source === "imported");
  } finally {
    await closeDatabase(handle);
  }
}

async function rowsOf(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

/** The template, filled with `rows` on its first sheet (the way a trainer fills it in Excel). */
async function fromTemplate(template: string, file: string, rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const sheet = wb.worksheets[0];
  for (const r of rows) sheet.addRow(r);
  await wb.xlsx.writeFile(file);
}

const blank6 = ["", "", "", "", "", ""];
function sampleRow(i: number): string[] {
  switch (i % 6) {
    case 0:
      return ["单选", `第 ${i} 题：故障报修电话应在铃响几声内接听？`, "2 声", "3 声", "4 声", "5 声", "", "", "B", "铃响不超过 3 声即应接听。", "telephone", "接听,时限", `ring-${i % 12}`];
    case 1:
      return ["多选", `第 ${i} 题：哪些做法符合首问负责？`, "当场受理", "推给其他部门", "跟踪到底", "让客户再打一次", "", "", "AC", "", "服务理念与行为准则", "首问", ""];
    case 2:
      return ["判断", `第 ${i} 题：可以替来电者查询他人的账户。`, ...blank6, "错", "保密规定。", "", "", ""];
    case 3:
      return ["填空", `第 ${i} 题：客户的损失，我们能做的是____返还。`, ...blank6, "双倍|2倍", "", "", "话术", "双倍返还"];
    case 4:
      return ["数值", `第 ${i} 题：故障受理电话应在多少秒内应答？`, ...blank6, "15±0 秒", "", "", "", ""];
    default:
      return ["排序", `第 ${i} 题：投诉处理的顺序`, "回访", "受理", "处理", "", "", "", "BCA", "", "", "", ""];
  }
}

let template: string;

beforeAll(async () => {
  template = path.join(dir, "模板.xlsx");
  excel = await emptyDatabase("excel");
  const r = await bank(excel, "template", "--format", "xlsx");
  expect(r.code, r.stderr).toBe(0);
  fs.writeFileSync(template, r.stdout);
}, CLI_TEST_MS);

describe("npm run bank -- template / import with Excel", () => {
  it("the template's first sheet has exactly the headers, in order", async () => {
    const rows = await rowsOf(template);
    expect(rows[0]).toEqual([...SHEET_HEADERS]);
    expect(rows.slice(1).every((r) => r.every((c) => c === ""))).toBe(true);
  });

  it("a file with errors names row and column, lists every error and imports nothing", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => sampleRow(i));
    rows[10] = ["单选", "答案写错的题", "甲", "乙", "", "", "", "", "C", "", "", "", ""]; // row 12
    rows[14] = ["问答", "题型不对", ...blank6, "随便", "", "", "", ""]; // row 16
    const file = path.join(dir, "有错误.xlsx");
    await fromTemplate(template, file, rows);
    const r = await bank(excel, "import", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("2 处错误，未导入任何题目");
    expect(r.stderr).toContain("第 12 行“答案”列：答案里的C没有对应的选项");
    expect(r.stderr).toContain("第 16 行“题型”列：“问答”不是题库的题型");
    expect(await imported()).toEqual([]);
  }, CLI_TEST_MS);

  it("a 200-row file built from the template imports, every type as written", async () => {
    const file = path.join(dir, "二百题.xlsx");
    await fromTemplate(template, file, Array.from({ length: 200 }, (_, i) => sampleRow(i)));
    const r = await bank(excel, "import", file, "--publish");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString("utf8")).toContain("已导入 200 道题");
    const qs = await imported();
    expect(qs).toHaveLength(200);
    const byType = qs.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.type]: (acc[q.type] ?? 0) + 1 }), {});
    expect(byType).toEqual({ single: 34, multiple: 34, true_false: 33, fill_blank: 33, numeric: 33, ordering: 33 });
    const blank = qs.find((q) => q.type === "fill_blank")!;
    expect(blank.answer).toEqual([["双倍", "2倍"]]);
    const single = qs.find((q) => q.stem.startsWith("第 0 题"))!;
    expect(single).toMatchObject({ module: "telephone", tags: ["接听", "时限"], status: "published" });
    expect(single.options.find((o) => o.id === single.answer)!.text).toBe("3 声");
  }, CLI_TEST_MS);
});

describe("npm run bank -- import with plain text and GIFT", () => {
  it("a pasted text bank imports; a wrong one names the line and imports nothing", async () => {
    const db = await emptyDatabase("text");
    const good = path.join(dir, "题库.txt");
    fs.writeFileSync(
      good,
      "1、故障报修电话应在铃响几声内接听？\nA．2 声\nB．3 声\nC．4 声\n答案：B\n解析：铃响不超过 3 声。\n\n（2）客户的损失，我们能做的是____返还。\n答案：双倍｜2倍\n\n3. 可以替来电者查询他人的账户。\n答案：错\n",
    );
    const bad = path.join(dir, "有错.txt");
    fs.writeFileSync(bad, "1. 没有答案的题\nA. 甲\nB. 乙\n");
    const refused = await bank(db, "import", bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("第 1 行：这道题没有“答案：”行");
    expect(await imported(db)).toEqual([]);
    const r = await bank(db, "import", good);
    expect(r.code, r.stderr).toBe(0);
    expect((await imported(db)).map((q) => q.type).sort()).toEqual(["fill_blank", "single", "true_false"]);
  }, CLI_TEST_MS);

  it("GIFT with an essay: refused by default naming the line; --skip-unsupported imports the rest; --require-unit refuses a unit-less number", async () => {
    const db = await emptyDatabase("gift");
    const file = path.join(dir, "moodle.gift");
    fs.writeFileSync(file, "::ok::接听时限？{=15秒 ~30秒}\n\n::essay::请简述流程。{}\n\n::count::服务原则共有几条？{#9}\n\n::blank::我们能做的是{=双倍 =2倍}返还。\n");
    const strict = await bank(db, "import", file);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("第 3 行：论述题（essay）无法存入题库");
    expect(strict.stderr).toContain("加上 --skip-unsupported 可跳过它们，导入其余 3 道题");
    const unit = await bank(db, "import", file, "--skip-unsupported", "--require-unit");
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain("第 5 行：数值题缺少单位");
    expect(await imported(db)).toEqual([]);
    const r = await bank(db, "import", file, "--skip-unsupported");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString("utf8")).toContain("已跳过 1 道题库不支持的题目（第 3 行）");
    const qs = await imported(db);
    expect(qs.map((q) => q.type).sort()).toEqual(["fill_blank", "numeric", "single"]);
    expect(qs.find((q) => q.type === "numeric")!.answer).toEqual({ value: 9, tolerance: 0, unit: "" });
  }, CLI_TEST_MS);
});

describe("npm run bank -- export --format xlsx", () => {
  it("export → import gives the same questions (every type the layout holds)", async () => {
    const source = await emptyDatabase("source");
    const out = await bank(source, "export", "--format", "xlsx", "--status", "published");
    expect(out.code, out.stderr).toBe(0);
    const file = path.join(dir, "导出.xlsx");
    fs.writeFileSync(file, out.stdout);
    const rows = await rowsOf(file);
    expect(rows[0]).toEqual([...SHEET_HEADERS]);

    const handle = await source.open();
    const original = (await listQuestions(handle, { status: "published" })).filter((q) => q.type !== "matching" && q.options.length <= 6);
    await closeDatabase(handle);
    expect(rows.length - 1).toBe(original.length);
    expect(out.stderr).toContain("表格格式无法容纳"); // the generated matching questions, named

    const target = await emptyDatabase("target");
    const r = await bank(target, "import", file);
    expect(r.code, r.stderr).toBe(0);
    const shape = (q: Question) => ({
      type: q.type,
      stem: q.stem,
      // Import stores options in a neutral order (option-ids.ts): the order says nothing, so compare sets.
      options: q.options.map((o) => o.text).sort(),
      answer:
        q.type === "single"
          ? q.options.find((o) => o.id === q.answer)?.text
          : q.type === "multiple" // a set: its order means nothing
            ? (q.answer as string[]).map((id) => q.options.find((o) => o.id === id)?.text).sort()
            : q.type === "ordering"
              ? (q.answer as string[]).map((id) => q.options.find((o) => o.id === id)?.text)
              : q.answer,
      explanation: q.explanation,
      module: q.module,
      tags: q.tags,
    });
    const back = (await imported(target)).map(shape);
    const sortKey = (x: ReturnType<typeof shape>) => JSON.stringify(x);
    expect(back.map(sortKey).sort()).toEqual(original.map(shape).map(sortKey).sort());
  }, CLI_TEST_MS);
});
