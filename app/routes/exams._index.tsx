/**
 * 考试: the exams this learner may sit, with their window, time limit and attempts, and 我的成绩单 — every
 * attempt and certificate, with a warning for certificates that expire within 30 days or have expired.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { certificateState, daysToExpiry, windowRefusal } from "~/domain/exam";
import { learnerExamsOverview, type AttemptRow, type ExamRow } from "~/learner.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import {formatPercent, formatPoints } from "~/components/exam/format";
import { formatDate, formatDateTime } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { DueNote } from "~/components/due";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "nav.exams")];

type ExamStatus = "inProgress" | "available" | "exhausted" | "notOpen" | "closed";

function examStatus(exam: ExamRow, mine: AttemptRow[], t: number): ExamStatus {
  if (mine.some((a) => a.status === "in_progress")) return "inProgress";
  const window = windowRefusal(exam, t);
  if (window === "notOpen") return "notOpen";
  if (window === "closed") return "closed";
  return mine.length >= exam.attemptsAllowed ? "exhausted" : "available";
}


export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = now();
  // An attempt whose time ran out is finalised before it is listed, so the page never shows it open.
  const { attempts, exams, titles, certificates, dueOfExam } = await learnerExamsOverview(user.id, t);

  // Warn about the newest certificate of each exam only: a renewed one silences the old one.
  const newest = new Map<number, (typeof certificates)[number]>();
  for (const c of certificates) if (!c.revokedAt && (newest.get(c.examId)?.issuedAt ?? -1) < c.issuedAt) newest.set(c.examId, c);
  const warnings = [...newest.values()]
    .map((c) => ({ code: c.code, name: c.name, expiresAt: c.expiresAt, state: certificateState(c, t), days: daysToExpiry(c.expiresAt, t) }))
    .filter((w) => w.state === "expiring" || w.state === "expired");

  return {
    exams: exams.map((e) => {
      const mine = attempts.filter((a) => a.examId === e.id);
      return {
        id: e.id,
        title: e.title,
        timeLimitMinutes: e.timeLimitMinutes,
        opensAt: e.opensAt,
        closesAt: e.closesAt,
        attemptsAllowed: e.attemptsAllowed,
        used: mine.length,
        status: examStatus(e, mine, t),
        openAttemptId: mine.find((a) => a.status === "in_progress")?.id ?? null,
        due: dueOfExam.get(e.id) ?? null,
      };
    }),
    transcript: attempts.map((a) => ({
      id: a.id,
      examTitle: titles.get(a.examId) ?? "",
      attemptNo: a.attemptNo,
      status: a.status,
      startedAt: a.startedAt,
      submittedAt: a.submittedAt,
      scoreMilli: a.scoreMilli,
      maxScoreMilli: a.maxScoreMilli,
      percentBp: a.percentBp,
      passed: a.passed,
    })),
    certificates: certificates.map((c) => ({
      code: c.code,
      name: c.name,
      examTitle: titles.get(c.examId) ?? "",
      issuedAt: c.issuedAt,
      expiresAt: c.expiresAt,
      state: certificateState(c, t),
    })),
    warnings,
  };
}

const STATUS_STYLE: Record<ExamStatus, string> = {
  available: "bg-teal-100 text-teal-900",
  inProgress: "bg-amber-100 text-amber-900",
  exhausted: "bg-slate-200 text-slate-800",
  notOpen: "bg-slate-100 text-slate-700",
  closed: "bg-slate-100 text-slate-700",
};

const CERT_STYLE: Record<string, string> = {
  valid: "bg-teal-100 text-teal-900",
  expiring: "bg-amber-100 text-amber-900",
  expired: "bg-red-100 text-red-800",
  revoked: "bg-slate-200 text-slate-800",
};

export default function ExamsIndex() {
  const t = useT();
  const { exams, transcript, certificates, warnings } = useLoaderData<typeof loader>();

  const windowText = (e: (typeof exams)[number]) =>
    e.opensAt && e.closesAt
      ? t("exams.window.range", { from: formatDateTime(e.opensAt), to: formatDateTime(e.closesAt) })
      : e.opensAt
        ? t("exams.window.opens", { at: formatDateTime(e.opensAt) })
        : e.closesAt
          ? t("exams.window.closes", { at: formatDateTime(e.closesAt) })
          : t("exams.window.always");

  return (
    <>
      <PageTitle>{t("exams.title")}</PageTitle>
      {warnings.length ? (
        <div role="alert" className="mb-6 rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-950" data-testid="renewal-warning">
          <ul className="space-y-1">
            {warnings.map((w) => (
              <li key={w.code}>
                ⚠{" "}
                {w.state === "expired"
                  ? t("exams.certs.warnExpired", { name: w.name, date: formatDate(w.expiresAt) })
                  : t("exams.certs.warnExpiring", { name: w.name, date: formatDate(w.expiresAt), days: w.days })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="mb-4 text-slate-700">{t("exams.intro")}</p>

      <section aria-labelledby="exam-list-title" className="mb-8">
        <h2 id="exam-list-title" className="sr-only">
          {t("exams.listTitle")}
        </h2>
        {exams.length === 0 ? (
          <p className="card">{t("exams.none")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {exams.map((e) => (
              <li key={e.id} className="card flex flex-col gap-2" data-exam={e.id}>
                <div className="flex items-start justify-between gap-2">
                  <h3 className="font-semibold">
                    <Link to={`/exams/${e.id}`} className="text-teal-900 hover:underline">
                      {e.title}
                    </Link>
                  </h3>
                  <span className={`shrink-0 rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[e.status]}`} data-testid="exam-status">
                    {t(`exams.status.${e.status}` as MessageKey)}
                  </span>
                </div>
                <p className="text-sm text-slate-700">
                  {t("exams.timeLimit", { minutes: e.timeLimitMinutes })} · {t("exams.attemptsUsed", { used: e.used, allowed: e.attemptsAllowed })}
                </p>
                <p className="text-sm text-slate-600">{windowText(e)}</p>
                {e.due ? <DueNote due={e.due} className="text-sm" /> : null}
                <p className="mt-auto pt-1">
                  {e.openAttemptId ? (
                    <Link to={`/attempts/${e.openAttemptId}`} className="btn">
                      {t("exams.continue")}
                    </Link>
                  ) : (
                    <Link to={`/exams/${e.id}`} className={e.status === "available" ? "btn" : "btn-secondary"}>
                      {t("exams.details")}
                    </Link>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="transcript-title" className="card mb-6">
        <h2 id="transcript-title" className="mb-3 text-lg font-semibold">
          {t("exams.transcript.title")}
        </h2>
        <h3 className="mb-2 font-semibold">{t("exams.transcript.attempts")}</h3>
        {transcript.length === 0 ? (
          <p className="mb-4 text-slate-600">{t("exams.transcript.none")}</p>
        ) : (
          <div className="mb-6 overflow-x-auto">
            <table className="data-table" data-testid="transcript">
              <thead>
                <tr>
                  <th scope="col">{t("exams.transcript.exam")}</th>
                  <th scope="col">{t("exams.transcript.date")}</th>
                  <th scope="col">{t("exams.transcript.score")}</th>
                  <th scope="col">{t("exams.transcript.result")}</th>
                </tr>
              </thead>
              <tbody>
                {transcript.map((a) => (
                  <tr key={a.id}>
                    <td>
                      {a.examTitle}
                      <span className="block text-xs text-slate-600">{t("exams.transcript.attemptNo", { n: a.attemptNo })}</span>
                    </td>
                    <td className="whitespace-nowrap">{formatDateTime(a.submittedAt ?? a.startedAt)}</td>
                    <td className="whitespace-nowrap">
                      {a.status === "submitted" && a.scoreMilli !== null ? (
                        <>
                          {formatPoints(a.scoreMilli)} / {formatPoints(a.maxScoreMilli)}
                          {a.percentBp !== null ? <span className="block text-xs text-slate-600">{formatPercent(a.percentBp)}%</span> : null}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>
                      {a.status === "in_progress" ? (
                        <Link to={`/attempts/${a.id}`} className="btn-link">
                          {t("exams.status.inProgress")}
                        </Link>
                      ) : (
                        <>
                          <span className={a.passed ? "font-semibold text-teal-800" : "font-semibold text-red-800"}>
                            {a.passed ? t("exams.passed") : t("exams.failed")}
                          </span>{" "}
                          <Link to={`/attempts/${a.id}/result`} className="btn-link whitespace-nowrap">
                            {t("exams.transcript.view")}
                          </Link>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3 className="mb-2 font-semibold">{t("exams.certs.title")}</h3>
        {certificates.length === 0 ? (
          <p className="text-slate-600">{t("exams.certs.none")}</p>
        ) : (
          <ul className="space-y-2" data-testid="certificates">
            {certificates.map((c) => (
              <li key={c.code} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-slate-200 p-3">
                <span className="font-semibold">{c.name}</span>
                <span className={`rounded px-2 py-0.5 text-xs font-semibold ${CERT_STYLE[c.state]}`}>{t(`exams.certState.${c.state}` as MessageKey)}</span>
                <span className="text-sm text-slate-700">
                  {t("exams.certs.dates", { issued: formatDate(c.issuedAt), expires: formatDate(c.expiresAt) })}
                </span>
                <Link to={`/certificates/${c.code}`} className="btn-link text-sm">
                  {t("exams.certs.view")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
