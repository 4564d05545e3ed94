/**
 * npm run --silent report -- --exam ID [--cohort ID] --format csv|json
 *
 * csv:  raw responses, one row per learner × question (工号, 姓名, 考试, attempt, question id, version,
 *       response, score), UTF-8 with a BOM so Excel shows the Chinese correctly.
 * json: the exam's statistics (mean, SD, α/KR-20, SEM), every item's statistics and flags, and the
 *       learners' first-attempt results. Reads DATABASE_PATH (default data/app.db).
 */
import { parseArgs } from "node:util";
import { closeDatabase, databaseFromEnv } from "../db/client";
import { getExam } from "../db/queries/exams";
import { firstAttemptAnswers } from "../db/queries/reports";
import { examItemReport, rawResponsesCsv } from "../app/reports.server";
import { getEnv } from "../app/env.server";
import { milliToPoints, pointsToMilli } from "../app/domain/score";

// Applies KEFU_TIMEZONE (dates in the CSV are in the product's time zone, as on the pages).
getEnv();

const USAGE = "用法：npm run --silent report -- --exam 考试编号 [--cohort 班级编号] --format csv|json";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({ options: { exam: { type: "string" }, cohort: { type: "string" }, format: { type: "string", default: "csv" } } });
const examId = Number(values.exam);
if (!values.exam || !Number.isInteger(examId)) fail("缺少或无效的 --exam");
const cohortId = values.cohort === undefined ? undefined : Number(values.cohort);
if (cohortId !== undefined && !Number.isInteger(cohortId)) fail("无效的 --cohort");
if (values.format !== "csv" && values.format !== "json") fail(`--format 只能是 csv 或 json，收到“${values.format}”`);

const db = await databaseFromEnv().open();
if (!(await getExam(db, examId))) {
  console.error(`考试 ${examId} 不存在`);
  process.exit(1);
}
if (values.format === "csv") {
  process.stdout.write(await rawResponsesCsv(db, examId, cohortId));
} else {
  const report = (await examItemReport(db, examId, cohortId))!;
  const byLearner = new Map<number, { userId: number; scoreMilli: number; maxMilli: number }>();
  for (const a of await firstAttemptAnswers(db, examId, cohortId)) {
    const l = byLearner.get(a.userId) ?? { userId: a.userId, scoreMilli: 0, maxMilli: 0 };
    l.scoreMilli += a.scoreMilli ?? 0;
    l.maxMilli += pointsToMilli(a.points);
    byLearner.set(a.userId, l);
  }
  process.stdout.write(
    `${JSON.stringify(
      {
        exam: report.exam,
        cohortId: report.cohortId,
        examStatistics: report.stats,
        items: report.items,
        learners: [...byLearner.values()].map((l) => ({ userId: l.userId, score: milliToPoints(l.scoreMilli), maxScore: milliToPoints(l.maxMilli) })),
      },
      null,
      2,
    )}\n`,
  );
}
await closeDatabase(db);
