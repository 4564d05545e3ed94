/**
 * The learner's own pages: dashboard, exams list and transcript, one exam's page, assignments, module
 * progress, search and the result of an attempt. Routes authorise (requireUser) and pass the signed-in
 * user; these functions read what the pages show. Every function is async (the data layer is).
 */
import { assignmentsForLearner } from "@db/queries/cohort-admin";
import {
  attemptItemsOf,
  attemptsOfLearner,
  certificateOfAttempt,
  certificatesOfLearner,
  examsForLearner,
  getExam,
  learnerMaySit,
  versionsFor,
  type AttemptRow,
  type ExamRow,
} from "@db/queries/exams";
import { drillCardsFor, publishedAmong } from "@db/queries/practice";
import { markSectionsReached, progressForModule, progressForUser, progressOfLearners, setModuleCompleted } from "@db/queries/progress";
import { searchContent } from "@db/queries/search";

export type { AttemptRow, ExamRow };
import { now } from "~/clock.server";
import { getContent, moduleOutlines } from "~/content.server";
import { getDb } from "~/db.server";
import { assignmentState, epochToDueDate, type AssignmentState } from "~/domain/cohort-members";
import { dueByItem, dueCounts, dueOf, dueSoonAndOverdue, type DueView } from "~/domain/due-work";
import { targetKey, targetOf, targetRef } from "~/domain/assignment-target";
import { drillItems, drillQuestionIds, dueCount, toFactCards } from "~/domain/drill";
import { certificateState, daysToExpiry, isOverdue, minutesLeft, windowRefusal } from "~/domain/exam";
import { summarizeProgress } from "~/domain/progress";
import { formatDate } from "~/domain/time";
import { learnerAttempt, reviewFor } from "~/exams.server";
import { currentLocalPolicy } from "~/local-policy.server";
import { wrongBookDueCount } from "~/wrong-book.server";

type LearnerCertificate = Awaited<ReturnType<typeof certificatesOfLearner>>[number];

/** The learner's assignments, each with the `ref` (slug or exam id) the due-date rules key on. */
async function assignedTo(db: ReturnType<typeof getDb>, userId: number) {
  return (await assignmentsForLearner(db, userId)).map((a) => ({ ...a, ref: targetRef(targetOf(a)) }));
}

/** The dashboard's figures for one learner. */
export async function dashboardFor(user: { id: number; name: string }) {
  const db = getDb();
  const progress = summarizeProgress(moduleOutlines(), await progressForUser(db, user.id));
  // Numbers drill: figures due for review today (unlost facts with a published generated question).
  const facts = getContent().facts;
  const drillable = drillItems(facts, await publishedAmong(db, facts.flatMap((f) => drillQuestionIds(f.id))));
  const drillDue = dueCount(toFactCards(await drillCardsFor(db, user.id)), drillable.map((i) => i.factId), now());
  const t = now();
  const assigned = await assignedTo(db, user.id);
  const assignments = dueCounts(assigned, t);
  const dues = dueByItem(assigned, t);
  const moduleTitle = new Map(getContent().modules.map((m) => [m.slug, m.title]));
  // What is due soon and overdue, overdue first, then by due date (domain/due-work).
  const due = dueSoonAndOverdue(assigned, t).map((a) => ({
    id: a.id,
    kind: a.kind,
    title: (a.kind === "module" ? moduleTitle.get(a.ref) : a.examTitle) ?? a.ref,
    href: a.kind === "module" ? `/modules/${encodeURIComponent(a.ref)}` : `/exams/${encodeURIComponent(a.ref)}`,
    dueDate: epochToDueDate(a.dueAt),
    state: a.state,
  }));
  const attempts = await attemptsOfLearner(db, user.id);
  const open = attempts.find((a) => a.status === "in_progress" && !isOverdue(a.deadline, t));
  const exams = await examsForLearner(db, user.id);
  const openAttempt = open
    ? {
        id: open.id,
        title: exams.find((e) => e.id === open.examId)?.title ?? (await getExam(db, open.examId))?.title ?? "",
        minutesLeft: minutesLeft(open.deadline, t),
        deadline: open.deadline,
        serverNow: t,
      }
    : null;
  // Exams the learner may sit now: open window, attempts left, none in progress; with the earliest due date assigned.
  const sitNow = exams
    .map((e) => {
      const mine = attempts.filter((a) => a.examId === e.id);
      return {
        id: e.id,
        title: e.title,
        opensAt: e.opensAt,
        closesAt: e.closesAt,
        timeLimitMinutes: e.timeLimitMinutes,
        attemptsAllowed: e.attemptsAllowed,
        attemptsLeft: Math.max(0, e.attemptsAllowed - mine.length),
        due: dueOf(dues, "exam", e.id),
        sittable: windowRefusal(e, t) === null && !mine.some((a) => a.status === "in_progress") && mine.length < e.attemptsAllowed,
      };
    })
    .filter((e) => e.sittable)
    .map(({ sittable: _, ...e }) => e);
  // Newest certificate per exam: a renewed one silences the old warning.
  const newest = new Map<number, LearnerCertificate>();
  for (const c of await certificatesOfLearner(db, user.id)) if (!newest.has(c.examId)) newest.set(c.examId, c);
  const warnings = [...newest.values()]
    .filter((c) => !c.revokedAt)
    .map((c) => ({ name: c.name, date: formatDate(c.expiresAt), days: daysToExpiry(c.expiresAt, t), state: certificateState(c, t) }))
    .filter((c) => c.state === "expiring" || c.state === "expired");
  const wrongBookDue = await wrongBookDueCount(user.id, t);
  const moduleDue = Object.fromEntries(progress.items.map((m) => [m.slug, dueOf(dues, "module", m.slug)]));
  return { name: user.name, progress, moduleDue, drillDue, drillable: drillable.length, assignments, due, openAttempt, sitNow, warnings, wrongBookDue };
}

export interface AssignmentItem {
  id: number;
  kind: "module" | "exam";
  /** "module:<slug>" / "exam:<id>" (../domain/assignment-target). */
  key: string;
  /** The slug or the exam id, shown when the target no longer exists. */
  ref: string;
  title: string | null;
  href: string | null;
  examNotOpen: boolean;
  dueDate: string | null;
  state: AssignmentState;
}

/** The learner's assignments grouped by cohort, with their state on the server's clock. */
export async function assignmentsPage(userId: number) {
  const at = now();
  const moduleTitle = new Map(getContent().modules.map((m) => [m.slug, m.title]));
  const groups: { cohortId: number; cohortName: string; items: AssignmentItem[] }[] = [];
  for (const a of await assignmentsForLearner(getDb(), userId)) {
    let group = groups.find((g) => g.cohortId === a.cohortId);
    if (!group) groups.push((group = { cohortId: a.cohortId, cohortName: a.cohortName, items: [] }));
    const target = targetOf(a);
    const title = target.kind === "module" ? (moduleTitle.get(target.moduleSlug) ?? null) : a.examTitle;
    const href =
      target.kind === "module" ? (title ? `/modules/${encodeURIComponent(target.moduleSlug)}` : null) : a.examStatus === "published" ? `/exams/${target.examId}` : null;
    group.items.push({
      id: a.id,
      kind: a.kind,
      key: targetKey(target),
      ref: targetRef(target),
      title,
      href,
      examNotOpen: a.kind === "exam" && title !== null && a.examStatus !== "published",
      dueDate: a.dueAt === null ? null : epochToDueDate(a.dueAt),
      state: assignmentState(a.done, a.dueAt, at),
    });
  }
  const all = groups.flatMap((g) => g.items);
  const count = (s: AssignmentState) => all.filter((i) => i.state === s).length;
  return { groups, summary: { total: all.length, done: count("done"), overdue: count("overdue"), soon: count("dueSoon") } };
}

/**
 * The exams list's data: attempts (an attempt whose time ran out is finalised first, so the page never
 * shows it open), the exams this learner may sit, a title for every attempt's exam, and certificates.
 */
export async function learnerExamsOverview(userId: number, t: number) {
  const db = getDb();
  for (const a of await attemptsOfLearner(db, userId)) if (a.status === "in_progress" && isOverdue(a.deadline, t)) await learnerAttempt(userId, a.id);
  const attempts: AttemptRow[] = await attemptsOfLearner(db, userId);
  const exams: ExamRow[] = await examsForLearner(db, userId);
  const titles = new Map(exams.map((e) => [e.id, e.title]));
  for (const a of attempts) if (!titles.has(a.examId)) titles.set(a.examId, (await getExam(db, a.examId))?.title ?? "");
  const certificates = await certificatesOfLearner(db, userId);
  // Each exam's due date where it is assigned to the learner's cohorts (the earliest, with its state).
  const dues = dueByItem(await assignedTo(db, userId), t);
  const dueOfExam = new Map<number, DueView>();
  for (const e of exams) {
    const d = dueOf(dues, "exam", e.id);
    if (d) dueOfExam.set(e.id, d);
  }
  return { attempts, exams, titles, certificates, dueOfExam };
}

/**
 * One published exam this learner may sit, with their attempts at it (an overdue open attempt is
 * finalised first); undefined when there is no such exam for them.
 */
export async function learnerExam(userId: number, examId: number, t: number) {
  const db = getDb();
  const exam = await getExam(db, examId);
  if (!exam || exam.status !== "published" || !(await learnerMaySit(db, examId, userId))) return undefined;
  let mine = await attemptsOfLearner(db, userId, examId);
  const stale = mine.find((a) => a.status === "in_progress" && isOverdue(a.deadline, t));
  if (stale) {
    await learnerAttempt(userId, stale.id);
    mine = await attemptsOfLearner(db, userId, examId);
  }
  const due = dueOf(dueByItem(await assignedTo(db, userId), t), "exam", examId);
  return { exam, mine, due };
}

/** Progress on every module, summarised for the modules list, with the due date of each assigned module. */
export async function modulesProgress(userId: number) {
  const db = getDb();
  const summary = summarizeProgress(moduleOutlines(), await progressForUser(db, userId));
  const dues = dueByItem(await assignedTo(db, userId), now());
  return { ...summary, items: summary.items.map((m) => ({ ...m, due: dueOf(dues, "module", m.slug) })) };
}

/** This learner's progress on one module, and the local policy figures its page annotates. */
export async function moduleReading(userId: number, slug: string) {
  const db = getDb();
  const progress = await progressForModule(db, userId, slug);
  const policy = await currentLocalPolicy(db);
  return { progress, policy };
}

/** Records sections reached (reach) or marks the module complete / not complete. */
export async function recordModuleProgress(userId: number, slug: string, change: { reached: string[] } | { completed: boolean; sectionIds: string[] }) {
  const db = getDb();
  if ("reached" in change) {
    if (change.reached.length) await markSectionsReached(db, userId, slug, change.reached, now());
    return;
  }
  await markSectionsReached(db, userId, slug, change.completed ? change.sectionIds : [], now());
  await setModuleCompleted(db, userId, slug, change.completed, now());
}

/** Full-text search of the courseware. */
export async function searchCourseware(q: string) {
  return searchContent(getDb(), q);
}

/** The seq of each stored answer of an attempt, by position (the sitting page's next seq is above it). */
export async function responseSeqs(attemptId: string): Promise<Map<number, number>> {
  return new Map((await attemptItemsOf(getDb(), attemptId)).map((it) => [it.position, it.responseSeq]));
}

/**
 * What the result page reads beside the attempt: its exam, how much review the exam allows now
 * (exams.server reviewFor), its certificate, and, unless only the score may be shown, its items with the
 * question version each showed.
 */
export async function attemptResultData(userId: number, attempt: { id: string; examId: number }, t: number) {
  const db = getDb();
  const exam = (await getExam(db, attempt.examId))!;
  // Right answers only when no further attempt can use them (exams.server reviewFor).
  const { level, held } = await reviewFor(userId, exam, t);
  const certificate = await certificateOfAttempt(db, attempt.id);
  if (level === "score") return { exam, level, held, certificate, items: null };
  const rows = await attemptItemsOf(db, attempt.id);
  const versions = new Map((await versionsFor(db, rows)).map((v) => [`${v.questionId}@${v.version}`, v]));
  return { exam, level, held, certificate, items: rows.map((it) => ({ item: it, version: versions.get(`${it.questionId}@${it.version}`)! })) };
}

/** Every learner's completed modules (the trainer's overview), one row per learner and module. */
export async function learnersProgress() {
  return progressOfLearners(getDb());
}
