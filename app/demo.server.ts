/**
 * Demo data beyond the accounts: a ready, published exam, so `npm run demo` can be tried end to end
 * (a learner sits it and earns a certificate; a trainer previews it and reads the results). Only
 * db/queries is used, so it runs in bootstrap or a script alike. Idempotent: the exam is found by its
 * title and created once; a trainer's later edits to it are left alone.
 */
import { lock, transaction, type Executor } from "@db/client";
import { audit } from "@db/queries/audit";
import { insertExam, listExams, publishedPool, type NewExam } from "@db/queries/exams";
import { findUserByEmployeeNo } from "@db/queries/users";
import { now as clockNow } from "~/clock.server";
import { getDb } from "~/db.server";
import { blueprintShortfalls, toPool } from "~/domain/exam-form";

export const DEMO_EXAM_TITLE = "客服基础认证考试";

/**
 * 20 questions × 5 points: 8 on the service time limits (single, true/false), 12 scenarios from every
 * module; at most one question per family. Safe by configuration: its pool is exam-only (never served in
 * practice; the numeric forms stay for practice and the drill), and right answers are published only
 * after the learner's last attempt (never while another attempt could use them).
 */
export const DEMO_EXAM: Omit<NewExam, "status" | "createdBy"> = {
  title: DEMO_EXAM_TITLE,
  description: "演示用考试：8 道服务时限题（单选、判断）和 12 道情景题，30 分钟，60 分及格，可考 3 次。通过后获得“客服基础服务认证”，有效期 24 个月。",
  blueprint: [
    { count: 8, points: 5, modules: ["sla"], types: ["single", "true_false"] },
    { count: 12, points: 5, tags: ["情景"] },
  ],
  timeLimitMinutes: 30,
  passPercent: 60,
  attemptsAllowed: 3,
  opensAt: null,
  closesAt: null,
  shuffleQuestions: true,
  shuffleOptions: true,
  multipleScoring: "all-or-nothing",
  reviewMode: "explanations",
  reviewFrom: null,
  reviewTiming: "after_last_attempt",
  examOnlyPool: true,
  certificateName: "客服基础服务认证",
  certificateValidityMonths: 24,
  audience: "everyone",
};

export interface DemoExamResult {
  examId: number;
  created: boolean;
  /** Set when the bank cannot fill the paper: the exam is then left as a draft, and this says why. */
  problem: string | null;
}

/**
 * Create the demo exam unless an exam with its title exists. Published when the question bank can fill
 * every rule (it can once the generated questions are synced); otherwise kept as a draft.
 */
export async function ensureDemoExam(db: Executor = getDb(), now: number = clockNow()): Promise<DemoExamResult> {
  const find = async (on: Executor) => (await listExams(on)).find((e) => e.title === DEMO_EXAM_TITLE);
  const existing = await find(db);
  if (existing) return { examId: existing.id, created: false, problem: null };
  const shortfalls = blueprintShortfalls(DEMO_EXAM.blueprint, toPool(await publishedPool(db)));
  const problem = shortfalls.length
    ? `演示考试“${DEMO_EXAM_TITLE}”保存为草稿：题库中可用题目不足（${shortfalls.map((s) => `第 ${s.rule + 1} 条规则需要 ${s.wanted} 道，只有 ${s.guaranteed} 道`).join(";")}）。`
    : null;
  const trainer = await findUserByEmployeeNo(db, "trainer");
  // Several servers starting at once: one creates it, the others find it under the lock.
  return transaction(db, async (tx) => {
    await lock(tx, "bootstrap");
    const already = await find(tx);
    if (already) return { examId: already.id, created: false, problem: null };
    const id = await insertExam(tx, { ...DEMO_EXAM, status: problem ? "draft" : "published", createdBy: trainer?.id ?? null }, [], now);
    await audit(tx, null, "exam.create", { examId: id, title: DEMO_EXAM_TITLE, demo: true }, now);
    return { examId: id, created: true, problem };
  });
}
