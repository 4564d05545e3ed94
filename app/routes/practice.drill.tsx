/**
 * The numbers drill: one SLA figure at a time, chosen by spaced repetition (app/domain/drill.ts). The
 * question is the fact's generated numeric question (else its single choice), published version.
 *
 * The page carries the server time it was shown (`shownAt`); the action rates the answer by correctness
 * and the time taken. A tampered `shownAt` can only change the learner's own schedule, so it is not
 * signed; an implausible one (in the future, or hours old) counts as "time unknown" and rates Good.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, type RefObject } from "react";
import { createRng } from "~/domain/prng";
import { shownOrder } from "~/domain/shuffle";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { drillCardOf, drillState, hasLocalPolicy, isWithheldFromPractice, questionForPractice, recordDrillReview } from "~/practice.server";
import {
  deserializeCard,
  factOfDrillQuestion,
  newCard,
  nextDrillFact,
  nextDueAt,
  ratingFor,
  review,
  serializeCard,
} from "~/domain/drill";
import { describeAnswer, gradeResponse, parseResponse, RESPONSE_FIELDS, type AnswerDescription } from "~/domain/grading";
import type { Question } from "~/domain/question";
import { renderSafeInline, renderSafeMarkdown } from "~/domain/safe-markdown";
import { formatDateTime } from "~/domain/time";
import { getT } from "~/i18n.server";
import type { MessageKey } from "~/i18n";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "practice.drill.title")];

/** Older than this, `shownAt` is not believed (the learner left the page open). */
const MAX_ELAPSED_MS = 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Server helpers (removed from the browser bundle with the loader and action).

function formatWhen(ms: number, at: number): { date: string; minutes: number } {
  return { date: formatDateTime(ms), minutes: Math.max(0, Math.round((ms - at) / 60000)) };
}

function questionView(q: Question, shownAt: number) {
  return {
    questionId: q.id,
    version: q.version,
    shownAt,
    type: q.type,
    stemHtml: renderSafeMarkdown(q.stem),
    options:
      q.type === "single"
        ? shownOrder({ id: q.id, type: q.type, optionIds: q.options.map((o) => o.id) }, createRng(`${q.id}|${shownAt}`)).map((id) => ({
            id,
            html: renderSafeInline(q.options.find((o) => o.id === id)?.text ?? ""),
          }))
        : [],
    unit: q.type === "numeric" && q.answer && typeof q.answer === "object" && "unit" in q.answer ? q.answer.unit : null,
  };
}

/** Drill questions are numeric or single choice: their answers are option texts or plain text. */
function answerView(d: AnswerDescription) {
  return {
    parts: d.parts.flatMap((p): { html: string | null; text: string }[] =>
      p.kind === "markdown" ? [{ html: renderSafeInline(p.markdown), text: "" }] : p.kind === "text" ? [{ html: null, text: p.text }] : [],
    ),
  };
}

function manualLink(q: Question): { href: string; title: string } | null {
  const m = q.module ? getContent().modules.find((x) => x.slug === q.module) : undefined;
  if (!m) return null;
  const section = q.section && m.toc.some((e) => e.id === q.section) ? `#${q.section}` : "";
  return { href: `/modules/${m.slug}${section}`, title: m.title };
}

// ---------------------------------------------------------------------------------------------

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const at = now();
  const state = await drillState(user.id, at);
  const next = nextDrillFact(state.cards, state.factIds, at);
  const item = next ? state.items.find((i) => i.factId === next.factId) : undefined;
  const question = item ? await questionForPractice(item.questionId) : undefined;
  const upcoming = nextDueAt(state.cards, state.factIds);
  return {
    remaining: state.due,
    drillable: state.items.length,
    isNew: next?.isNew ?? false,
    question: question ? questionView(question, at) : null,
    nextDue: upcoming !== null && !question ? formatWhen(upcoming, at) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const questionId = String(form.get("questionId") ?? "");
  const version = Number(form.get("version"));
  const factId = factOfDrillQuestion(questionId);
  if (!factId || !Number.isInteger(version) || version < 1) throw data((await getT(request))("practice.error.notDrill"), { status: 400 });
  const fact = getContent().factsById.get(factId);
  const drillable = fact && (fact.status !== "lost" || (await hasLocalPolicy(fact.id)));
  const question = drillable ? await questionForPractice(questionId, version) : undefined;
  if (!question) throw new Response("Not found", { status: 404 });
  if (await isWithheldFromPractice(user.id, question.id)) throw data((await getT(request))("practice.reserved"), { status: 409 });
  const at = now();
  const shownAt = Number(form.get("shownAt"));
  const view = questionView(question, Number.isFinite(shownAt) ? shownAt : at);
  const parsed = parseResponse(question.type, form);
  if (!parsed.ok) {
    const error: MessageKey = question.type === "numeric" && parsed.reason === "invalid" ? "practice.error.invalid" : "practice.error.missing";
    return data({ question: view, error, feedback: null }, { status: 400 });
  }

  const grade = gradeResponse(question, parsed.response);
  const elapsed = Number.isFinite(shownAt) && shownAt <= at && at - shownAt <= MAX_ELAPSED_MS ? at - shownAt : null;
  const stored = await drillCardOf(user.id, factId);
  const card = (stored && deserializeCard(stored.card)) ?? newCard(at);
  // The same page submitted twice (back button, double click): the first answer already counted.
  const repeat = elapsed !== null && card.last_review !== null && card.last_review >= shownAt;
  let due = card.due;
  if (!repeat) {
    const rating = ratingFor(grade.correct, elapsed);
    const next = review(card, rating, at);
    due = next.due;
    await recordDrillReview(
      { userId: user.id, questionId: question.id, version: question.version, response: parsed.response, correct: grade.correct },
      factId,
      { due: next.due, card: serializeCard(next) },
      at,
    );
  }
  const state = await drillState(user.id, at);
  return {
    question: view,
    error: null,
    feedback: {
      correct: grade.correct,
      repeat,
      yourAnswer: answerView(describeAnswer(question, parsed.response)),
      rightAnswer: answerView(describeAnswer(question, question.answer)),
      explanationHtml: question.explanation ? renderSafeMarkdown(question.explanation) : "",
      manual: manualLink(question),
      nextDue: formatWhen(due, at),
      remaining: state.due,
    },
  };
}

/** Keep the answered question on screen; "下一题" loads the next one. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod.toUpperCase() === "POST" ? false : defaultShouldRevalidate;

// ---------------------------------------------------------------------------------------------

const RICH =
  "[&_p]:my-2 [&_p:first-child]:mt-0 [&_p:last-child]:mb-0 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_a]:text-teal-800 [&_a]:underline [&_strong]:font-semibold break-words";

type Feedback = NonNullable<NonNullable<ReturnType<typeof useActionData<typeof action>>>["feedback"]>;

function when(t: ReturnType<typeof useT>, w: { date: string; minutes: number }) {
  const rel =
    w.minutes < 1
      ? t("practice.drill.inMoment")
      : w.minutes < 60
        ? t("practice.drill.inMinutes", { n: w.minutes })
        : w.minutes < 48 * 60
          ? t("practice.drill.inHours", { n: Math.round(w.minutes / 60) })
          : t("practice.drill.inDays", { n: Math.round(w.minutes / 1440) });
  return `${w.date}(${rel})`;
}

export default function Drill() {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const question = actionData?.question ?? loaderData.question;
  const feedback = actionData?.feedback ?? null;
  const error = actionData?.error ?? null;
  const remaining = feedback ? feedback.remaining : loaderData.remaining;
  const feedbackRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback) feedbackRef.current?.focus();
  }, [feedback]);
  const described = error ? "drill-stem answer-error" : "drill-stem";

  return (
    <>
      <nav className="mb-2 text-sm" aria-label={t("practice.breadcrumb")}>
        <Link to="/practice" className="btn-link">
          ← {t("practice.back")}
        </Link>
      </nav>
      <PageTitle>{t("practice.drill.title")}</PageTitle>
      <p className="mb-2 text-slate-700">{t("practice.drill.intro")}</p>
      <p className="mb-4 font-semibold" data-testid="drill-remaining" aria-live="polite">
        {t("practice.drill.remaining", { n: remaining })}
      </p>
      {!question ? (
        <section className="card" data-testid="drill-done">
          <p className="mb-3">
            {loaderData.drillable === 0
              ? t("practice.drill.none")
              : loaderData.nextDue
                ? t("practice.drill.doneUntil", { when: when(t, loaderData.nextDue) })
                : t("practice.drill.done")}
          </p>
          <Link to="/practice" className="btn-secondary">
            {t("practice.drill.toPractice")}
          </Link>
        </section>
      ) : (
        <section className="card" aria-labelledby="drill-heading">
          <h2 id="drill-heading" className="mb-2 text-sm font-semibold text-slate-600">
            {t(!feedback && loaderData.isNew ? "practice.drill.newFact" : "practice.drill.reviewFact")}
          </h2>
          <div id="drill-stem" className={`${RICH} mb-4 text-lg`} dangerouslySetInnerHTML={{ __html: question.stemHtml }} />
          {feedback ? (
            <DrillFeedback feedback={feedback} refEl={feedbackRef} />
          ) : (
            <Form method="post" key={`${question.questionId}@${question.shownAt}`} noValidate>
              <input type="hidden" name="questionId" value={question.questionId} />
              <input type="hidden" name="version" value={question.version} />
              <input type="hidden" name="shownAt" value={question.shownAt} />
              {question.type === "numeric" ? (
                <div className="field">
                  <label htmlFor="drill-answer">{t("practice.legend.numeric")}</label>
                  <div className="flex items-center gap-2">
                    <input
                      id="drill-answer"
                      name={RESPONSE_FIELDS.answer}
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      className="input max-w-40"
                      aria-describedby={`${described} drill-unit`}
                      aria-invalid={error ? true : undefined}
                    />
                    <span id="drill-unit">{question.unit}</span>
                  </div>
                  <p className="text-sm text-slate-600">{t("practice.numericHint")}</p>
                </div>
              ) : (
                <fieldset className="mb-4" aria-describedby={described}>
                  <legend className="mb-2 text-sm font-semibold">{t("practice.legend.single")}</legend>
                  <div className="space-y-2">
                    {question.options.map((o) => (
                      <label
                        key={o.id}
                        className="flex items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50 has-[:checked]:border-teal-600 has-[:checked]:bg-teal-50"
                      >
                        <input type="radio" name={RESPONSE_FIELDS.answer} value={o.id} className="mt-1.5 size-4 shrink-0" />
                        <span className={RICH} dangerouslySetInnerHTML={{ __html: o.html }} />
                      </label>
                    ))}
                  </div>
                </fieldset>
              )}
              {error ? (
                <p id="answer-error" role="alert" className="field-error mb-3">
                  {t(error)}
                </p>
              ) : null}
              <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
                {t("practice.submit")}
              </button>
            </Form>
          )}
        </section>
      )}
    </>
  );
}

function DrillFeedback({ feedback, refEl }: { feedback: Feedback; refEl: RefObject<HTMLDivElement> }) {
  const t = useT();
  const list = (a: Feedback["yourAnswer"]) =>
    a.parts.length ? (
      <ul className="space-y-1">
        {a.parts.map((p, i) => (
          <li key={i} className={RICH}>
            {p.html !== null ? <span dangerouslySetInnerHTML={{ __html: p.html }} /> : p.text}
          </li>
        ))}
      </ul>
    ) : (
      <p>—</p>
    );
  return (
    <div ref={refEl} tabIndex={-1} aria-labelledby="drill-result" className="focus:outline-none" data-testid="practice-feedback">
      <p
        id="drill-result"
        role="status"
        className={`mb-4 rounded-md border p-3 text-lg font-bold ${feedback.correct ? "border-teal-300 bg-teal-50 text-teal-900" : "border-red-300 bg-red-50 text-red-800"}`}
      >
        {feedback.correct ? `✓ ${t("practice.correct")}` : `✗ ${t("practice.wrong")}`}
      </p>
      {feedback.repeat ? <p className="mb-3 text-slate-600">{t("practice.drill.repeat")}</p> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h3 className="mb-1 font-semibold">{t("practice.yourAnswer")}</h3>
          {list(feedback.yourAnswer)}
        </div>
        <div data-testid="right-answer">
          <h3 className="mb-1 font-semibold">{t("practice.rightAnswer")}</h3>
          {list(feedback.rightAnswer)}
        </div>
      </div>
      {feedback.explanationHtml ? (
        <div className="mt-4" data-testid="explanation">
          <h3 className="mb-1 font-semibold">{t("practice.explanation")}</h3>
          <div className={`${RICH} text-slate-800`} dangerouslySetInnerHTML={{ __html: feedback.explanationHtml }} />
        </div>
      ) : null}
      <p className="mt-4" data-testid="drill-next-due">
        {t("practice.drill.nextReview", { when: when(t, feedback.nextDue) })}
      </p>
      <div className="mt-6 flex flex-wrap items-center gap-3">
        {feedback.remaining > 0 ? (
          <Link to="/practice/drill" className="btn">
            {t("practice.next")}
          </Link>
        ) : (
          <Link to="/dashboard" className="btn">
            {t("practice.drill.finished")}
          </Link>
        )}
        {feedback.manual ? (
          <Link to={feedback.manual.href} className="btn-link" data-testid="manual-link">
            {t("practice.manualLink")}({feedback.manual.title})
          </Link>
        ) : null}
      </div>
    </div>
  );
}
