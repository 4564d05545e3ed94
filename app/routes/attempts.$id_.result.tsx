/**
 * The result of a submitted attempt, as the exam's review settings allow (reviewLevel): the score only;
 * or each question with the learner's answer and the right one; or also the explanations. The right
 * answers are read here, on the server, only once the attempt is submitted.
 * (`attempts.$id_` so the page does not nest in the sitting page; the URL is /attempts/:id/result.)
 */
import { redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { certificateState } from "~/domain/exam";
import { describeAnswer } from "~/domain/grading";
import type { Answer, QuestionType } from "~/domain/question";
import { displayStem } from "~/domain/question";
import { renderSafeMarkdown } from "~/domain/safe-markdown";
import { ExamError, learnerAttempt } from "~/exams.server";
import { pointsToMilli } from "~/domain/score";
import { attemptResultData } from "~/learner.server";
import { AnswerList } from "~/components/answer-list";
import { answerView } from "~/domain/answer-view";
import { useRootData, useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import {formatPercent, formatPoints, RICH } from "~/components/exam/format";
import { formatDate, formatDateTime } from "~/domain/time";
import { clearAttemptStorage } from "~/components/exam/use-autosave";
import type { MessageKey } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [pageTitle(matches, data ? { text: data.examTitle } : "nav.exams", "examadmin.attempts.result")];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  let attempt;
  try {
    attempt = await learnerAttempt(user.id, id);
  } catch (error) {
    if (error instanceof ExamError) throw new Response("Not found", { status: error.status });
    throw error;
  }
  if (attempt.status !== "submitted") throw redirect(`/attempts/${encodeURIComponent(id)}`);
  const t = now();
  // Right answers only when no further attempt can use them (exams.server reviewFor).
  const found = await attemptResultData(user.id, attempt, t);
  const { exam, level, held, certificate } = found;

  let items = null;
  if (found.items) {
    items = found.items.map(({ item: it, version: v }) => {
      const q = { type: v.type as QuestionType, answer: v.answer as Answer, options: v.options };
      const scoreMilli = it.scoreMilli ?? 0;
      return {
        position: it.position,
        type: q.type,
        points: it.points,
        scoreMilli,
        outcome: scoreMilli >= pointsToMilli(it.points) ? ("right" as const) : scoreMilli > 0 ? ("partial" as const) : ("wrong" as const),
        stemHtml: renderSafeMarkdown(displayStem(v)),
        yours: answerView(describeAnswer(q, it.response)),
        right: answerView(describeAnswer(q, v.answer)),
        explanationHtml: level === "explanations" && v.explanation ? renderSafeMarkdown(v.explanation) : "",
      };
    });
  }

  return {
    attemptId: attempt.id,
    examId: exam.id,
    examTitle: exam.title,
    attemptNo: attempt.attemptNo,
    scoreMilli: attempt.scoreMilli ?? 0,
    maxScoreMilli: attempt.maxScoreMilli,
    percentBp: attempt.percentBp ?? 0,
    passed: Boolean(attempt.passed),
    passPercent: exam.passPercent,
    submittedAt: attempt.submittedAt,
    finalisedBy: attempt.finalisedBy,
    level,
    held,
    reviewFrom: held === "from" ? exam.reviewFrom : null,
    late: new URL(request.url).searchParams.has("late"),
    certificate: certificate
      ? { code: certificate.code, name: certificate.name, expiresAt: certificate.expiresAt, state: certificateState(certificate, t) }
      : null,
    items,
  };
}


export default function AttemptResult() {
  const t = useT();
  const locale = useRootData()?.locale ?? "zh";
  const r = useLoaderData<typeof loader>();

  // Submitted: whatever this browser still kept for the attempt can go.
  useEffect(() => clearAttemptStorage(r.attemptId), [r.attemptId]);

  return (
    <>
      <nav className="mb-2 text-sm" aria-label={t("exams.breadcrumb")}>
        <Link to="/exams" className="btn-link">
          ← {t("exams.back")}
        </Link>
      </nav>
      <PageTitle>{t("exams.result.title", { title: r.examTitle })}</PageTitle>
      {r.late ? (
        <p role="alert" className="alert-error" data-testid="late-notice">
          {t("exams.result.late")}
        </p>
      ) : null}
      <section className="card mb-6" aria-labelledby="score-title" data-testid="result-summary">
        <h2 id="score-title" className="sr-only">
          {t("exams.result.summary")}
        </h2>
        <p
          className={`mb-3 inline-block rounded-md px-3 py-1 text-lg font-bold ${r.passed ? "bg-teal-100 text-teal-900" : "bg-red-100 text-red-800"}`}
          data-testid="result-outcome"
        >
          {r.passed ? `✓ ${t("exams.passed")}` : `✗ ${t("exams.failed")}`}
        </p>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold text-slate-700">{t("exams.result.score")}</dt>
          <dd data-testid="result-score">
            {formatPoints(r.scoreMilli)} / {formatPoints(r.maxScoreMilli)}
          </dd>
          <dt className="font-semibold text-slate-700">{t("exams.result.percent")}</dt>
          <dd data-testid="result-percent">
            {formatPercent(r.percentBp)}%{" "}
            <span className="text-sm text-slate-600">({t("exams.result.passMark", { percent: r.passPercent })})</span>
          </dd>
          {r.submittedAt ? (
            <>
              <dt className="font-semibold text-slate-700">{t("exams.result.submittedAt")}</dt>
              <dd>
                {formatDateTime(r.submittedAt)}
                {r.finalisedBy ? <span className="ml-2 text-sm text-slate-600">({t(`exams.result.by.${r.finalisedBy}` as MessageKey)})</span> : null}
              </dd>
            </>
          ) : null}
          <dt className="font-semibold text-slate-700">{t("exams.result.attempt")}</dt>
          <dd>{t("exams.transcript.attemptNo", { n: r.attemptNo })}</dd>
        </dl>
        {r.certificate ? (
          <div className="alert-ok mt-4 mb-0" data-testid="certificate-box">
            <p className="font-semibold">{t("exams.result.certificate", { name: r.certificate.name })}</p>
            <p className="text-sm">
              {t("exams.result.certificateValid", { date: formatDate(r.certificate.expiresAt) })} ·{" "}
              {t(`exams.certState.${r.certificate.state}` as MessageKey)}
            </p>
            <p className="mt-2 flex flex-wrap gap-3">
              <Link to={`/certificates/${r.certificate.code}`} className="btn" data-testid="certificate-link">
                {t("exams.result.viewCertificate")}
              </Link>
              <Link to={`/verify/${r.certificate.code}`} className="btn-link self-center" data-testid="verify-link">
                {t("exams.result.verify")}
              </Link>
            </p>
          </div>
        ) : null}
      </section>

      {r.items ? (
        <section aria-labelledby="review-title">
          <h2 id="review-title" className="mb-3 text-lg font-semibold">
            {t("exams.result.review")}
          </h2>
          <ol className="space-y-4">
            {r.items.map((it) => (
              <li key={it.position} className="card" data-testid={`review-${it.position + 1}`}>
                <h3 className="mb-2 flex flex-wrap items-baseline gap-x-3 font-semibold">
                  <span>{t("exams.sit.question", { n: it.position + 1 })}</span>
                  <span className="text-sm font-normal text-slate-600">{t(`exams.type.${it.type}` as MessageKey)}</span>
                  <span
                    className={`text-sm ${it.outcome === "right" ? "text-teal-800" : it.outcome === "partial" ? "text-amber-800" : "text-red-800"}`}
                    data-outcome={it.outcome}
                  >
                    {t(`exams.result.outcome.${it.outcome}` as MessageKey)} ·{" "}
                    {t("exams.result.itemScore", { score: formatPoints(it.scoreMilli), points: it.points })}
                  </span>
                </h3>
                <div className={`${RICH} mb-3`} dangerouslySetInnerHTML={{ __html: it.stemHtml }} />
                <div className="grid gap-4 sm:grid-cols-2">
                  <div>
                    <h4 className="mb-1 text-sm font-semibold text-slate-700">{t("exams.result.yourAnswer")}</h4>
                    <AnswerList answer={it.yours} empty={t("exams.result.noAnswer")} trueLabel={t("exams.sit.true")} falseLabel={t("exams.sit.false")} />
                  </div>
                  <div data-testid="right-answer">
                    <h4 className="mb-1 text-sm font-semibold text-slate-700">{t("exams.result.rightAnswer")}</h4>
                    <AnswerList answer={it.right} empty={t("exams.result.noAnswer")} trueLabel={t("exams.sit.true")} falseLabel={t("exams.sit.false")} />
                  </div>
                </div>
                {it.explanationHtml ? (
                  <div className="mt-3 rounded-md bg-slate-50 p-3" data-testid="explanation">
                    <h4 className="mb-1 text-sm font-semibold text-slate-700">{t("exams.result.explanation")}</h4>
                    <div className={RICH} dangerouslySetInnerHTML={{ __html: it.explanationHtml }} />
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="card text-slate-700" data-testid="score-only">
          {r.held === "attemptsLeft"
            ? t("exams.result.heldWhileAttemptsLeft")
            : r.held === "afterClose"
              ? t("exams.result.afterClose")
              : r.reviewFrom
                ? t("exams.result.reviewFrom", { at: formatDateTime(r.reviewFrom) })
                : t("exams.result.scoreOnly")}
        </p>
      )}
      <p className="mt-6">
        <Link to="/exams" className="btn-secondary">
          {t("exams.result.toTranscript")}
        </Link>
      </p>
    </>
  );
}
