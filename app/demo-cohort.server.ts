/**
 * Demo data for the trainer reports: a cohort of 60 learners of varied ability, an exam they all sat
 * (some more than once), and two deliberately flawed questions for the item analysis to catch:
 *  - one whose answer key is wrong (the strongest learners choose the real right answer and lose the
 *    point: negative discrimination, a distractor beats the key in the top group);
 *  - one so easy that everybody gets it (facility > 0.9).
 * Created once, in demo mode only.
 *
 * The simulated learners sit the exam through the real code (~/exams.server): startAttempt draws the
 * paper and stores the deadline, saveAnswer stores each answer (and refuses one after the deadline),
 * finalizeAttempt grades with the one grader and issues certificates. Only the times are simulated: the
 * attempts happened on the days before the demo started, each answer saved as the learner went, and
 * submitted within the time limit — or, for a few slow learners, finalised by the server at the deadline.
 * The answers follow a simple ability model with fixed seeds, so every demo start shows the same picture,
 * and the sound questions are neither too easy, too hard nor weakly discriminating: the item analysis
 * flags exactly the two planted questions.
 */
import { eq } from "drizzle-orm";
import { lock, transaction } from "@db/client";
import { fromWallClock, wallClock } from "~/domain/time";
import { attemptItemsOf, getAttempt, insertExam, versionsFor } from "@db/queries/exams";
import { getQuestionRow, insertQuestion, listQuestions } from "@db/queries/questions";
import { findUserByEmployeeNo, insertUser } from "@db/queries/users";
import { cohortAssignments, cohortMembers, cohorts, cohortTrainers } from "@db/schema";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { SAVE_GRACE_MS } from "~/domain/exam";
import { parseGeneratedId } from "~/domain/generator";
import { gradeResponse } from "~/domain/grading";
import { hashPassword, generatePassword } from "~/domain/password";
import { createRng } from "~/domain/prng";
import type { Answer, QuestionContent, QuestionType } from "~/domain/question";
import { answerAsShown, finalizeAttempt, saveAnswer, startAttempt } from "~/exams.server";

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

const MIN = 60_000;
const DAY = 86_400_000;
const TIME_LIMIT_MINUTES = 30;

/**
 * What a curated question tests: its family when the bank has one, else the fact / scenario /
 * procedure a generated id names. The curated paper never holds two questions on one point.
 */
function pointOf(q: { id: string; family?: unknown }): string {
  if (typeof q.family === "string" && q.family) return q.family;
  const ref = parseGeneratedId(q.id);
  return ref ? `${ref.kind}:${ref.ref}` : q.id;
}

/**
 * One transaction under the lock "bootstrap" that first looks for the cohort, so several servers
 * starting at once in demo mode create it once. Returns whether this call created it.
 */
export async function ensureDemoCohort(trainerEmployeeNo = "trainer"): Promise<boolean> {
  const exists = async () => (await getDb().select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.name, DEMO_COHORT_NAME)).limit(1)).length > 0;
  if (await exists()) return false;
  const t = now();
  // The class started a week ago; its members sat the exam on the days since.
  const began = t - 7 * DAY;
  // Hashed before the transaction: its body awaits only database calls.
  const hash = await hashPassword(generatePassword(16));
  return transaction(getDb(), async (tx) => {
    await lock(tx, "bootstrap");
    if (await exists()) return false;
    const trainer = await findUserByEmployeeNo(tx, trainerEmployeeNo);
    for (const f of FLAWED) {
      if (!(await getQuestionRow(tx, f.id))) await insertQuestion(tx, { id: f.id, source: "authored", status: "published", content: f.content, createdBy: trainer?.id ?? null, note: "demo" }, began);
    }
    const pick = createRng("kefu-demo-curated");
    const generated = await listQuestions(tx, { status: "published", source: "generated" });
    const points = new Set<string>();
    const sound: string[] = [];
    for (const rule of CURATED_FROM) {
      const candidates = pick.shuffle(generated.filter((q) => rule.modules.includes(q.module ?? "") && rule.types.includes(q.type)));
      let taken = 0;
      for (const q of candidates) {
        if (taken === rule.count) break;
        const point = pointOf(q);
        if (points.has(point)) continue;
        points.add(point);
        taken++;
        const id = `demo-set-${q.id.replace(/^gen-/, "")}`;
        sound.push(id);
        if (await getQuestionRow(tx, id)) continue;
        const { id: _id, version: _v, source: _s, status: _st, ...content } = q;
        await insertQuestion(tx, { id, source: "authored", status: "published", content: { ...content, tags: [...content.tags, SET_TAG].slice(0, 20) }, createdBy: trainer?.id ?? null, note: "demo" }, began);
      }
    }
    const [{ id: cohortId }] = await tx.insert(cohorts).values({ name: DEMO_COHORT_NAME, description: "演示班级：60 名学员的模拟成绩", createdBy: trainer?.id ?? null, createdAt: began }).returning({ id: cohorts.id });
    if (trainer) await tx.insert(cohortTrainers).values({ cohortId, userId: trainer.id });
    const examId = await insertExam(
      tx,
      {
        title: "新员工结业考试（演示数据）",
        description: "用于展示班级成绩与题目分析的演示考试。",
        blueprint: BLUEPRINT,
        timeLimitMinutes: TIME_LIMIT_MINUTES,
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
      began,
    );
    await tx.insert(cohortAssignments).values([
      { cohortId, kind: "exam", examId, dueAt: t + 7 * DAY, createdAt: began },
      { cohortId, kind: "module", moduleSlug: "sla", dueAt: t - DAY, createdAt: began },
      { cohortId, kind: "module", moduleSlug: "complaints", dueAt: t + 3 * DAY, createdAt: began },
    ]);

    // Each sound question gets a difficulty, evenly spread over a middle range (so none is too easy or
    // too hard for this cohort), in an order fixed by the question id.
    const ranked = [...sound].sort((x, y) => idHash(x) - idHash(y) || x.localeCompare(y));
    const difficulty = new Map(ranked.map((id, r) => [id, -0.8 + (1.6 * r) / Math.max(1, ranked.length - 1)]));

    // 09:00 (product time zone, Beijing by default) on the day the class began.
    const firstMorning = fromWallClock({ ...wallClock(began), hour: 9, minute: 0, second: 0, millisecond: 0 });
    const rng = createRng("kefu-demo-cohort");
    for (let i = 1; i <= 60; i++) {
      const employeeNo = `N${String(2600 + i)}`;
      const existing = await findUserByEmployeeNo(tx, employeeNo);
      const user = existing ?? await insertUser(tx, { employeeNo, name: DEMO_NAMES[(i - 1) % DEMO_NAMES.length] + (i > DEMO_NAMES.length ? String(Math.ceil(i / DEMO_NAMES.length)) : ""), role: "learner", team: DEMO_COHORT_NAME, passwordHash: hash }, began);
      await tx.insert(cohortMembers).values({ cohortId, userId: user.id, addedAt: began });
      // Ability spread from weak to strong.
      const ability = -2.5 + (5 * (i - 1)) / 59 + (rng.next() - 0.5) * 0.5;
      const attemptsToMake = 1 + (ability < -0.8 ? rng.int(3) : 0);
      for (let n = 1; n <= attemptsToMake; n++) {
        // Attempt n on day n after the class began, learners spread over the day from 09:00 Beijing time on.
        const startAt = firstMorning + n * DAY + (i % 20) * 20 * MIN;
        const attemptRng = createRng(`${employeeNo}|${n}`);
        const done = await simulateAttempt({ examId, userId: user.id, ability: ability + 0.4 * (n - 1), difficulty, rng: attemptRng, startAt, seed: `demo|${employeeNo}|${n}` });
        if (!done) break;
      }
    }
    return true;
  });
}

const DEMO_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴昊", "徐丽", "孙涛", "胡军", "朱琳", "高翔", "林欣", "何勇", "郭佳", "马超", "罗兰", "梁晨", "宋雨", "郑凯", "谢娟", "韩冰", "唐宁", "冯硕", "于洁", "董鑫", "萧然"];

/**
 * One simulated sitting through the real start / save / finalise code, at simulated times within the
 * time limit. Most learners press 交卷 after 12–28 minutes; a few slow ones are still answering when
 * time runs out: one whose last answer arrives too late is refused and finalised at the deadline by that
 * request, one who simply stops is finalised by the server's sweep. False if the paper could not be drawn.
 */
async function simulateAttempt(a: { examId: number; userId: number; ability: number; difficulty: Map<string, number>; rng: ReturnType<typeof createRng>; startAt: number; seed: string }): Promise<boolean> {
  let attemptId: string;
  try {
    attemptId = (await startAttempt(a.userId, a.examId, a.startAt, a.seed)).attemptId;
  } catch {
    return false;
  }
  const db = getDb();
  const items = await attemptItemsOf(db, attemptId);
  const sitting = (await getAttempt(db, attemptId))!;
  const versions = new Map((await versionsFor(db, items)).map((v) => [`${v.questionId}@${v.version}`, v]));
  const deadline = a.startAt + TIME_LIMIT_MINUTES * MIN;
  const pace = a.rng.next();
  // 0: submits; 1: stops answering near the end (the sweep); 2: still answering after the deadline.
  const kind = pace < 0.06 ? 1 : pace < 0.1 ? 2 : 0;
  const minutes = kind === 0 ? 12 + a.rng.int(17) : kind === 1 ? 29.5 : 33;
  let seq = 0;
  for (const [k, it] of items.entries()) {
    const v = versions.get(`${it.questionId}@${it.version}`)!;
    const response = simulatedResponse(it.questionId, { type: v.type as QuestionType, answer: v.answer as Answer, options: v.options }, a);
    const at = a.startAt + Math.round(((k + 1) / (items.length + 1)) * minutes * MIN);
    try {
      // As the sitting page sends it: option answers in this attempt's opaque ids.
      await saveAnswer(a.userId, attemptId, it.position, answerAsShown(sitting, it, v.type, response), ++seq, at);
    } catch {
      // Refused after the deadline and its grace: that request finalised the attempt (by the deadline).
      return true;
    }
  }
  if (kind === 0) await finalizeAttempt(attemptId, "learner", a.startAt + minutes * MIN);
  else await finalizeAttempt(attemptId, "sweep", deadline + SAVE_GRACE_MS + 2_000);
  return true;
}

type Gradable = Pick<QuestionContent, "type" | "answer" | "options">;

/** What this learner answers: right when ability (with some noise) beats the question's difficulty. */
function simulatedResponse(questionId: string, q: Gradable, a: { ability: number; difficulty: Map<string, number>; rng: ReturnType<typeof createRng> }): unknown {
  if (questionId === "demo-flawed-key") {
    // Strong learners know the real figure (85%, option a) and lose the point to the wrong key.
    return a.rng.next() < 1 / (1 + Math.exp(-a.ability * 2)) ? "a" : a.rng.pick(["b", "c", "d"]);
  }
  if (questionId === "demo-flawed-easy") return a.ability > -2.3 || a.rng.next() < 0.5;
  const right = a.ability + (a.rng.next() - 0.5) * 2 > (a.difficulty.get(questionId) ?? 0);
  const response = right ? keyResponse(q) : wrongResponse(q, a.rng);
  // Whatever was meant, the stored answer is graded by the real grader at finalisation; a response the
  // simulation could not form (an unknown type) stays unanswered.
  return response ?? null;
}

/** The response a learner who knows the answer gives, in the shape the sitting page sends. */
function keyResponse(q: Gradable): unknown {
  const answer = q.answer as unknown;
  // A fill_blank key lists accepted answers per blank; a learner types one (the canonical one).
  const response = q.type === "numeric" ? (answer as { value: number }).value : q.type === "fill_blank" ? (answer as string[][]).map((accepted) => accepted[0]) : answer;
  return gradeResponse(q, response).correct ? response : null;
}

function wrongResponse(q: Gradable, rng: ReturnType<typeof createRng>): unknown {
  const answer = q.answer as unknown;
  const ids = q.options.map((o) => o.id);
  let response: unknown;
  switch (q.type) {
    case "single":
      response = rng.pick(ids.filter((o) => o !== answer));
      break;
    case "multiple":
      response = (answer as string[]).slice(1);
      break;
    case "true_false":
      response = !answer;
      break;
    case "numeric": {
      const { value, tolerance } = answer as { value: number; tolerance: number };
      // A plausible slip: a neighbouring figure clearly outside the tolerance.
      response = value + (rng.next() < 0.5 ? -1 : 1) * Math.max(1, tolerance * 2 + 1, Math.abs(value) * 0.5);
      break;
    }
    case "ordering":
      response = [...(answer as string[])].reverse();
      break;
    case "matching": {
      const pairs = answer as [string, string][];
      response = pairs.map((p, i) => [p[0], pairs[(i + 1) % pairs.length][1]]);
      break;
    }
    case "fill_blank":
      response = (answer as string[][]).map((accepted, i) => (i === 0 ? `${accepted[0]}以上` : accepted[0]));
      break;
    default:
      return null;
  }
  return gradeResponse(q, response).correct ? null : response;
}

function idHash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
