/**
 * Trainer reports: item analysis of an exam and a cohort's results, computed live from the answers
 * (no cached figures), plus their CSV/JSON exports. Authorisation is the caller's: routes check the
 * role and `canSeeCohort` before asking for a cohort.
 */
import type { Db } from "@db/client";
import { getExam, versionsFor, type ExamRow } from "@db/queries/exams";
import {
  assignedExamIds,
  assignedModules,
  cohortAttemptSummaries,
  cohortCertificates,
  cohortMastery,
  cohortMemberRows,
  cohortProgress,
  firstAttemptAnswers,
  rawResponses,
} from "@db/queries/reports";
import { getContent } from "~/content.server";
import { toCsv } from "~/domain/csv";
import { certificateState, type CertificateState } from "~/domain/exam";
import { formatDate } from "~/domain/time";
import { assignmentState } from "~/domain/cohort-members";
import { milliToPoints, pointsToMilli } from "~/domain/score";
import { analyseItems, describe, histogram, wrongBlankAnswers, type BlankWrongAnswers, type ItemMeta, type ItemStats, type LearnerResponses } from "~/domain/item-analysis";
import { markdownToText } from "~/domain/safe-markdown";
import { answerText, type AnswerTextWords } from "~/domain/answer-text";
import { describeAnswer } from "~/domain/grading";
import { displayStem, type Answer, type QuestionType } from "~/domain/question";
import type { Table } from "~/table-file.server";

export interface ItemReport extends ItemStats {
  type: string;
  stemText: string;
  module: string | null;
  section: string | null;
  options: { id: string; text: string; right: boolean }[];
  /** fill_blank: the most common wrong answers per blank (empty for other types). */
  wrongBlanks: BlankWrongAnswers[];
}

/** Item analysis of an exam's first attempts (optionally one cohort's). */
export async function examItemReport(db: Db, examId: number, cohortId?: number) {
  const exam = await getExam(db, examId);
  if (!exam) return null;
  const answers = await firstAttemptAnswers(db, examId, cohortId);
  const pointsOf = new Map<string, number>();
  for (const a of answers) pointsOf.set(`${a.questionId}@${a.version}`, a.points);
  const versions = (await versionsFor(db, [...pointsOf.keys()].map((k) => {
    const at = k.lastIndexOf("@");
    return { questionId: k.slice(0, at), version: Number(k.slice(at + 1)) };
  }))).map((v) => ({ ...v, options: JSON.stringify(v.options), answer: JSON.stringify(v.answer) }));
  const metaByKey = new Map<string, { meta: ItemMeta; v: (typeof versions)[number]; options: { id: string; text: string }[]; right: string[] }>();
  for (const v of versions) {
    const options = JSON.parse(v.options) as { id: string; text: string }[];
    const answer = JSON.parse(v.answer) as unknown;
    const right = v.type === "single" ? [answer as string] : v.type === "multiple" ? (answer as string[]) : [];
    const key = `${v.questionId}@${v.version}`;
    const points = pointsOf.get(key) ?? 1;
    metaByKey.set(key, {
      meta: { key, questionId: v.questionId, version: v.version, points, rightOptions: right, optionIds: right.length ? options.map((o) => o.id) : [] },
      v,
      options,
      right,
    });
  }
  // Only versions that first attempts actually showed.
  const shown = new Set(answers.map((a) => `${a.questionId}@${a.version}`));
  const metas = [...metaByKey.values()].filter((m) => shown.has(m.meta.key)).sort((a, b) => a.meta.key.localeCompare(b.meta.key));
  const byLearner = new Map<number, LearnerResponses>();
  const blankResponses = new Map<string, unknown[]>();
  for (const a of answers) {
    let l = byLearner.get(a.userId);
    if (!l) byLearner.set(a.userId, (l = { learnerId: a.userId, items: {} }));
    const key = `${a.questionId}@${a.version}`;
    const response = a.response === null ? null : (JSON.parse(a.response) as unknown);
    const isBlank = metaByKey.get(key)?.v.type === "fill_blank";
    if (isBlank) blankResponses.set(key, [...(blankResponses.get(key) ?? []), response]);
    const chosen =
      isBlank ? undefined : typeof response === "string" ? [response] : Array.isArray(response) && response.every((r) => typeof r === "string") ? (response as string[]) : undefined;
    l.items[key] = { score: a.points ? (a.scoreMilli ?? 0) / pointsToMilli(a.points) : 0, chosen };
  }
  const { items, exam: stats } = analyseItems(metas.map((m) => m.meta), [...byLearner.values()]);
  const reports: ItemReport[] = items.map((s, i) => {
    const m = metas[i];
    return {
      ...s,
      type: m.v.type,
      stemText: markdownToText(m.v.stem).slice(0, 120),
      module: m.v.module,
      section: m.v.section,
      options: m.right.length ? m.options.map((o) => ({ id: o.id, text: markdownToText(o.text), right: m.right.includes(o.id) })) : [],
      wrongBlanks: m.v.type === "fill_blank" ? wrongBlankAnswers(JSON.parse(m.v.answer) as string[][], blankResponses.get(m.meta.key) ?? []) : [],
    };
  });
  return { exam: { id: exam.id, title: exam.title, passPercent: exam.passPercent }, stats, items: reports, cohortId: cohortId ?? null };
}

export interface CohortGridCell {
  attempts: number;
  bestPercent: number | null;
  passed: boolean;
  certificate: { code: string; expiresAt: number; state: CertificateState } | null;
  overdue: boolean;
}

/** A cohort's results: members × assigned exams, members × modules, summaries and mastery by module. */
export async function cohortReport(db: Db, cohortId: number, now: number) {
  const content = getContent();
  const members = await cohortMemberRows(db, cohortId);
  const examsAssigned: { examId: number; dueAt: number | null; exam: ExamRow }[] = [];
  for (const a of await assignedExamIds(db, cohortId)) {
    const exam = await getExam(db, a.examId);
    if (exam) examsAssigned.push({ ...a, exam });
  }
  const modulesAssigned = await assignedModules(db, cohortId);
  const moduleList = (modulesAssigned.length ? modulesAssigned.map((m) => m.slug) : content.modules.map((m) => m.slug))
    .map((slug) => content.modules.find((m) => m.slug === slug))
    .filter((m): m is NonNullable<typeof m> => Boolean(m));
  const summaries = await cohortAttemptSummaries(db, cohortId, examsAssigned.map((e) => e.examId));
  const certs = await cohortCertificates(db, cohortId);
  const progress = await cohortProgress(db, cohortId);

  const summaryOf = new Map(summaries.map((x) => [`${x.userId}|${x.examId}`, x]));
  // Certificates come in issue order: the last one per learner and exam wins.
  const certOf = new Map(certs.map((c) => [`${c.userId}|${c.examId}`, c]));
  const progressOf = new Map(progress.map((p) => [`${p.userId}|${p.moduleSlug}`, p]));
  const mainSections = new Map(moduleList.map((mod) => [mod.slug, new Set(mod.toc.filter((t) => t.depth === 2).map((t) => t.id))]));
  const grid = members.map((m) => ({
    ...m,
    exams: examsAssigned.map((e): CohortGridCell => {
      const s = summaryOf.get(`${m.userId}|${e.examId}`);
      const cert = certOf.get(`${m.userId}|${e.examId}`);
      const passed = Boolean(s?.passed);
      return {
        attempts: s?.attempts ?? 0,
        bestPercent: s?.bestBp == null ? null : s.bestBp / 100,
        passed,
        certificate: cert ? { code: cert.code, expiresAt: cert.expiresAt, state: certificateState(cert, now) } : null,
        overdue: assignmentState(passed, e.dueAt, now) === "overdue",
      };
    }),
    modules: moduleList.map((mod) => {
      const p = progressOf.get(`${m.userId}|${mod.slug}`);
      const sections = mainSections.get(mod.slug)!;
      const total = sections.size;
      const read = p ? (JSON.parse(p.sectionsReached) as string[]).filter((id) => sections.has(id)).length : 0;
      const due = modulesAssigned.find((a) => a.slug === mod.slug)?.dueAt ?? null;
      return { slug: mod.slug, read, total, completed: Boolean(p?.completedAt), overdue: assignmentState(Boolean(p?.completedAt), due, now) === "overdue" };
    }),
  }));

  const examSummaries = examsAssigned.map((e, idx) => {
    const best = grid.map((g) => g.exams[idx].bestPercent).filter((x): x is number => x !== null);
    const stats = describe(best);
    return {
      examId: e.examId,
      title: e.exam.title,
      dueAt: e.dueAt,
      ...stats,
      passRate: members.length ? grid.filter((g) => g.exams[idx].passed).length / members.length : null,
      histogram: histogram(best),
    };
  });
  const mastery = (await cohortMastery(db, cohortId)).map((r) => ({
    module: r.module,
    title: content.modules.find((m) => m.slug === r.module)?.title ?? r.module ?? "（无模块）",
    share: r.possibleMilli ? r.earnedMilli / r.possibleMilli : null,
    answers: r.answers,
  }));
  return {
    members: members.length,
    exams: examsAssigned.map((e) => ({ id: e.examId, title: e.exam.title, dueAt: e.dueAt })),
    modules: moduleList.map((m) => ({ slug: m.slug, title: m.title, dueAt: modulesAssigned.find((a) => a.slug === m.slug)?.dueAt ?? null })),
    grid,
    examSummaries,
    mastery,
  };
}

// --- Exports ---------------------------------------------------------------------------------

export { BOM } from "~/domain/csv";
const csv = toCsv;

function formatResponse(text: string | null): string {
  if (text === null) return "";
  const v = JSON.parse(text) as unknown;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.map((x) => (Array.isArray(x) ? x.join("→") : String(x))).join(" | ");
  return JSON.stringify(v);
}

/** zh words for answers in files (the exports are Chinese, like their headers). */
const FILE_WORDS: AnswerTextWords = { yes: "正确", no: "错误", blank: (n) => `空${n}` };
const TYPE_NAMES: Record<string, string> = { single: "单选题", multiple: "多选题", true_false: "判断题", numeric: "数值题", ordering: "排序题", matching: "匹配题", fill_blank: "填空题" };

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Raw responses as a table: words first (stem, type, module, the answer given as option texts, the key as
 * text, the score), the internal ids only in the last columns.
 */
export async function rawResponsesTable(db: Db, examId: number, cohortId?: number): Promise<Table> {
  const found = await rawResponses(db, examId, cohortId);
  const versions = await versionsFor(db, found.map((r) => ({ questionId: r.questionId, version: Number(r.version) })));
  const byKey = new Map(versions.map((v) => [`${v.questionId}@${v.version}`, v]));
  const modules = new Map(getContent().modules.map((m) => [m.slug, m.title]));
  const header = ["工号", "姓名", "考试", "第几次作答", "题干", "题型", "模块", "作答", "正确答案", "得分", "满分", "作答编号", "题目编号", "版本"];
  const data = found.map((r) => {
    const found = byKey.get(`${r.questionId}@${Number(r.version)}`);
    const v = found && { ...found, type: found.type as QuestionType, answer: found.answer as Answer };
    const response = parseJson(r.response);
    const given = !v ? formatResponse(r.response) : response === undefined || response === null ? "" : answerText(describeAnswer(v, response), FILE_WORDS) || formatResponse(r.response);
    return [
      r.employeeNo,
      r.name,
      r.examTitle,
      r.attemptNo,
      v ? markdownToText(displayStem(v)) : "",
      v ? (TYPE_NAMES[v.type] ?? v.type) : "",
      v?.module ? (modules.get(v.module) ?? v.module) : "",
      given,
      v ? answerText(describeAnswer(v, v.answer), FILE_WORDS) : "",
      r.scoreMilli === null ? "" : milliToPoints(r.scoreMilli),
      r.points,
      r.attemptId,
      r.questionId,
      r.version,
    ];
  });
  return { header, rows: data };
}

export async function rawResponsesCsv(db: Db, examId: number, cohortId?: number): Promise<string> {
  const table = await rawResponsesTable(db, examId, cohortId);
  return csv(table.header, table.rows);
}

export function cohortResultsTable(report: Awaited<ReturnType<typeof cohortReport>>): Table {
  const header = ["工号", "姓名", "班组", ...report.exams.flatMap((e) => [`${e.title} 最高分（%）`, `${e.title} 作答次数`, `${e.title} 是否通过`, `${e.title} 证书到期`, `${e.title} 逾期`]), ...report.modules.map((m) => `${m.title} 已读/小节`)];
  const rows = report.grid.map((g) => [
    g.employeeNo,
    g.name,
    g.team,
    ...g.exams.flatMap((c) => [c.bestPercent ?? "", c.attempts, c.passed ? "是" : "否", c.certificate ? formatDate(c.certificate.expiresAt) : "", c.overdue ? "是" : ""]),
    ...g.modules.map((m) => `${m.completed ? "已完成" : `${m.read}/${m.total}`}`),
  ]);
  return { header, rows };
}

export function cohortResultsCsv(report: Awaited<ReturnType<typeof cohortReport>>): string {
  const table = cohortResultsTable(report);
  return csv(table.header, table.rows);
}
