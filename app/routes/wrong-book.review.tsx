/**
 * Re-practice in the wrong-answer book: the most overdue question of the book, shown like practice (a
 * sealed reference instead of the id, options in the one shuffle order with opaque ids, never the key),
 * graded with the one grader; then the right answer, the explanation, the link to the manual section and
 * where the question stands in the book (right n of 2 in a row, or cleared). Questions of a family on the
 * learner's open paper, or reserved for exams, are not served (the service filters them).
 */
import { randomBytes } from "node:crypto";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { answerView } from "~/domain/answer-view";
import { describeAnswer, gradeResponse } from "~/domain/grading";
import { renderSafeMarkdown } from "~/domain/safe-markdown";
import { formatDateTime } from "~/domain/time";
import { getT } from "~/i18n.server";
import { manualLink, openRef, questionView, readAnswer } from "~/practice-question.server";
import { answerInBook, bookQuestion, EXIT_STREAK, nextBookQuestion, wrongBookDueCount } from "~/wrong-book.server";
import { AnswerInputs, FeedbackPanel, RICH } from "~/components/practice-question";
import { useT } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import type { MessageKey } from "~/i18n";

export const meta: MetaFunction = () => [{ title: "错题复习 · 客服学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const at = now();
  const question = await nextBookQuestion(user.id, at);
  return {
    remaining: await wrongBookDueCount(user.id, at),
    exitStreak: EXIT_STREAK,
    question: question ? questionView(question, randomBytes(9).toString("base64url")) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const token = String(form.get("ref") ?? "");
  const ref = openRef(token);
  if (!ref) throw data((await getT(request))("practice.error.badRef"), { status: 400 });
  const question = await bookQuestion(ref.id, ref.version);
  if (!question) throw new Response("Not found", { status: 404 });
  const view = questionView(question, ref.salt, token);
  const answer = readAnswer(question, ref.salt, form);
  if (!answer.ok) return data({ question: view, error: answer.error, feedback: null, standing: null }, { status: 400 });
  const grade = gradeResponse(question, answer.response);
  const at = now();
  const result = await answerInBook(user.id, question.id, grade.correct, at);
  // Answering would show the key of an open paper or an exam-only pool: refused, nothing recorded.
  if (result.outcome === "withheld") throw data((await getT(request))("practice.reserved"), { status: 409 });
  const standing = {
    outcome: result.outcome,
    rightStreak: result.rightStreak,
    due: result.due === null ? null : formatDateTime(result.due),
  };
  return {
    question: view,
    error: null,
    standing,
    feedback: {
      correct: grade.correct,
      yourAnswer: answerView(describeAnswer(question, answer.response)),
      rightAnswer: answerView(describeAnswer(question, question.answer)),
      explanationHtml: question.explanation ? renderSafeMarkdown(question.explanation) : "",
      manual: manualLink(question),
      nextHref: "/wrong-book/review",
    },
  };
}

/** After answering, keep the question on screen: the loader would only draw the next one. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod.toUpperCase() === "POST" ? false : defaultShouldRevalidate;

export default function WrongBookReview() {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const question = actionData?.question ?? loaderData.question;
  const feedback = actionData?.feedback ?? null;
  const standing = actionData?.standing ?? null;
  const error = actionData?.error ?? null;
  const feedbackRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback) feedbackRef.current?.focus();
  }, [feedback]);

  return (
    <>
      <nav className="mb-2 text-sm" aria-label={t("practice.breadcrumb")}>
        <Link to="/wrong-book" className="btn-link">
          ← {t("wrongbook.review.back")}
        </Link>
      </nav>
      <PageTitle>{t("wrongbook.review.title")}</PageTitle>
      <p className="mb-4 text-slate-700">{t("wrongbook.exitRule", { n: loaderData.exitStreak })}</p>
      {!question ? (
        <p className="card" data-testid="book-review-done">
          {t("wrongbook.review.done")}
        </p>
      ) : (
        <section className="card" aria-labelledby="question-heading">
          <p className="mb-2 text-sm text-slate-600" data-testid="book-remaining">
            {t("wrongbook.review.remaining", { n: loaderData.remaining })}
          </p>
          <h2 id="question-heading" tabIndex={-1} className="mb-2 text-sm font-semibold text-slate-600 focus:outline-none">
            {t(`practice.type.${question.type}` as MessageKey)}
          </h2>
          <div id="question-stem" className={`${RICH} mb-4 text-lg`} dangerouslySetInnerHTML={{ __html: question.stemHtml }} />
          {feedback ? (
            <FeedbackPanel feedback={feedback} refEl={feedbackRef} nextLabel={t("wrongbook.review.next")}>
              {standing ? (
                <p className="mb-4 rounded-md border border-slate-200 bg-white p-3" data-testid="book-standing">
                  {standing.outcome === "cleared"
                    ? t("wrongbook.review.cleared", { n: loaderData.exitStreak })
                    : standing.outcome === "notDue"
                      ? t("wrongbook.review.notDue")
                      : standing.outcome === "notInBook"
                        ? t("wrongbook.review.notInBook")
                        : feedback.correct
                          ? t("wrongbook.review.streak", { streak: standing.rightStreak, n: loaderData.exitStreak, due: standing.due ?? "" })
                          : t("wrongbook.review.reset", { due: standing.due ?? "" })}
                </p>
              ) : null}
            </FeedbackPanel>
          ) : (
            <Form method="post" key={question.ref} noValidate>
              <input type="hidden" name="ref" value={question.ref} />
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
