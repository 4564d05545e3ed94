/**
 * Demo data for the trainer reports: a cohort of 60 learners of varied ability, an exam they all sat
 * (some more than once), and two deliberately flawed questions for the item analysis to catch:
 *  - one whose answer key is wrong (the strongest learners choose the real right answer and lose the
 *    point: negative discrimination, a distractor beats the key in the top group);
 *  - one so easy that everybody gets it (facility > 0.9).
 * Created once, in demo mode only; the answers are simulated with a simple ability model, seeded, so
 * every demo start shows the same picture.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "@db/client";
import { attemptItemsOf, insertAttempt, insertExam, publishedPool, versionsFor } from "@db/queries/exams";
import { getQuestionRow, insertQuestion, listQuestions } from "@db/queries/questions";
import { findUserByEmployeeNo, insertUser } from "@db/queries/users";
import { attemptItems, cohortAssignments, cohortMembers, cohorts, cohortTrainers } from "@db/schema";
import { and } from "drizzle-orm";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { drawPaper } from "~/domain/exam";
import { toPool } from "~/domain/exam-form";
import { hashPassword, generatePassword } from "~/domain/password";
import { createRng } from "~/domain/prng";
import type { QuestionContent } from "~/domain/question";
import { finalizeAttempt } from "~/exams.server";

export const DEMO_COHORT_NAME = "2026年11月新员工班";
const FLAW_TAG = "演示瑕疵题";
const SET_TAG = "结业考试";
/**
 * A curated paper, as trainers usually set a certification exam: 18 questions copied from the generated
 * bank and tagged 结业考试, plus the two flawed ones. Everyone sees the same 20, shuffled.
 */
const BLUEPRINT = [
  { count: 2, points: 5, tags: [FLAW_TAG] },
  { count: 18, points: 5, tags: [SET_TAG] },
];
const CURATED_FROM: { modules: string[]; types: string[]; count: number }[] = [
  { modules: ["sla"], types: ["single", "numeric"], count: 6 },
  { modules: ["telephone", "complaints", "call-centre", "confidentiality", "philosophy", "etiquette", "business-hall"], types: ["single"], count: 8 },
  { modules: ["sla", "business-hall", "call-centre"], types: ["true_false"], count: 4 },
];

const FLAWED: { id: string; content: QuestionContent }[] = [
  {
    id: "demo-flawed-key",
    content: {
      type: "single",
      stem: "故障受理电话的人工接通率应不低于多少？",
      // Deliberately wrong key (98% is the overall connect rate; the agent connect rate is 85%).
      options: [
        { id: "a", text: "85%" },
        { id: "b", text: "98%" },
        { id: "c", text: "95%" },
        { id: "d", text: "90%" },
      ],
      answer: "b",
      explanation: "（演示用瑕疵题：答案键故意设错，用于展示题目分析如何发现问题。）",
      module: "sla",
      section: null,
      facts: [],
      tags: [FLAW_TAG],
      family: "",
    },
  },
  {
    id: "demo-flawed-easy",
    content: {
      type: "true_false",
      stem: "接听客户电话时应当礼貌。",
      options: [],
      answer: true,
      explanation: "（演示用瑕疵题：过于简单，几乎人人答对，区分不出掌握程度。）",
      module: "etiquette",
      section: null,
      facts: [],
      tags: [FLAW_TAG],
      family: "",
    },
  },
];

export async function ensureDemoCohort(trainerEmployeeNo = "trainer"): Promise<boolean> {
  const db = getDb();
  if (db.select().from(cohorts).where(eq(cohorts.name, DEMO_COHORT_NAME)).get()) return false;
  const t = now();
  const hash = await hashPassword(generatePassword(16));
  const trainer = findUserByEmployeeNo(db, trainerEmployeeNo);
  db.transaction((tx) => {
    for (const f of FLAWED) {
      if (!getQuestionRow(tx, f.id)) insertQuestion(tx, { id: f.id, source: "authored", status: "published", content: f.content, createdBy: trainer?.id ?? null, note: "demo" }, t);
    }
    const pick = createRng("kefu-demo-curated");
    const generated = listQuestions(tx, { status: "published", source: "generated" });
    // Everyone sees the same 20, so the curated set holds one question per family (a paper never has siblings).
    const usedFamilies = new Set<string>();
    for (const rule of CURATED_FROM) {
      const candidates = generated.filter((q) => rule.modules.includes(q.module ?? "") && rule.types.includes(q.type) && !usedFamilies.has(q.family));
      const oneEach = [...new Map(pick.shuffle(candidates).map((q) => [q.family, q])).values()];
      for (const q of pick.sample(oneEach, rule.count)) {
        usedFamilies.add(q.family);
        const id = `demo-set-${q.id.replace(/^gen-/, "")}`;
        if (getQuestionRow(tx, id)) continue;
        const { id: _id, version: _v, source: _s, status: _st, ...content } = q;
        insertQuestion(tx, { id, source: "authored", status: "published", content: { ...content, tags: [...content.tags, SET_TAG].slice(0, 20) }, createdBy: trainer?.id ?? null, note: "demo" }, t);
      }
    }
    const cohortId = tx.insert(cohorts).values({ name: DEMO_COHORT_NAME, description: "演示班级:60 名学员的模拟成绩", createdBy: trainer?.id ?? null, createdAt: t }).returning({ id: cohorts.id }).get().id;
    if (trainer) tx.insert(cohortTrainers).values({ cohortId, userId: trainer.id }).run();
    const examId = insertExam(
      tx,
      {
        title: "新员工结业考试(演示数据)",
        description: "用于展示班级成绩与题目分析的演示考试。",
        blueprint: BLUEPRINT,
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
        certificateName: "新员工结业证书",
        certificateValidityMonths: 12,
        audience: "cohorts",
        status: "published",
        createdBy: trainer?.id ?? null,
      },
      [cohortId],
      t,
    );
    tx.insert(cohortAssignments).values([
      { cohortId, kind: "exam", ref: String(examId), dueAt: t + 7 * 86_400_000, createdAt: t },
      { cohortId, kind: "module", ref: "sla", dueAt: t - 86_400_000, createdAt: t },
      { cohortId, kind: "module", ref: "complaints", dueAt: t + 3 * 86_400_000, createdAt: t },
    ]).run();

    const rng = createRng("kefu-demo-cohort");
    const pool = toPool(publishedPool(tx));
    for (let i = 1; i <= 60; i++) {
      const employeeNo = `N${String(2600 + i)}`;
      const existing = findUserByEmployeeNo(tx, employeeNo);
      const user = existing ?? insertUser(tx, { employeeNo, name: DEMO_NAMES[(i - 1) % DEMO_NAMES.length] + (i > DEMO_NAMES.length ? String(Math.ceil(i / DEMO_NAMES.length)) : ""), role: "learner", team: DEMO_COHORT_NAME, passwordHash: hash }, t);
      tx.insert(cohortMembers).values({ cohortId, userId: user.id, addedAt: t }).run();
      // Ability spread from weak to strong.
      const ability = -2 + (4 * (i - 1)) / 59 + (rng.next() - 0.5);
      const attemptsToMake = 1 + (ability < -0.5 ? rng.int(3) : 0);
      for (let n = 1; n <= attemptsToMake; n++) simulateAttempt(tx, { examId, userId: user.id, attemptNo: n, ability: ability + 0.4 * (n - 1), pool, rng: createRng(`${employeeNo}|${n}`), at: t - (5 - n) * 86_400_000 });
    }
  });
  return true;
}

const DEMO_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴昊", "徐丽", "孙涛", "胡军", "朱琳", "高翔", "林欣", "何勇", "郭佳", "马超", "罗兰", "梁晨", "宋雨", "郑凯", "谢娟", "韩冰", "唐宁", "冯硕", "于洁", "董鑫", "萧然"];

function simulateAttempt(
  tx: Executor,
  a: { examId: number; userId: number; attemptNo: number; ability: number; pool: Parameters<typeof drawPaper>[1]; rng: ReturnType<typeof createRng>; at: number },
) {
  let paper;
  try {
    paper = drawPaper(BLUEPRINT, a.pool, `demo|${a.userId}|${a.attemptNo}`, { shuffleQuestions: true, shuffleOptions: true });
  } catch {
    return;
  }
  const id = `demo-${a.userId}-${a.attemptNo}`;
  insertAttempt(
    tx,
    { id, examId: a.examId, userId: a.userId, attemptNo: a.attemptNo, seed: id, status: "in_progress", startedAt: a.at, deadline: a.at + 30 * 60_000, maxScore: paper.reduce((s, p) => s + p.points, 0), multipleScoring: "all-or-nothing" },
    paper.map((p) => ({ position: p.position, questionId: p.questionId, version: p.version, points: p.points, optionOrder: p.optionOrder })),
  );
  const items = attemptItemsOf(tx, id);
  const versions = new Map(versionsFor(tx, items).map((v) => [`${v.questionId}@${v.version}`, v]));
  for (const it of items) {
    const v = versions.get(`${it.questionId}@${it.version}`)!;
    const difficulty = ((hash(it.questionId) % 100) / 100) * 2 - 1.2;
    const pRight = 1 / (1 + Math.exp(-(a.ability - difficulty) * 1.7));
    let response: unknown;
    if (it.questionId === "demo-flawed-key") {
      // Strong learners know the real figure (85%, option a) and lose the point to the wrong key.
      response = a.rng.next() < 1 / (1 + Math.exp(-a.ability * 2)) ? "a" : a.rng.pick(["b", "c", "d"]);
    } else if (it.questionId === "demo-flawed-easy") {
      response = a.rng.next() < 0.97;
    } else {
      response = a.rng.next() < pRight ? v.answer : wrongResponse(v.type, v.answer, v.options.map((o) => o.id), a.rng);
    }
    tx.update(attemptItems).set({ response, responseSeq: 1, savedAt: a.at + 60_000 }).where(and(eq(attemptItems.attemptId, id), eq(attemptItems.position, it.position))).run();
  }
  // Grade it (and issue a certificate on a pass) before the learner's next attempt.
  finalizeAttempt(id, "learner");
}

function wrongResponse(type: string, answer: unknown, optionIds: string[], rng: ReturnType<typeof createRng>): unknown {
  switch (type) {
    case "single":
      return rng.pick(optionIds.filter((o) => o !== answer));
    case "multiple":
      return (answer as string[]).slice(1);
    case "true_false":
      return !answer;
    case "numeric":
      return (answer as { value: number }).value + 1;
    case "ordering":
      return [...(answer as string[])].reverse();
    case "matching": {
      const pairs = answer as [string, string][];
      return pairs.map((p, i) => [p[0], pairs[(i + 1) % pairs.length][1]]);
    }
    default:
      return null;
  }
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
