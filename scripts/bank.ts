/**
 * The question bank from the command line (trainers and other tools script against it):
 *
 *   npm run --silent bank -- export --format json|gift|xlsx [--status published|draft|retired]   → stdout
 *   npm run --silent bank -- import FILE [--format xlsx|text|gift|json] [--dry-run] [--publish]
 *                                        [--skip-unsupported] [--require-unit]
 *   npm run --silent bank -- template --format xlsx > 模板.xlsx
 *   npm run --silent bank -- lint [--format text|json]   item-quality checks and the bank's shape; exits 1
 *                                                        when a generated question has an error
 *
 * The import format comes from the file's extension (.xlsx, .txt = plain text, .gift or .gift.txt,
 * .json) unless --format says. --skip-unsupported leaves out GIFT items the bank cannot hold (essays,
 * descriptions) instead of refusing the file; --require-unit refuses numeric questions without a unit.
 *
 * Works on DATABASE_PATH (default data/app.db), migrating it and loading the courseware first, so a
 * freshly migrated database already holds the generated questions. Import is all or nothing: any error
 * imports nothing, prints every error with its line number and exits with status 1.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { closeDatabase, databaseFromEnv, type Db } from "../db/client";
import { listQuestions } from "../db/queries/questions";
import { loadContent } from "../app/content.server";
import { applyImport, describeCounts, detectFormat, IMPORT_FORMATS, planImport, type ImportFormat } from "../app/bank-import.server";
import { readSheetRows, templateWorkbook, writeSheetWorkbook, XlsxReadError } from "../app/bank-xlsx.server";
import { bankToSheetRows } from "../app/domain/bank-sheet";
import { syncGeneratedQuestions } from "../app/question-bank.server";
import { bankShape, lintQuestion, ruleFamilies, type BankShape } from "../app/domain/item-lint";
import { matches } from "../app/domain/exam";
import { listExams, publishedPool } from "../db/queries/exams";
import { translator, zhText } from "../app/i18n";
import { exportBankJson } from "../app/domain/bank-json";
import { exportGift } from "../app/domain/gift";
import { QUESTION_STATUSES, type QuestionStatus } from "../app/domain/question";

const USAGE = `用法：
  npm run --silent bank -- export --format json|gift|xlsx [--status published|draft|retired]
  npm run --silent bank -- import 文件 [--format xlsx|text|gift|json] [--dry-run] [--publish] [--skip-unsupported] [--require-unit]
  npm run --silent bank -- template --format xlsx > 模板.xlsx
  npm run --silent bank -- lint [--format text|json]`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: "string" },
      status: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      publish: { type: "boolean", default: false },
      "skip-unsupported": { type: "boolean", default: false },
      "require-unit": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  if (command === "template") {
    const format = values.format ?? "xlsx";
    if (format !== "xlsx") fail(`template 只有 --format xlsx，收到“${format}”\n${USAGE}`);
    process.stdout.write(await templateWorkbook());
    return;
  }
  const db = (opened = await databaseFromEnv().open());
  const content = loadContent(process.env.CONTENT_DIR ?? "content");
  await syncGeneratedQuestions(db, content, Date.now());

  if (command === "export") {
    const format = values.format ?? "json";
    if (format !== "json" && format !== "gift" && format !== "xlsx") fail(`--format 只能是 json、gift 或 xlsx，收到“${format}”\n${USAGE}`);
    if (values.status && !QUESTION_STATUSES.includes(values.status as QuestionStatus)) fail(`--status 只能是 ${QUESTION_STATUSES.join("、")}`);
    const questions = await listQuestions(db, { status: values.status as QuestionStatus | undefined });
    if (format === "xlsx") {
      const sheet = bankToSheetRows(questions);
      process.stdout.write(await writeSheetWorkbook(sheet.rows));
      if (sheet.skipped.length) console.error(`表格格式无法容纳 ${sheet.skipped.length} 道题（未导出）：${sheet.skipped.map((s) => `${s.id}（${s.reason}）`).join("，")}`);
      return;
    }
    process.stdout.write(format === "json" ? exportBankJson(questions) : exportGift(questions));
    return;
  }

  if (command === "import") {
    if (!file) fail(`缺少要导入的文件\n${USAGE}`);
    if (!fs.existsSync(file)) fail(`找不到文件 ${file}`, 1);
    const format = (values.format ?? (/\.xlsx$/i.test(file) ? "xlsx" : detectFormat(file, fs.readFileSync(file, "utf8")))) as ImportFormat;
    if (!(IMPORT_FORMATS as readonly string[]).includes(format)) fail(`--format 只能是 ${IMPORT_FORMATS.join("、")}`);
    let text: string;
    if (format === "xlsx") {
      try {
        text = JSON.stringify(await readSheetRows(fs.readFileSync(file)));
      } catch (e) {
        if (e instanceof XlsxReadError) fail(`${file}：${e.message}`, 1);
        throw e;
      }
    } else text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    const plan = await planImport(db, content, format, text, {
      publish: values.publish,
      skipUnsupported: values["skip-unsupported"],
      requireUnit: values["require-unit"],
    });
    if (plan.errors.length) {
      console.error(`${file}：${plan.errors.length} 处错误，未导入任何题目。`);
      for (const e of plan.errors) console.error(`  ${zhText(e.message)}`);
      if (plan.unsupported.length && plan.errors.every((e) => plan.unsupported.includes(e.line)))
        console.error(`题库不支持的题目在第 ${plan.unsupported.join("、")} 行；加上 --skip-unsupported 可跳过它们，导入其余 ${plan.questions.length} 道题。`);
      process.exit(1);
    }
    if (plan.skipped) console.log(`已跳过 ${plan.skipped} 道题库不支持的题目（第 ${plan.unsupported.join("、")} 行）。`);
    if (values["dry-run"]) {
      console.log(`试运行：将导入 ${plan.questions.length} 道题（${describeCounts(plan.countsByType)}），未写入数据库。`);
      return;
    }
    const r = await applyImport(db, plan, null, Date.now());
    console.log(`已导入 ${plan.questions.length} 道题（${describeCounts(plan.countsByType)}）：新建 ${r.created}，更新 ${r.revised}，未变化 ${r.unchanged}。`);
    return;
  }
  if (command === "lint") {
    const format = values.format ?? "text";
    if (format !== "json" && format !== "text") fail(`--format 只能是 text 或 json，收到“${format}”\n${USAGE}`);
    // Families as stored (the bank reads an empty one back as the question's own id).
    const questions = [...(await listQuestions(db, { status: "published" })), ...(await listQuestions(db, { status: "draft" }))];
    const t = translator("zh");
    const findings = questions.flatMap((q) =>
      lintQuestion(q).map((issue) => ({ id: q.id, source: q.source, status: q.status, code: issue.code, severity: issue.severity, message: t(issue.key, issue.params) })),
    );
    const shape = bankShape(questions);
    const generated = bankShape(questions.filter((q) => q.source === "generated"));
    const scenarioSingles = bankShape(questions.filter((q) => q.source === "generated" && q.id.startsWith("gen-scenario-") && q.type === "single")).keyLongest;
    const failed = findings.filter((f) => f.source === "generated" && f.severity === "error");
    // Exam level: per blueprint rule, its candidates' families (a paper never takes two of one family).
    const familyOf = new Map(questions.map((q) => [q.id, q.family]));
    const pool = (await publishedPool(db)).map((r) => ({ id: r.id, version: r.version, type: r.type, module: r.module, tags: r.tags, optionIds: [], family: familyOf.get(r.id) ?? r.id }));
    const exams = (await listExams(db)).map((e) => {
      const rules = ruleFamilies(e.blueprint, pool, (i, q) => matches(e.blueprint[i], q));
      return {
        exam: e.id,
        title: e.title,
        rules: rules.map((r) => ({ rule: r.rule + 1, count: r.count, candidates: r.candidates, families: r.families, familiesWithSiblings: r.siblings.length })),
        problems: rules.filter((r) => r.count > r.families).map((r) => t("lint.ruleFamilies", { rule: r.rule + 1, count: r.count, families: r.families })),
      };
    });
    if (format === "json") {
      process.stdout.write(`${JSON.stringify({ findings, shape, generated, scenarioSingles, exams }, null, 2)}\n`);
    } else {
      for (const f of findings) console.log(`${f.severity === "error" ? "错误" : "提醒"}  ${f.id}  [${f.code}] ${f.message}`);
      console.log(describeShape("题库（已发布与草稿）", shape));
      console.log(describeShape("其中出题器生成的题目", generated));
      console.log(`情景单选题正确选项最长的比例：${pct(scenarioSingles.rate)}（${scenarioSingles.longest}/${scenarioSingles.items}，随机水平 ${pct(scenarioSingles.chance)}）`);
      for (const e of exams) {
        console.log(`\n考试 ${e.exam}“${e.title}”:${e.rules.map((r) => `第 ${r.rule} 条抽 ${r.count} 道，候选 ${r.candidates} 道，来自 ${r.families} 个分组`).join(";")}`);
        for (const p of e.problems) console.log(`提醒  ${p}`);
      }
    }
    if (failed.length) {
      console.error(`${failed.length} 道生成的题目未通过检查。`);
      process.exit(1);
    }
    return;
  }
  fail(`未知命令“${command}”\n${USAGE}`);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function describeShape(title: string, s: BankShape): string {
  const lines = [
    `\n== ${title} ==`,
    `题目 ${s.items} 道，分组（考点）${s.families} 个；错误 ${s.errors}，提醒 ${s.warnings}`,
    `题型：${Object.entries(s.byType).map(([t, n]) => `${t} ${n}`).join(",")}`,
    `单选题正确选项最长的比例：${pct(s.keyLongest.rate)}（${s.keyLongest.longest}/${s.keyLongest.items}，随机水平 ${pct(s.keyLongest.chance)}）`,
    `多选题正确选项个数/选项数：${Object.entries(s.multipleKeys).map(([k, n]) => `${k} ${n} 道`).join(",") || "无"}`,
    "各模块：题目 / 分组",
    ...Object.entries(s.byModule).map(([m, v]) => `  ${m}: ${v.items} / ${v.families}`),
  ];
  return lines.join("\n");
}

/** Closed when main is done: an open PostgreSQL pool would keep the process alive. */
let opened: Db | undefined;
void main().finally(async () => {
  if (opened) await closeDatabase(opened);
});
