/**
 * Untimed practice: one random published question of a module (or of all, "mixed"), graded at once
 * with the explanation and a link back to the manual.
 *
 * The page never carries the answer. It does not carry the question id either — generated ids such as
 * `gen-fact-…-tf-true` would give a true/false answer away — but a sealed reference (id and version,
 * AES-GCM under a key derived from the session secret) that the action opens to grade against exactly
 * the version shown. The last few questions asked travel in `?seen=` so they are not asked again at once.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, useState, type RefObject } from "react";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { describeAnswer, gradeResponse, parseResponse, RESPONSE_FIELDS } from "~/domain/grading";
import type { Question } from "~/domain/question";
import { countBlanks, displayStem } from "~/domain/question";
import { markdownToText, renderSafeInline, renderSafeMarkdown } from "~/domain/safe-markdown";
import { getT } from "~/i18n.server";
import { isWithheldFromPractice, practiceCandidates, questionForPractice, recordPractice } from "~/practice.server";
import { opaqueIds, toStored } from "~/domain/option-ids";
import { createRng } from "~/domain/prng";
import { shownOrder, shownRights } from "~/domain/shuffle";
import { getSessionSecrets } from "~/session-secret.server";
import { AnswerList } from "~/components/answer-list";
import { answerView } from "~/domain/answer-view";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import type { MessageKey } from "~/i18n";

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

function refKeys(): Buffer[] {
  return getSessionSecrets().map((s) => createHash("sha256").update(`kefu-practice-ref\u0000${s}`).digest());
}

/** A sealed reference also carries a random salt: the option order and the opaque option ids shown. */
function sealRef(id: string, version: number, salt = randomBytes(9).toString("base64url")): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", refKeys()[0], iv);
  const body = Buffer.concat([cipher.update(JSON.stringify([id, version, salt]), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

function openRef(token: string): { id: string; version: number; salt: string } | null {
  if (!token || token.length > 2000) return null;
  const raw = Buffer.from(token, "base64url");
  if (raw.length < 29) return null;
  for (const key of refKeys()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const value: unknown = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8"));
      if (Array.isArray(value) && typeof value[0] === "string" && Number.isInteger(value[1]))
        return { id: value[0], version: value[1], salt: typeof value[2] === "string" ? value[2] : "" };
    } catch {
      // not sealed with this key: try the next (rotated) secret
    }
  }
  return null;
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

/**
 * The display of a question under a salt: option order by the one shuffle rule (never the key order),
 * and opaque option ids (never the stored ones), both derived from the salt so the action can map the
 * answer back.
 */
function display(q: Question, salt: string) {
  const order = shownOrder({ id: q.id, type: q.type, optionIds: q.options.map((o) => o.id), answer: q.answer }, createRng(`${salt}|order`));
  return { order, shown: opaqueIds(salt, "practice", order.length) };
}

/** What the page shows of a question: rendered safely, without its answer. `ref` keeps the reference
 *  the learner already holds (so a form sent back with an error keeps what was typed). */
function questionView(q: Question, salt: string, ref = sealRef(q.id, q.version, salt)) {
  const { order, shown } = display(q, salt);
  const text = new Map(q.options.map((o) => [o.id, o.text]));
  const options = order.map((id, k) => ({ id: shown[k], html: renderSafeInline(text.get(id) ?? "") }));
  const pairs = q.type === "matching" && Array.isArray(q.answer) ? (q.answer as [string, string][]) : [];
  return {
    ref,
    type: q.type,
    stemHtml: renderSafeMarkdown(displayStem(q)),
    options,
    unit: q.type === "numeric" && q.answer && typeof q.answer === "object" && "unit" in q.answer ? q.answer.unit : null,
    lefts: pairs.map(([left]) => ({ text: left, html: renderSafeInline(left) })),
    rights: q.type === "matching" ? shownRights(q, createRng(`${salt}|rights`)).map((r) => ({ value: r, label: markdownToText(r) })) : [],
    blanks: q.type === "fill_blank" ? countBlanks(q.stem) : 0,
  };
}

function manualLink(q: Question): { href: string; title: string } | null {
  const m = q.module ? getContent().modules.find((x) => x.slug === q.module) : undefined;
  if (!m) return null;
  const section = q.section && m.toc.some((e) => e.id === q.section) ? `#${q.section}` : "";
  return { href: `/modules/${m.slug}${section}`, title: m.title };
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

const PARSE_ERRORS: Record<"missing" | "invalid" | "incomplete" | "blanks", MessageKey> = {
  missing: "practice.error.missing",
  invalid: "practice.error.invalid",
  incomplete: "practice.error.incomplete",
  blanks: "practice.error.blanks",
};

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

/** Typography for trainer-typed Markdown (stems, options, explanations) rendered as sanitised HTML. */
const RICH =
  "[&_p]:my-2 [&_p:first-child]:mt-0 [&_p:last-child]:mb-0 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_a]:text-teal-800 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_strong]:font-semibold [&_blockquote]:border-l-4 [&_blockquote]:border-amber-400 [&_blockquote]:pl-3 [&_table]:my-2 [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2 break-words";

type QuestionView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["question"]>;
type Feedback = NonNullable<NonNullable<ReturnType<typeof useActionData<typeof action>>>["feedback"]>;

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

function AnswerInputs({ question, error }: { question: QuestionView; error: string | null }) {
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

function FeedbackPanel({ feedback, refEl }: { feedback: Feedback; refEl: RefObject<HTMLDivElement> }) {
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
          {t("practice.next")}
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
