/**
 * npm run bench:reports — item analysis plus the cohort grid for 1,000 learners × 50 questions × up to
 * 3 attempts, computed live from the database (no cache), as the trainer pages do. Target ≤ 300 ms.
 * Prints the time of each part (median of 5 runs after a warm-up) and the total.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, transaction } from "../db/client";
import { insertExam } from "../db/queries/exams";
import { insertQuestion } from "../db/queries/questions";
import { setDb } from "../app/db.server";
import { createRng } from "../app/domain/prng";
import { cohortReport, examItemReport } from "../app/reports.server";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 1000);
const QUESTIONS = 50;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-bench-reports-"));
const db = openDatabase(path.join(dir, "reports.db"));
setDb(db);
const now = Date.now();
const rng = createRng("bench-reports");
const sqlite = db.$client;

console.log(`准备数据:${LEARNERS} 名学员 × ${QUESTIONS} 题 × 最多 3 次作答 …`);
const t0 = performance.now();
// One transaction for the seed (the prepared inserts below are SQLite statements on the same connection).
await transaction(db, async () => {
  for (let q = 0; q < QUESTIONS; q++) {
    await insertQuestion(
      db,
      {
        id: `bench-q${q}`,
        source: "authored",
        status: "published",
        createdBy: null,
        note: "bench",
        content: {
          type: "single",
          stem: `压测题 ${q}`,
          options: ["a", "b", "c", "d"].map((id) => ({ id, text: `选项 ${id}` })),
          answer: "a",
          explanation: "",
          module: ["sla", "telephone", "complaints", "call-centre"][q % 4],
          section: null,
          facts: [],
          tags: ["bench"],
          family: "",
        },
      },
      now,
    );
  }
  const examId = await insertExam(
    db,
    {
      title: "压测考试",
      description: null,
      blueprint: [{ count: QUESTIONS, points: 2, tags: ["bench"] }],
      timeLimitMinutes: 60,
      passPercent: 60,
      attemptsAllowed: 3,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "score",
      reviewFrom: null,
      certificateName: null,
      certificateValidityMonths: null,
      audience: "cohorts",
      status: "published",
      createdBy: null,
    },
    [],
    now,
  );
  const cohortId = Number(sqlite.prepare("insert into cohorts (name, created_at) values ('压测班', ?)").run(now).lastInsertRowid);
  sqlite.prepare("insert into cohort_assignments (cohort_id, kind, ref, due_at, created_at) values (?, 'exam', ?, ?, ?)").run(cohortId, String(examId), now + 86_400_000, now);
  sqlite.prepare("insert into cohort_assignments (cohort_id, kind, ref, due_at, created_at) values (?, 'module', 'sla', ?, ?)").run(cohortId, now, now);
  const user = sqlite.prepare("insert into users (employee_no, name, role, created_at, updated_at) values (?, ?, 'learner', ?, ?)");
  const member = sqlite.prepare("insert into cohort_members (cohort_id, user_id, added_at) values (?, ?, ?)");
  const attempt = sqlite.prepare(
    "insert into attempts (id, exam_id, user_id, attempt_no, seed, status, started_at, deadline, submitted_at, finalised_by, score, max_score, percent_bp, passed, multiple_scoring) values (?, ?, ?, ?, 's', 'submitted', ?, ?, ?, 'learner', ?, ?, ?, ?, 'all-or-nothing')",
  );
  const item = sqlite.prepare(
    "insert into attempt_items (attempt_id, position, question_id, version, points, option_order, response, response_seq, saved_at, score_milli) values (?, ?, ?, 1, 2, '[\"a\",\"b\",\"c\",\"d\"]', ?, 1, ?, ?)",
  );
  const progress = sqlite.prepare("insert into module_progress (user_id, module_slug, sections_reached, completed_at, updated_at) values (?, 'sla', '[\"how-to-read\"]', ?, ?)");
  for (let u = 0; u < LEARNERS; u++) {
    const userId = Number(user.run(`R${u}`, `学员${u}`, now, now).lastInsertRowid);
    member.run(cohortId, userId, now);
    progress.run(userId, u % 3 === 0 ? now : null, now);
    const ability = rng.next();
    const attempts = 1 + rng.int(3);
    for (let n = 1; n <= attempts; n++) {
      const id = randomBytes(12).toString("hex");
      let score = 0;
      const rows: [number, string, number][] = [];
      for (let q = 0; q < QUESTIONS; q++) {
        const right = rng.next() < 0.3 + ability * 0.6;
        const choice = right ? "a" : rng.pick(["b", "c", "d"]);
        if (right) score += 2000;
        rows.push([q, choice, right ? 2000 : 0]);
      }
      const bp = Math.round((score / (QUESTIONS * 2000)) * 10000);
      attempt.run(id, examId, userId, n, now, now + 3600_000, now, score, QUESTIONS * 2, bp, bp >= 6000 ? 1 : 0);
      for (const [q, choice, milli] of rows) item.run(id, q, `bench-q${q}`, JSON.stringify(choice), now, milli);
    }
  }
});
const counts = sqlite.prepare("select (select count(*) from attempts) as attempts, (select count(*) from attempt_items) as items").get() as { attempts: number; items: number };
console.log(`  ${counts.attempts} 次作答,${counts.items} 条作答记录(${Math.round(performance.now() - t0)} ms)`);

async function time(fn: () => unknown): Promise<number> {
  const s = performance.now();
  await fn();
  return performance.now() - s;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const examId = 1;
const cohortId = 1;
await examItemReport(db, examId);
await cohortReport(db, cohortId, now);
const itemTimes: number[] = [];
const gridTimes: number[] = [];
const both: number[] = [];
for (let i = 0; i < 5; i++) {
  itemTimes.push(await time(() => examItemReport(db, examId, cohortId)));
  gridTimes.push(await time(() => cohortReport(db, cohortId, now)));
  both.push(
    await time(async () => {
      await examItemReport(db, examId, cohortId);
      await cohortReport(db, cohortId, now);
    }),
  );
}
const total = median(both);
console.log(`  item analysis (first attempts): ${median(itemTimes).toFixed(1)} ms`);
console.log(`  cohort grid + summaries + mastery: ${median(gridTimes).toFixed(1)} ms`);
console.log(`  both, as one trainer page load: ${total.toFixed(1)} ms   target ≤ 300 ms: ${total <= 300 ? "MET" : "MISSED"}`);
db.$client.close();
