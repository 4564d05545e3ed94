/**
 * The answer inputs of one practice question and the feedback after it is graded, shared by practice
 * and the wrong-answer book (the server side: ~/practice-question.server).
 */
import { Link } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { AnswerList } from "~/components/answer-list";
import { useT } from "~/components/i18n";
import type { AnswerView } from "~/domain/answer-view";
import { RESPONSE_FIELDS } from "~/domain/grading";
import type { PracticeQuestionView } from "~/practice-question.server";

/** Typography for trainer-typed Markdown (stems, options, explanations) rendered as sanitised HTML. */
export const RICH =
  "[&_p]:my-2 [&_p:first-child]:mt-0 [&_p:last-child]:mb-0 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_a]:text-teal-800 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_strong]:font-semibold [&_blockquote]:border-l-4 [&_blockquote]:border-amber-400 [&_blockquote]:pl-3 [&_table]:my-2 [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2 break-words";


type QuestionView = PracticeQuestionView;

export interface Feedback {
  correct: boolean;
  yourAnswer: AnswerView;
  rightAnswer: AnswerView;
  explanationHtml: string;
  manual: { href: string; title: string } | null;
  nextHref: string;
}

export function AnswerInputs({ question, error }: { question: QuestionView; error: string | null }) {
  const t = useT();
  const described = error ? "question-stem answer-error" : "question-stem";
  const optionClass = "flex items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50 has-[:checked]:border-teal-600 has-[:checked]:bg-teal-50";
  switch (question.type) {
    case "single":
    case "multiple":
      return (
        <fieldset className="mb-4" aria-describedby={described}>
          <legend className="mb-2 text-sm font-semibold">{t(question.type === "single" ? "practice.legend.single" : "practice.legend.multiple")}</legend>
          <div className="space-y-2">
            {question.options.map((o) => (
              <label key={o.id} className={optionClass}>
                <input type={question.type === "single" ? "radio" : "checkbox"} name={RESPONSE_FIELDS.answer} value={o.id} className="mt-1.5 size-4 shrink-0" />
                <span className={RICH} dangerouslySetInnerHTML={{ __html: o.html }} />
              </label>
            ))}
          </div>
        </fieldset>
      );
    case "true_false":
      return (
        <fieldset className="mb-4" aria-describedby={described}>
          <legend className="mb-2 text-sm font-semibold">{t("practice.legend.trueFalse")}</legend>
          <div className="flex flex-wrap gap-3">
            {(["true", "false"] as const).map((v) => (
              <label key={v} className={`${optionClass} min-w-24`}>
                <input type="radio" name={RESPONSE_FIELDS.answer} value={v} className="mt-1 size-4" />
                <span>{t(v === "true" ? "practice.true" : "practice.false")}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
    case "numeric":
      return (
        <div className="field">
          <label htmlFor="answer-number">{t("practice.legend.numeric")}</label>
          <div className="flex items-center gap-2">
            <input
              id="answer-number"
              name={RESPONSE_FIELDS.answer}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              className="input max-w-40"
              aria-describedby={`${described} answer-unit`}
              aria-invalid={error ? true : undefined}
            />
            <span id="answer-unit" className="text-slate-800">
              {question.unit}
            </span>
          </div>
          <p className="text-sm text-slate-600">{t("practice.numericHint")}</p>
        </div>
      );
    case "ordering":
      return <OrderingInput options={question.options} described={described} />;
    case "fill_blank":
      return (
        <fieldset className="mb-4" aria-describedby={described}>
          <legend className="mb-2 text-sm font-semibold">{t("practice.legend.fillBlank")}</legend>
          <div className="space-y-2">
            {Array.from({ length: question.blanks }, (_, i) => (
              <div key={i} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <label htmlFor={`blank-${i + 1}`} className="min-w-16 font-semibold">
                  {t("practice.blankN", { n: i + 1 })}
                </label>
                <input
                  id={`blank-${i + 1}`}
                  name={RESPONSE_FIELDS.answer}
                  type="text"
                  autoComplete="off"
                  maxLength={200}
                  className="input max-w-md"
                  aria-invalid={error ? true : undefined}
                />
              </div>
            ))}
          </div>
        </fieldset>
      );
    case "matching":
      return (
        <fieldset className="mb-4" aria-describedby={described}>
          <legend className="mb-2 text-sm font-semibold">{t("practice.legend.matching")}</legend>
          <div className="space-y-3">
            {question.lefts.map((l, i) => (
              <div key={l.text} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <input type="hidden" name={RESPONSE_FIELDS.left} value={l.text} />
                <label htmlFor={`match-${i}`} className="min-w-28 font-semibold" dangerouslySetInnerHTML={{ __html: l.html }} />
                <select id={`match-${i}`} name={RESPONSE_FIELDS.right} defaultValue="" className="input w-auto min-w-40 max-w-full">
                  <option value="">{t("practice.choose")}</option>
                  {question.rights.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
        </fieldset>
      );
    default:
      return null;
  }
}

/** Steps in a list, reordered with 上移/下移 buttons (keyboard and touch; no dragging). */
function OrderingInput({ options, described }: { options: QuestionView["options"]; described: string }) {
  const t = useT();
  const [order, setOrder] = useState(() => options.map((o) => o.id));
  const [announcement, setAnnouncement] = useState("");
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  const byId = new Map(options.map((o) => [o.id, o]));
  const listRef = useRef<HTMLOListElement>(null);
  const textOf = (id: string) => {
    const div = typeof document !== "undefined" ? document.createElement("div") : null;
    if (!div) return id;
    div.innerHTML = byId.get(id)?.html ?? "";
    return div.textContent ?? "";
  };

  useEffect(() => {
    if (!focusAfter) return;
    const button = listRef.current?.querySelector<HTMLButtonElement>(`[data-move="${focusAfter}"]`);
    if (button && !button.disabled) button.focus();
    else listRef.current?.querySelector<HTMLButtonElement>(`[data-move^="${focusAfter.split(":")[0]}:"]:not(:disabled)`)?.focus();
    setFocusAfter(null);
  }, [focusAfter]);

  function move(index: number, delta: -1 | 1) {
    const to = index + delta;
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    [next[index], next[to]] = [next[to], next[index]];
    setOrder(next);
    setAnnouncement(t("practice.ordering.moved", { step: textOf(next[to]), position: to + 1 }));
    setFocusAfter(`${next[to]}:${delta < 0 ? "up" : "down"}`);
  }

  return (
    <fieldset className="mb-4" aria-describedby={`${described} ordering-help`}>
      <legend className="mb-1 text-sm font-semibold">{t("practice.legend.ordering")}</legend>
      <p id="ordering-help" className="mb-2 text-sm text-slate-600">
        {t("practice.ordering.help")}
      </p>
      <ol ref={listRef} className="space-y-2">
        {order.map((id, i) => (
          <li key={id} className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2">
            <input type="hidden" name={RESPONSE_FIELDS.answer} value={id} />
            <span className="w-6 shrink-0 font-semibold text-teal-800">{i + 1}.</span>
            <span className={`${RICH} grow`} dangerouslySetInnerHTML={{ __html: byId.get(id)?.html ?? "" }} />
            <span className="flex shrink-0 flex-col gap-1 sm:flex-row">
              <button
                type="button"
                className="btn-secondary px-2 py-1 disabled:cursor-not-allowed disabled:opacity-40"
                data-move={`${id}:up`}
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t("practice.ordering.up", { position: i + 1 })}
              >
                ↑<span className="sr-only sm:not-sr-only sm:ml-1">{t("practice.ordering.upShort")}</span>
              </button>
              <button
                type="button"
                className="btn-secondary px-2 py-1 disabled:cursor-not-allowed disabled:opacity-40"
                data-move={`${id}:down`}
                disabled={i === order.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t("practice.ordering.down", { position: i + 1 })}
              >
                ↓<span className="sr-only sm:not-sr-only sm:ml-1">{t("practice.ordering.downShort")}</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}

export function FeedbackPanel({
  feedback,
  refEl,
  nextLabel,
  children,
}: {
  feedback: Feedback;
  refEl: RefObject<HTMLDivElement>;
  /** The next button's text (default 下一题). */
  nextLabel?: string;
  /** Shown under the result (the wrong-answer book's standing). */
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div ref={refEl} tabIndex={-1} aria-labelledby="feedback-result" className="focus:outline-none" data-testid="practice-feedback">
      <p
        id="feedback-result"
        role="status"
        className={`mb-4 rounded-md border p-3 text-lg font-bold ${feedback.correct ? "border-teal-300 bg-teal-50 text-teal-900" : "border-red-300 bg-red-50 text-red-800"}`}
      >
        {feedback.correct ? `✓ ${t("practice.correct")}` : `✗ ${t("practice.wrong")}`}
      </p>
      {children}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h3 className="mb-1 font-semibold">{t("practice.yourAnswer")}</h3>
          <AnswerList answer={feedback.yourAnswer} empty={"—"} trueLabel={t("practice.true")} falseLabel={t("practice.false")} />
        </div>
        <div data-testid="right-answer">
          <h3 className="mb-1 font-semibold">{t("practice.rightAnswer")}</h3>
          <AnswerList answer={feedback.rightAnswer} empty={"—"} trueLabel={t("practice.true")} falseLabel={t("practice.false")} />
        </div>
      </div>
      {feedback.explanationHtml ? (
        <div className="mt-4" data-testid="explanation">
          <h3 className="mb-1 font-semibold">{t("practice.explanation")}</h3>
          <div className={`${RICH} text-slate-800`} dangerouslySetInnerHTML={{ __html: feedback.explanationHtml }} />
        </div>
      ) : null}
      <div className="mt-6 flex flex-wrap items-center gap-3">
        <Link to={feedback.nextHref} className="btn">
          {nextLabel ?? t("practice.next")}
        </Link>
        {feedback.manual ? (
          <Link to={feedback.manual.href} className="btn-link" data-testid="manual-link">
            {t("practice.manualLink")}({feedback.manual.title})
          </Link>
        ) : null}
      </div>
    </div>
  );
}
