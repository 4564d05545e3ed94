/**
 * Untimed practice: one random published question of a module (or of all, "mixed"), graded at once
 * with the explanation and a link back to the manual.
 *
 * The page never carries the answer. It does not carry the question id either — generated ids such as
 * `gen-fact-…-tf-true` would give a true/false answer away — but a sealed reference (id and version,
 * AES-GCM under a key derived from the session secret) that the action opens to grade against exactly
 * the version shown. The last few questions asked travel in `?seen=` so they are not asked again at once.
 */
import { randomBytes } from "node:crypto";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { describeAnswer, gradeResponse, parseResponse, RESPONSE_FIELDS } from "~/domain/grading";
import type { Question } from "~/domain/question";
import { renderSafeMarkdown } from "~/domain/safe-markdown";
import { getT } from "~/i18n.server";
import { isWithheldFromPractice, practiceCandidates, questionForPractice, recordPractice } from "~/practice.server";
import { toStored } from "~/domain/option-ids";
import { display, manualLink, openRef, PARSE_ERRORS, questionView } from "~/practice-question.server";
import { AnswerInputs, FeedbackPanel, RICH } from "~/components/practice-question";
import { answerView } from "~/domain/answer-view";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [pageTitle(matches, data?.scope.title ? { text: data.scope.title } : "practice.mixedTitle")];

const MIXED = "mixed";
/** How many recent questions are not asked again (fewer when the module has fewer questions). */
const SEEN_MAX = 5;

// ---------------------------------------------------------------------------------------------
// Server helpers (removed from the browser bundle with the loader and action).

function scopeOf(param: string | undefined): { module: string | null; title: string } {
  if (param === MIXED) return { module: null, title: "" };
  const m = getContent().modules.find((x) => x.slug === param);
  if (!m) throw new Response("Not found", { status: 404 });
  return { module: m.slug, title: m.title };
}

function parseSeen(value: string | null): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s && s.length <= 200)
    .slice(-SEEN_MAX);
}

/** A random id, avoiding the recent ones while at least one other question is left. */
function pickQuestion(ids: string[], seen: string[]): string | null {
  if (!ids.length) return null;
  for (let skip = seen.length; skip >= 0; skip--) {
    const avoid = new Set(seen.slice(seen.length - skip));
    const pool = ids.filter((id) => !avoid.has(id));
    if (pool.length) return pool[Math.floor(Math.random() * pool.length)];
  }
  return ids[0];
}

function practiceHref(module: string | null, seen: string[]) {
  const base = `/practice/${module ?? MIXED}`;
  return seen.length ? `${base}?${new URLSearchParams({ seen: seen.join(",") })}` : base;
}

// ---------------------------------------------------------------------------------------------

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scope = scopeOf(params.module);
  const seen = parseSeen(new URL(request.url).searchParams.get("seen"));
  // Never a question of the learner's open paper (or its family), nor one reserved for exams.
  const id = pickQuestion(await practiceCandidates(user.id, scope.module ?? undefined), seen);
  const question = id ? await questionForPractice(id) : undefined;
  return { scope, seen, question: question ? questionView(question, randomBytes(9).toString("base64url")) : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const scope = scopeOf(params.module);
  const form = await request.formData();
  const token = String(form.get("ref") ?? "");
  const ref = openRef(token);
  if (!ref) throw data((await getT(request))("practice.error.badRef"), { status: 400 });
  const question = await questionForPractice(ref.id, ref.version);
  if (!question) throw new Response("Not found", { status: 404 });
  // Answering would show the key: refused for a question of an open paper or an exam-only pool.
  if (await isWithheldFromPractice(user.id, question.id)) throw data((await getT(request))("practice.reserved"), { status: 409 });
  const view = questionView(question, ref.salt, token);
  const { order, shown } = display(question, ref.salt);
  const parsedShown = parseResponse(question.type, form);
  const parsed = parsedShown.ok ? { ...parsedShown, response: toStored(question.type, parsedShown.response, order, shown) as typeof parsedShown.response } : parsedShown;
  if (!parsed.ok || !parsed.complete) {
    const error =
      PARSE_ERRORS[parsed.ok ? (question.type === "fill_blank" ? "blanks" : "incomplete") : question.type === "numeric" && parsed.reason === "invalid" ? "invalid" : "missing"];
    return data({ question: view, error, feedback: null }, { status: 400 });
  }
  const grade = gradeResponse(question, parsed.response);
  await recordPractice({ userId: user.id, questionId: question.id, version: question.version, response: parsed.response, correct: grade.correct }, now());
  const seen = parseSeen(String(form.get("seen") ?? ""));
  return {
    question: view,
    error: null,
    feedback: {
      correct: grade.correct,
      yourAnswer: answerView(describeAnswer(question, parsed.response)),
      rightAnswer: answerView(describeAnswer(question, question.answer)),
      explanationHtml: question.explanation ? renderSafeMarkdown(question.explanation) : "",
      manual: manualLink(question),
      nextHref: practiceHref(scope.module, [...seen.filter((s) => s !== question.id), question.id].slice(-SEEN_MAX)),
    },
  };
}

/** After answering, keep the question on screen: the loader would only draw another one. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod.toUpperCase() === "POST" ? false : defaultShouldRevalidate;

// ---------------------------------------------------------------------------------------------

export default function PracticeQuestion() {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const question = actionData?.question ?? loaderData.question;
  const feedback = actionData?.feedback ?? null;
  const error = actionData?.error ?? null;
  const title = loaderData.scope.module ? t("practice.moduleTitle", { title: loaderData.scope.title }) : t("practice.mixedTitle");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const first = useRef(true);

  // Move focus to the feedback when it arrives, and to the new question when "下一题" loads one.
  useEffect(() => {
    if (feedback) feedbackRef.current?.focus();
  }, [feedback]);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!feedback) headingRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [question?.ref]);

  return (
    <>
      <nav className="mb-2 text-sm" aria-label={t("practice.breadcrumb")}>
        <Link to="/practice" className="btn-link">
          ← {t("practice.back")}
        </Link>
      </nav>
      <PageTitle>{title}</PageTitle>
      {!question ? (
        <p className="card">{t("practice.noQuestions")}</p>
      ) : (
        <section className="card" aria-labelledby="question-heading">
          <h2 id="question-heading" ref={headingRef} tabIndex={-1} className="mb-2 text-sm font-semibold text-slate-600 focus:outline-none">
            {t(`practice.type.${question.type}`)}
          </h2>
          <div id="question-stem" className={`${RICH} mb-4 text-lg`} dangerouslySetInnerHTML={{ __html: question.stemHtml }} />
          {feedback ? (
            <FeedbackPanel feedback={feedback} refEl={feedbackRef} />
          ) : (
            <Form method="post" key={question.ref} noValidate>
              <input type="hidden" name="ref" value={question.ref} />
              <input type="hidden" name="seen" value={loaderData.seen.join(",")} />
              <AnswerInputs question={question} error={error} />
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

