/**
 * The question bank from the command line (trainers and other tools script against it):
 *
 *   npm run --silent bank -- export --format json|gift [--status published|draft|retired]   → stdout
 *   npm run --silent bank -- import FILE [--format gift|json] [--dry-run] [--publish]
 *
 * Works on DATABASE_PATH (default data/app.db), migrating it and loading the courseware first, so a
 * freshly migrated database already holds the generated questions. Import is all or nothing: any error
 * imports nothing, prints every error with its line number and exits with status 1.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { listQuestions } from "../db/queries/questions";
import { loadContent } from "../app/content.server";
import { applyImport, describeCounts, detectFormat, planImport, type ImportFormat } from "../app/bank-import.server";
import { syncGeneratedQuestions } from "../app/question-bank.server";
import { exportBankJson } from "../app/domain/bank-json";
import { exportGift } from "../app/domain/gift";
import { QUESTION_STATUSES, type QuestionStatus } from "../app/domain/question";

const USAGE = `用法:
  npm run --silent bank -- export --format json|gift [--status published|draft|retired]
  npm run --silent bank -- import 文件 [--format gift|json] [--dry-run] [--publish]`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: "string" },
      status: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      publish: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const db = openDatabase(process.env.DATABASE_PATH ?? "data/app.db");
  const content = loadContent(process.env.CONTENT_DIR ?? "content");
  syncGeneratedQuestions(db, content, Date.now());

  if (command === "export") {
    const format = values.format ?? "json";
    if (format !== "json" && format !== "gift") fail(`--format 只能是 json 或 gift,收到“${format}”\n${USAGE}`);
    if (values.status && !QUESTION_STATUSES.includes(values.status as QuestionStatus)) fail(`--status 只能是 ${QUESTION_STATUSES.join("、")}`);
    const questions = listQuestions(db, { status: values.status as QuestionStatus | undefined });
    process.stdout.write(format === "json" ? exportBankJson(questions) : exportGift(questions));
    return;
  }

  if (command === "import") {
    if (!file) fail(`缺少要导入的文件\n${USAGE}`);
    if (!fs.existsSync(file)) fail(`找不到文件 ${file}`, 1);
    const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    const format = (values.format ?? detectFormat(file, text)) as ImportFormat;
    if (format !== "json" && format !== "gift") fail(`--format 只能是 gift 或 json`);
    const plan = planImport(db, content, format, text, { publish: values.publish });
    if (plan.errors.length) {
      console.error(`${file}:${plan.errors.length} 处错误,未导入任何题目。`);
      for (const e of plan.errors) console.error(`  ${e.message}`);
      process.exit(1);
    }
    if (values["dry-run"]) {
      console.log(`试运行:将导入 ${plan.questions.length} 道题(${describeCounts(plan.countsByType)}),未写入数据库。`);
      return;
    }
    const r = applyImport(db, plan, null, Date.now());
    console.log(`已导入 ${plan.questions.length} 道题(${describeCounts(plan.countsByType)}):新建 ${r.created},更新 ${r.revised},未变化 ${r.unchanged}。`);
    return;
  }
  fail(`未知命令“${command}”\n${USAGE}`);
}

main();
