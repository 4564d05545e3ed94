/**
 * One learner's attempt, for trainers: each question with the learner's answer, the right answer and
 * the score; when the learner left the exam page and came back; extra time granted; regrading.
 * Visible to admins, and to a trainer through one of their cohorts (db/queries/visibility: the learner
 * is a member, the exam is assigned to it, the attempt started after both); anyone else gets a 404 (the attempt id does not reveal whether it exists). URL: /trainer/attempts/:id[?cohort=ID]
 * (?cohort only sets the link back to that cohort's results).
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { attemptForTrainer } from "~/exam-admin.server";
import { certificateState } from "~/domain/exam";
import { formatDate, formatDateTime, formatTime as formatTimeOfDay } from "~/domain/time";
import { describeAnswer } from "~/domain/grading";
import type { Answer, QuestionType } from "~/domain/question";
import { displayStem } from "~/domain/question";
import { renderSafeMarkdown } from "~/domain/safe-markdown";
import { milliToPoints, pointsToMilli } from "~/domain/score";
import { AnswerList } from "~/components/answer-list";
import { answerView } from "~/domain/answer-view";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { QuestionMeta } from "~/components/question-label";
import { questionLabel } from "~/question-labels.server";
import { RICH } from "~/components/exam/format";
import type { MessageKey } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [data ? pageTitle(matches, { text: data.learner.name }, { text: data.exam.title }) : pageTitle(matches, "examadmin.attempts.title")];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const milli = (n: number | null) => (n === null ? null : String(milliToPoints(n)));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  // The link back: to the cohort the trainer came from, if they may see it and the learner is in it.
  const from = new URL(request.url).searchParams.get("cohort");
  const fromId = from && /^\d{1,9}$/.test(from) ? Number(from) : null;
  const found = await attemptForTrainer(user, params.id ?? "", fromId);
  if (!found) throw new Response("Not found", { status: 404 });
  const { attempt, learner, exam, cohort, events, names, regradedTo, rows, versions, certificate, others } = found;
  const nameOf = (id: number | null) => (id === null ? "" : (names.get(id) ?? ""));
  // A regrade scores an item against a newer version's key: show that key.
  const submitted = attempt.status === "submitted";
  const items = rows.map((it) => {
    const shown = versions.get(`${it.questionId}@${it.version}`);
    const toVersion = regradedTo.get(it.questionId);
    const keyVersion = (toVersion !== undefined && toVersion !== it.version ? versions.get(`${it.questionId}@${toVersion}`) : undefined) ?? shown;
    const q = shown ? { type: shown.type as QuestionType, answer: shown.answer as Answer, options: shown.options } : null;
    const key = keyVersion ? { type: keyVersion.type as QuestionType, answer: keyVersion.answer as Answer, options: keyVersion.options } : null;
    const scoreMilli = it.scoreMilli;
    return {
      position: it.position,
      questionId: it.questionId,
      version: it.version,
      regradedTo: keyVersion && keyVersion !== shown ? keyVersion.version : null,
      type: shown?.type ?? "",
      points: it.points,
      score: milli(scoreMilli),
      outcome: !submitted || scoreMilli === null ? ("ungraded" as const) : scoreMilli >= pointsToMilli(it.points) ? ("right" as const) : scoreMilli > 0 ? ("partial" as const) : ("wrong" as const),
      flagged: it.flagged,
      savedAt: it.savedAt === null ? null : formatTimeOfDay(it.savedAt),
      stemHtml: shown ? renderSafeMarkdown(displayStem(shown)) : "",
      label: questionLabel({ id: it.questionId, type: shown?.type ?? "", stem: shown?.stem ?? "", module: shown?.module ?? null }, it.version),
      yours: q ? answerView(describeAnswer(q, it.response)) : { ordered: false, parts: [] },
      right: key ? answerView(describeAnswer(key, key.answer)) : { ordered: false, parts: [] },
    };
  });

  return {
    attempt: {
      id: attempt.id,
      attemptNo: attempt.attemptNo,
      status: attempt.status,
      startedAt: formatDateTime(attempt.startedAt),
      deadline: formatDateTime(attempt.deadline),
      submittedAt: attempt.submittedAt === null ? null : formatDateTime(attempt.submittedAt),
      finalisedBy: attempt.finalisedBy,
      score: milli(attempt.scoreMilli),
      maxScore: milliToPoints(attempt.maxScoreMilli),
      percent: attempt.percentBp === null ? null : String(attempt.percentBp / 100),
      passed: attempt.passed,
    },
    learner: { id: learner.id, employeeNo: learner.employeeNo, name: learner.name, team: learner.team },
    exam: { id: exam.id, title: exam.title, passPercent: exam.passPercent },
    cohort: cohort ? { id: cohort.id, name: cohort.name } : null,
    certificate: certificate ? { expiresAt: formatDate(certificate.expiresAt), state: certificateState(certificate, now()) } : null,
    others: others.map((a) => ({
      id: a.id,
      attemptNo: a.attemptNo,
      inProgress: a.status === "in_progress",
      percent: a.percentBp === null ? null : String(a.percentBp / 100),
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: formatDateTime(e.at),
      time: formatTimeOfDay(e.at),
      by: nameOf(e.actorId),
      minutes: Number(e.detail?.minutes ?? 0),
      questionId: String(e.detail?.questionId ?? ""),
      toVersion: Number(e.detail?.toVersion ?? 0),
      before: typeof e.detail?.before === "number" ? milli(e.detail.before) : null,
      after: typeof e.detail?.after === "number" ? milli(e.detail.after) : null,
      position: typeof e.detail?.position === "number" ? e.detail.position + 1 : null,
    })),
    items,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function TrainerAttempt() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const a = d.attempt;
  const qs = d.cohort ? `?cohort=${d.cohort.id}` : "";
  return (
    <>
      <nav className="mb-2 flex flex-wrap gap-x-4 text-sm" aria-label={t("reports.breadcrumb")}>
        {d.cohort ? (
          <Link to={`/trainer/cohorts/${d.cohort.id}/results`} className="btn-link">
            ← {t("reports.analysis.cohortResults", { name: d.cohort.name })}
          </Link>
        ) : null}
        <Link to={`/trainer/exams/${d.exam.id}/analysis${qs}`} className="btn-link">
          {t("reports.attempt.analysis")}
        </Link>
      </nav>
      <PageTitle>{t("reports.attempt.title", { name: d.learner.name, title: d.exam.title, n: a.attemptNo })}</PageTitle>

      <section className="card mb-6" aria-labelledby="attempt-summary-title" data-testid="attempt-summary">
        <h2 id="attempt-summary-title" className="sr-only">
          {t("reports.attempt.summary")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold text-slate-700">{t("reports.attempt.learner")}</dt>
          <dd>
            <span className="font-mono">{d.learner.employeeNo}</span> {d.learner.name}
            {d.learner.team ? <span className="text-slate-600">({d.learner.team})</span> : null}
          </dd>
          <dt className="font-semibold text-slate-700">{t("reports.attempt.status")}</dt>
          <dd data-testid="attempt-status">
            {a.status === "submitted" ? t("reports.attempt.submitted") : t("reports.inProgress")}
            {a.finalisedBy ? <span className="text-slate-600">({t(`reports.finalisedBy.${a.finalisedBy}`)})</span> : null}
          </dd>
          <dt className="font-semibold text-slate-700">{t("reports.attempt.times")}</dt>
          <dd>
            {t("reports.attempt.started", { at: a.startedAt })} · {t("reports.attempt.deadline", { at: a.deadline })}
            {a.submittedAt ? ` · ${t("reports.attempt.submittedAt", { at: a.submittedAt })}` : ""}
          </dd>
          <dt className="font-semibold text-slate-700">{t("reports.attempt.result")}</dt>
          <dd data-testid="attempt-result">
            {a.score === null ? (
              t("reports.attempt.notGraded")
            ) : (
              <>
                {t("reports.attempt.score", { score: a.score, max: a.maxScore, percent: a.percent ?? "—" })}{" "}
                <span className={a.passed ? "font-semibold text-teal-800" : "font-semibold text-red-700"}>
                  {a.passed ? `✓ ${t("reports.passed")}` : `✗ ${t("reports.failed")}`}
                </span>{" "}
                <span className="text-slate-600">({t("reports.results.passMark", { percent: d.exam.passPercent })})</span>
              </>
            )}
          </dd>
          {d.certificate ? (
            <>
              <dt className="font-semibold text-slate-700">{t("reports.col.certificate")}</dt>
              <dd>
                {t("reports.certExpires", { date: d.certificate.expiresAt })} · {t(`reports.cert.${d.certificate.state}`)}
              </dd>
            </>
          ) : null}
          {d.others.length > 1 ? (
            <>
              <dt className="font-semibold text-slate-700">{t("reports.attempt.others")}</dt>
              <dd>
                <ul className="flex flex-wrap gap-x-4">
                  {d.others.map((o) =>
                    o.id === a.id ? (
                      <li key={o.id} aria-current="page" className="font-semibold">
                        {t("reports.attemptNo", { n: o.attemptNo })}
                      </li>
                    ) : (
                      <li key={o.id}>
                        <Link to={`/trainer/attempts/${encodeURIComponent(o.id)}${qs}`} className="btn-link">
                          {t("reports.attemptNo", { n: o.attemptNo })}
                        </Link>{" "}
                        {o.inProgress ? t("reports.inProgress") : o.percent === null ? "" : `${o.percent}%`}
                      </li>
                    ),
                  )}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <Events d={d} />

      <section aria-labelledby="answers-title">
        <h2 id="answers-title" className="mb-3 text-lg font-semibold">
          {t("reports.attempt.answers", { n: d.items.length })}
        </h2>
        <ol className="space-y-4">
          {d.items.map((it) => (
            <li key={it.position} className="card" data-testid="attempt-item" data-question={it.questionId} data-outcome={it.outcome}>
              <h3 className="mb-2 flex flex-wrap items-baseline gap-x-3 gap-y-1 font-semibold">
                <span>{t("reports.attempt.question", { n: it.position + 1 })}</span>
                <span
                  className={`text-sm ${it.outcome === "right" ? "text-teal-800" : it.outcome === "partial" ? "text-amber-800" : it.outcome === "wrong" ? "text-red-800" : "text-slate-600"}`}
                  data-testid="item-score"
                >
                  {t(`reports.outcome.${it.outcome}`)} · {t("reports.attempt.itemScore", { score: it.score ?? "—", points: it.points })}
                </span>
                {it.flagged ? <span className="text-xs font-normal text-amber-800">⚑ {t("reports.attempt.flagged")}</span> : null}
              </h3>
              <div className={`${RICH} mb-1`} dangerouslySetInnerHTML={{ __html: it.stemHtml }} data-testid="item-stem" />
              <div className="mb-3">
                <QuestionMeta q={it.label} openLink />
              </div>
              <div className="grid gap-4 sm:grid-cols-2">
                <div data-testid="learner-answer">
                  <h4 className="mb-1 text-sm font-semibold text-slate-700">
                    {t("reports.attempt.learnerAnswer")}
                    {it.savedAt ? <span className="ml-2 text-xs font-normal text-slate-600">{t("reports.attempt.savedAt", { time: it.savedAt })}</span> : null}
                  </h4>
                  <AnswerList answer={it.yours} empty={t("reports.attempt.noAnswer")} trueLabel={t("reports.true")} falseLabel={t("reports.false")} />
                </div>
                <div data-testid="right-answer">
                  <h4 className="mb-1 text-sm font-semibold text-slate-700">
                    {t("reports.attempt.rightAnswer")}
                    {it.regradedTo !== null ? <span className="ml-2 text-xs font-normal text-slate-600">{t("reports.attempt.regradedKey", { v: it.regradedTo })}</span> : null}
                  </h4>
                  <AnswerList answer={it.right} empty={t("reports.attempt.noAnswer")} trueLabel={t("reports.true")} falseLabel={t("reports.false")} />
                </div>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function Events({ d }: { d: Data }) {
  const t = useT();
  const leaves = d.events.filter((e) => e.kind === "tab_hidden").length;
  // A regrade names the question by its stem (“…”), as everywhere else a trainer meets it.
  const stems = new Map(d.items.map((it) => [it.questionId, t("trainer2.quoted", { text: it.label.stem || it.questionId })]));
  return (
    <section aria-labelledby="events-title" className="mb-6">
      <h2 id="events-title" className="mb-1 text-lg font-semibold">
        {t("reports.events.title")}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("reports.events.intro", { n: leaves })}</p>
      {d.events.length === 0 ? (
        <p className="text-sm" data-testid="no-events">
          {t("reports.events.none")}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="data-table" data-testid="events">
            <thead>
              <tr>
                <th scope="col">{t("reports.events.at")}</th>
                <th scope="col">{t("reports.events.what")}</th>
              </tr>
            </thead>
            <tbody>
              {d.events.map((e) => (
                <tr key={e.id} data-kind={e.kind}>
                  <td className="whitespace-nowrap font-mono text-xs">{e.kind === "tab_hidden" || e.kind === "tab_visible" ? e.time : e.at}</td>
                  <td>
                    {e.kind === "extra_time"
                      ? t("reports.events.extra_time", { minutes: e.minutes, by: e.by || "—" })
                      : e.kind === "regrade"
                        ? t("reports.events.regrade", { id: stems.get(e.questionId) ?? e.questionId, v: e.toVersion, before: e.before ?? "—", after: e.after ?? "—", by: e.by || "—" })
                        : e.kind === "late_save_refused"
                          ? t("reports.events.late_save_refused", { n: e.position ?? "—" })
                          : t(`reports.events.${e.kind}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
