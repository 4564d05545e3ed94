/**
 * One exam: what it asks of the learner, and 开始考试. Starting draws this learner's paper and stores
 * the deadline on the server; if an attempt is already open the same button resumes it.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { windowRefusal } from "~/domain/exam";
import { renderSafeMarkdown } from "~/domain/safe-markdown";
import { examErrorText, ExamError, startAttempt } from "~/exams.server";
import { learnerExam } from "~/learner.server";
import { getT } from "~/i18n.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import {RICH } from "~/components/exam/format";
import { formatDateTime } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { DueNote } from "~/components/due";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [pageTitle(matches, data ? { text: data.exam.title } : "nav.exams")];

function examId(param: string | undefined): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id < 1) throw new Response("Not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = examId(params.id);
  const t = now();
  const found = await learnerExam(user.id, id, t);
  if (!found) throw new Response("Not found", { status: 404 });
  const { exam, mine, due } = found;
  const open = mine.find((a) => a.status === "in_progress");
  return {
    exam: {
      id: exam.id,
      title: exam.title,
      descriptionHtml: exam.description ? renderSafeMarkdown(exam.description) : "",
      timeLimitMinutes: exam.timeLimitMinutes,
      passPercent: exam.passPercent,
      questions: exam.blueprint.reduce((s, r) => s + r.count, 0),
      attemptsAllowed: exam.attemptsAllowed,
      opensAt: exam.opensAt,
      closesAt: exam.closesAt,
      reviewMode: exam.reviewMode,
      certificateName: exam.certificateName,
      certificateValidityMonths: exam.certificateValidityMonths,
    },
    used: mine.length,
    due,
    openAttemptId: open?.id ?? null,
    refusal: open ? null : (windowRefusal(exam, t) ?? (mine.length >= exam.attemptsAllowed ? "noAttemptsLeft" : null)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = examId(params.id);
  try {
    const { attemptId } = await startAttempt(user.id, id);
    return redirect(`/attempts/${attemptId}`);
  } catch (error) {
    if (error instanceof ExamError) {
      if (error.status === 404) throw new Response("Not found", { status: 404 });
      return data({ error: { code: error.code, message: examErrorText(await getT(request), error) } }, { status: error.status });
    }
    throw error;
  }
}

/** Refusals we have our own words for (the server's Chinese message otherwise, e.g. a blueprint problem). */
const KNOWN_REFUSALS = new Set(["notOpen", "closed", "noAttemptsLeft", "notInAudience", "notPublished"]);

export default function ExamDetails() {
  const t = useT();
  const { exam, used, due, openAttemptId, refusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const starting = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const error = actionData?.error ?? null;
  const errorText = error ? (KNOWN_REFUSALS.has(error.code) ? t(`exams.error.${error.code}` as MessageKey) : error.message) : null;
  const window =
    exam.opensAt && exam.closesAt
      ? t("exams.window.range", { from: formatDateTime(exam.opensAt), to: formatDateTime(exam.closesAt) })
      : exam.opensAt
        ? t("exams.window.opens", { at: formatDateTime(exam.opensAt) })
        : exam.closesAt
          ? t("exams.window.closes", { at: formatDateTime(exam.closesAt) })
          : t("exams.window.always");

  return (
    <>
      <nav className="mb-2 text-sm" aria-label={t("exams.breadcrumb")}>
        <Link to="/exams" className="btn-link">
          ← {t("exams.back")}
        </Link>
      </nav>
      <PageTitle>{exam.title}</PageTitle>
      <section className="card" aria-labelledby="exam-facts-title">
        {exam.descriptionHtml ? <div className={`${RICH} mb-4`} dangerouslySetInnerHTML={{ __html: exam.descriptionHtml }} /> : null}
        <h2 id="exam-facts-title" className="sr-only">
          {t("exams.detail.facts")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold text-slate-700">{t("exams.detail.timeLimit")}</dt>
          <dd>{t("exams.detail.minutes", { minutes: exam.timeLimitMinutes })}</dd>
          <dt className="font-semibold text-slate-700">{t("exams.detail.questions")}</dt>
          <dd>{t("exams.detail.questionCount", { n: exam.questions })}</dd>
          <dt className="font-semibold text-slate-700">{t("exams.detail.passMark")}</dt>
          <dd>{t("exams.detail.percent", { percent: exam.passPercent })}</dd>
          <dt className="font-semibold text-slate-700">{t("exams.detail.attempts")}</dt>
          <dd data-testid="attempts-used">{t("exams.attemptsUsed", { used, allowed: exam.attemptsAllowed })}</dd>
          <dt className="font-semibold text-slate-700">{t("exams.detail.window")}</dt>
          <dd>{window}</dd>
          {due ? (
            <>
              <dt className="font-semibold text-slate-700">{t("assignments.col.due")}</dt>
              <dd>
                <DueNote due={due} labelled={false} />
              </dd>
            </>
          ) : null}
          <dt className="font-semibold text-slate-700">{t("exams.detail.review")}</dt>
          <dd>{t(`exams.review.${exam.reviewMode}` as MessageKey)}</dd>
          {exam.certificateName && exam.certificateValidityMonths ? (
            <>
              <dt className="font-semibold text-slate-700">{t("exams.detail.certificate")}</dt>
              <dd>{t("exams.detail.certificateValue", { name: exam.certificateName, months: exam.certificateValidityMonths })}</dd>
            </>
          ) : null}
        </dl>
        <p className="mt-4 rounded-md bg-slate-50 p-3 text-sm text-slate-700">{t("exams.detail.rules")}</p>
        {errorText ? (
          <p role="alert" className="alert-error mt-4" data-testid="start-error">
            {errorText}
          </p>
        ) : null}
        {!error && refusal && !openAttemptId ? (
          <p className="alert-error mt-4" data-testid="start-refusal">
            {t(`exams.error.${refusal}` as MessageKey)}
          </p>
        ) : null}
        <Form method="post" className="mt-4">
          <button type="submit" className="btn" disabled={starting || (!openAttemptId && Boolean(refusal))}>
            {starting ? t("exams.starting") : openAttemptId ? t("exams.continue") : t("exams.start")}
          </button>
        </Form>
      </section>
    </>
  );
}
