/**
 * The question authoring form (new and edit pages) with its live preview, and the read-only view of a
 * question. Presentational: the routes load the data, parse and validate. Every HTML string shown here
 * was sanitised on the server (renderSafeMarkdown / renderSafeInline); everything else is text.
 */
import { ContentText } from "~/components/content-text";
import { Form, useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
// Type-only imports: the domain modules carry zod, marked and sanitize-html, which the browser does not need.
import type { FieldErrors, FormChoices, QuestionDisplay, QuestionFormValues } from "~/domain/question-form";
import type { Message } from "~/domain/message";
import type { QuestionSource, QuestionStatus, QuestionType } from "~/domain/question";
import { useT } from "./i18n";

/** The lists of ~/domain/question, for the browser (a Record, so a new member is a type error here). */
const TYPE_SET: Record<QuestionType, true> = { single: true, multiple: true, true_false: true, numeric: true, ordering: true, matching: true, fill_blank: true };
const STATUS_SET: Record<QuestionStatus, true> = { draft: true, published: true, retired: true };
const SOURCE_SET: Record<QuestionSource, true> = { generated: true, authored: true, imported: true };
export const TYPE_LIST = Object.keys(TYPE_SET) as QuestionType[];
export const STATUS_LIST = Object.keys(STATUS_SET) as QuestionStatus[];
export const SOURCE_LIST = Object.keys(SOURCE_SET) as QuestionSource[];
/** Same as OPTION_ROWS in ~/domain/question-form. */
const OPTION_ROWS = 8;

export const PREVIEW_ACTION = "/trainer/questions/preview";
const LETTERS = "ABCDEFGHIJKL";
const fieldId = (name: string) => `q-${name.replace(/\./g, "-")}`;

export function useQuestionLabels() {
  const t = useT();
  return {
    type: (type: string) => (TYPE_LIST.includes(type as QuestionType) ? t(`qb.type.${type as QuestionType}`) : type),
    status: (s: string) => t(`qb.status.${s as QuestionStatus}`),
    source: (s: string) => t(`qb.source.${s as QuestionSource}`),
  };
}

const STATUS_STYLE: Record<string, string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-teal-100 text-teal-900",
  retired: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status }: { status: string }) {
  const labels = useQuestionLabels();
  return <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLE[status] ?? ""}`}>{labels.status(status)}</span>;
}

export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  const t = useT();
  const message = errors[name];
  return message ? (
    <p id={`${fieldId(name)}-error`} className="field-error">
      {t(message)}
    </p>
  ) : null;
}

/** aria-invalid and aria-describedby (the hint, then the error) for a field. */
function described(errors: FieldErrors, names: string[], hint?: string) {
  const ids = [...(hint ? [hint] : []), ...names.filter((n) => errors[n]).map((n) => `${fieldId(n)}-error`)];
  return {
    ...(names.some((n) => errors[n]) ? { "aria-invalid": true as const } : {}),
    ...(ids.length ? { "aria-describedby": ids.join(" ") } : {}),
  };
}
const invalid = (errors: FieldErrors, ...names: string[]) => described(errors, names);

/** The list of problems at the top of a form, each linking to its field; focused when it appears. */
export function ErrorSummary({ items }: { items: { key: string; label: string; target: string; message: Message }[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => `${i.key}:${t(i.message)}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (!items.length) return null;
  return (
    <div ref={ref} tabIndex={-1} className="alert-error" role="alert" aria-labelledby="q-error-summary-title" data-testid="error-summary">
      <p id="q-error-summary-title" className="font-semibold">
        {t("qb.form.fixErrors", { n: items.length })}
      </p>
      <ul className="mt-2 list-disc pl-6">
        {items.map((i) => (
          <li key={i.key}>
            <a href={`#${i.target}`} className="underline">
              {i.label}
            </a>
            {t("form.colon")}
            {t(i.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface QuestionFormProps {
  values: QuestionFormValues;
  errors: FieldErrors;
  choices: FormChoices;
  /** Preview of `values` rendered by the loader (the live preview replaces it as the trainer types). */
  initialPreview: QuestionDisplay | null;
  busy: boolean;
  /** Submit buttons: [intent, label, primary?] */
  submits: [string, string, boolean?][];
  /** Extra hidden fields (the version being edited). */
  hidden?: Record<string, string>;
}

export function QuestionForm({ values, errors, choices, initialPreview, busy, submits, hidden = {} }: QuestionFormProps) {
  const t = useT();
  const labels = useQuestionLabels();
  const [type, setType] = useState(values.type || "single");
  const [module, setModule] = useState(values.module);
  // No key: each mounted form has its own preview, dropped when the form goes (another question, a new version).
  const fetcher = useFetcher<QuestionDisplay>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const schedulePreview = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (formRef.current) fetcher.submit(formRef.current, { method: "post", action: PREVIEW_ACTION });
    }, 350);
  }, [fetcher]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const sections = choices.modules.find((m) => m.slug === module)?.sections ?? [];
  const moduleFacts = choices.facts.filter((f) => f.module === module && !f.lost);
  const rows = Math.max(OPTION_ROWS, values.options.length);
  const preview = fetcher.data ?? initialPreview;
  const labelOf = (field: string): string => {
    const m = /^options\.(\d+)\.text$/.exec(field);
    if (m) return t("qb.form.optionN", { letter: LETTERS[Number(m[1])] ?? m[1] });
    const known: Record<string, string> = {
      type: t("qb.form.type"),
      stem: t("qb.form.stem"),
      options: t("qb.form.options"),
      answer: t("qb.form.answer"),
      value: t("qb.form.value"),
      tolerance: t("qb.form.tolerance"),
      unit: t("qb.form.unit"),
      steps: t("qb.form.steps"),
      pairs: t("qb.form.pairs"),
      blanks: t("qb.form.blanks"),
      explanation: t("qb.form.explanation"),
      module: t("qb.form.module"),
      section: t("qb.form.section"),
      tags: t("qb.form.tags"),
      facts: t("qb.form.facts"),
    };
    return known[field] ?? t("qb.form.other");
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Form
        method="post"
        noValidate
        ref={formRef}
        className="card min-w-0"
        onChange={schedulePreview}
        onInput={schedulePreview}
        aria-label={t("qb.form.label")}
      >
        <ErrorSummary
          items={Object.entries(errors).map(([field, message]) => ({
            key: field,
            label: labelOf(field),
            target: field === "answer" && type === "true_false" ? "q-tf-true" : field === "answer" || field === "options" ? fieldId("options.0.text") : fieldId(field),
            message,
          }))}
        />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}

        <div className="field">
          <label htmlFor="q-type">{t("qb.form.type")}</label>
          <select id="q-type" name="type" className="input" defaultValue={type} onChange={(e) => setType(e.target.value)} {...invalid(errors, "type")}>
            {TYPE_LIST.map((ty) => (
              <option key={ty} value={ty}>
                {labels.type(ty)}
              </option>
            ))}
          </select>
          <FieldError name="type" errors={errors} />
        </div>

        <div className="field">
          <label htmlFor="q-stem">{t("qb.form.stem")}</label>
          <textarea id="q-stem" name="stem" rows={4} className="input font-mono text-sm" defaultValue={values.stem} {...described(errors, ["stem"], "q-stem-hint")} />
          <p id="q-stem-hint" className="text-xs text-slate-600">
            {t("qb.form.markdownHint")}
          </p>
          <FieldError name="stem" errors={errors} />
        </div>

        <fieldset className="mb-4" hidden={type !== "single" && type !== "multiple"} aria-describedby="q-options-hint">
          <legend className="mb-1 text-sm font-semibold text-slate-800">{t("qb.form.options")}</legend>
          <p id="q-options-hint" className="mb-2 text-xs text-slate-600">
            {type === "single" ? t("qb.form.optionsHintSingle") : t("qb.form.optionsHintMultiple")}
          </p>
          {Array.from({ length: rows }, (_, i) => {
            const name = `options.${i}.text`;
            const letter = LETTERS[i] ?? String(i + 1);
            return (
              <div key={i} className="mb-2">
                <div className="flex items-center gap-2">
                  <label htmlFor={fieldId(name)} className="w-14 shrink-0 text-sm font-semibold text-slate-800">
                    {t("qb.form.optionN", { letter })}
                  </label>
                  <input id={fieldId(name)} name={name} className="input min-w-0" defaultValue={values.options[i] ?? ""} {...invalid(errors, name)} />
                  <label className="flex shrink-0 items-center gap-1 text-sm">
                    <input
                      type={type === "single" ? "radio" : "checkbox"}
                      name="correct"
                      value={String(i)}
                      defaultChecked={values.correct.includes(String(i))}
                      aria-label={t("qb.form.correctN", { letter })}
                      className="h-4 w-4"
                      {...invalid(type === "single" || type === "multiple" ? errors : {}, "answer")}
                    />
                    <span aria-hidden="true">{t("qb.form.correct")}</span>
                  </label>
                </div>
                <FieldError name={name} errors={errors} />
              </div>
            );
          })}
          <FieldError name="options" errors={errors} />
          <FieldError name="answer" errors={type === "single" || type === "multiple" ? errors : {}} />
        </fieldset>

        <fieldset className="mb-4" hidden={type !== "true_false"}>
          <legend className="mb-1 text-sm font-semibold text-slate-800">{t("qb.form.tf")}</legend>
          <div className="flex gap-6">
            {(["true", "false"] as const).map((v) => (
              <label key={v} className="flex items-center gap-2">
                <input
                  type="radio"
                  id={`q-tf-${v}`}
                  name="tf"
                  value={v}
                  defaultChecked={values.tf === v}
                  className="h-4 w-4"
                  {...invalid(type === "true_false" ? errors : {}, "answer")}
                />
                {v === "true" ? t("qb.true") : t("qb.false")}
              </label>
            ))}
          </div>
          <FieldError name="answer" errors={type === "true_false" ? errors : {}} />
        </fieldset>

        <fieldset className="mb-4 grid gap-x-3 sm:grid-cols-3" hidden={type !== "numeric"}>
          <legend className="mb-1 text-sm font-semibold text-slate-800">{t("qb.form.numeric")}</legend>
          {(
            [
              ["value", t("qb.form.value"), "decimal"],
              ["tolerance", t("qb.form.tolerance"), "decimal"],
              ["unit", t("qb.form.unit"), "text"],
            ] as const
          ).map(([name, label, mode]) => (
            <div className="field" key={name}>
              <label htmlFor={fieldId(name)}>{label}</label>
              <input id={fieldId(name)} name={name} inputMode={mode} className="input" defaultValue={values[name]} {...invalid(errors, name)} />
              <FieldError name={name} errors={errors} />
            </div>
          ))}
          <p className="text-xs text-slate-600 sm:col-span-3">{t("qb.form.numericHint")}</p>
        </fieldset>

        <div className="field" hidden={type !== "ordering"}>
          <label htmlFor="q-steps">{t("qb.form.steps")}</label>
          <textarea id="q-steps" name="steps" rows={5} className="input" defaultValue={values.steps} {...described(errors, ["steps"], "q-steps-hint")} />
          <p id="q-steps-hint" className="text-xs text-slate-600">
            {t("qb.form.stepsHint")}
          </p>
          <FieldError name="steps" errors={errors} />
        </div>

        <div className="field" hidden={type !== "matching"}>
          <label htmlFor="q-pairs">{t("qb.form.pairs")}</label>
          <textarea id="q-pairs" name="pairs" rows={5} className="input" defaultValue={values.pairs} {...described(errors, ["pairs"], "q-pairs-hint")} />
          <p id="q-pairs-hint" className="text-xs text-slate-600">
            {t("qb.form.pairsHint")}
          </p>
          <FieldError name="pairs" errors={errors} />
        </div>

        <div className="field" hidden={type !== "fill_blank"}>
          <label htmlFor="q-blanks">{t("qb.form.blanks")}</label>
          <textarea id="q-blanks" name="blanks" rows={4} className="input" defaultValue={values.blanks} {...described(errors, ["blanks"], "q-blanks-hint")} />
          <p id="q-blanks-hint" className="text-xs text-slate-600">
            {t("qb.form.blanksHint")}
          </p>
          <FieldError name="blanks" errors={errors} />
        </div>

        <div className="field">
          <label htmlFor="q-explanation">{t("qb.form.explanation")}</label>
          <textarea id="q-explanation" name="explanation" rows={3} className="input font-mono text-sm" defaultValue={values.explanation} {...invalid(errors, "explanation")} />
          <FieldError name="explanation" errors={errors} />
        </div>

        <div className="grid gap-x-3 sm:grid-cols-2">
          <div className="field">
            <label htmlFor="q-module">{t("qb.form.module")}</label>
            <select id="q-module" name="module" className="input" defaultValue={values.module} onChange={(e) => setModule(e.target.value)} {...invalid(errors, "module")}>
              <option value="">{t("qb.form.noModule")}</option>
              {choices.modules.map((m) => (
                <option key={m.slug} value={m.slug}>
                  {m.title}
                </option>
              ))}
            </select>
            <FieldError name="module" errors={errors} />
          </div>
          <div className="field">
            <label htmlFor="q-section">{t("qb.form.section")}</label>
            <select id="q-section" name="section" className="input" defaultValue={values.section} key={module} disabled={!module} {...invalid(errors, "section")}>
              <option value="">{t("qb.form.noSection")}</option>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.depth === 3 ? "  " : ""}
                  {s.text}
                </option>
              ))}
            </select>
            <FieldError name="section" errors={errors} />
          </div>
        </div>

        <div className="field">
          <label htmlFor="q-tags">{t("qb.form.tags")}</label>
          <input id="q-tags" name="tags" className="input" defaultValue={values.tags} {...described(errors, ["tags"], "q-tags-hint")} />
          <p id="q-tags-hint" className="text-xs text-slate-600">
            <ContentText t={t} k="qb.form.tagsHint" vars={{ example: t("qb.form.tagsExample") }} content={["example"]} />
          </p>
          <FieldError name="tags" errors={errors} />
        </div>

        <div className="field">
          <label htmlFor="q-family">{t("questions.field.family")}</label>
          <input id="q-family" name="family" className="input" defaultValue={values.family} {...described(errors, ["family"], "q-family-hint")} />
          <p id="q-family-hint" className="text-xs text-slate-600">
            {t("questions.field.familyHint")}
          </p>
          <FieldError name="family" errors={errors} />
        </div>

        <div className="field">
          <label htmlFor="q-facts">{t("qb.form.facts")}</label>
          <input id="q-facts" name="facts" className="input font-mono text-sm" defaultValue={values.facts} {...described(errors, ["facts"], "q-facts-hint")} />
          <p id="q-facts-hint" className="text-xs text-slate-600">
            {t("qb.form.factsHint")}
          </p>
          {moduleFacts.length ? (
            <details className="text-xs text-slate-700">
              <summary className="cursor-pointer">{t("qb.form.factsOfModule", { n: moduleFacts.length })}</summary>
              <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-5">
                {moduleFacts.map((f) => (
                  <li key={f.id}>
                    <code className="break-all">{f.id}</code> {f.metric}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <FieldError name="facts" errors={errors} />
        </div>

        <div className="flex flex-wrap gap-2">
          {submits.map(([intent, label, primary]) => (
            <button key={intent} type="submit" name="intent" value={intent} className={primary ? "btn" : "btn-secondary"} disabled={busy}>
              {label}
            </button>
          ))}
        </div>
      </Form>

      <section className="card min-w-0 self-start lg:sticky lg:top-4" aria-labelledby="q-preview-title" aria-busy={fetcher.state !== "idle"}>
        <h2 id="q-preview-title" className="mb-1 text-lg font-semibold">
          {t("qb.preview.title")}
        </h2>
        <p className="mb-3 text-xs text-slate-600">{t("qb.preview.hint")}</p>
        <div data-testid="question-preview">
          {preview && preview.stem ? <QuestionView q={preview} /> : <p className="text-slate-500">{t("qb.preview.empty")}</p>}
        </div>
      </section>
    </div>
  );
}

function Html({ html, className, as = "div" }: { html: string; className?: string; as?: "div" | "span" }) {
  const Tag = as;
  // The HTML was sanitised on the server (renderSafeMarkdown / renderSafeInline).
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

function Mark({ ok }: { ok: boolean }) {
  const t = useT();
  return ok ? (
    <span className="ml-2 rounded bg-teal-100 px-1.5 text-xs font-semibold text-teal-900">{t("qb.view.right")}</span>
  ) : null;
}

/** A question as a learner would read it, with the answer marked. */
export function QuestionView({ q, children }: { q: QuestionDisplay; children?: ReactNode }) {
  const t = useT();
  const labels = useQuestionLabels();
  return (
    <div className="question-view">
      <p className="mb-2 text-xs font-semibold text-slate-500">{labels.type(q.type)}</p>
      <Html html={q.stem} className="courseware mb-3 break-words" />
      {q.options.length ? (
        <ol className="mb-3 space-y-1">
          {q.options.map((o, i) => (
            <li key={i} className={`flex items-start gap-2 rounded border px-2 py-1 ${o.correct ? "border-teal-400 bg-teal-50" : "border-slate-200"}`}>
              <span className="font-semibold">{LETTERS[i] ?? i + 1}.</span>
              <Html as="span" html={o.html} className="min-w-0 break-words" />
              <Mark ok={o.correct} />
            </li>
          ))}
        </ol>
      ) : null}
      {q.type === "true_false" ? (
        <p className="mb-3">
          {t("qb.view.answer")}
          {q.trueFalse === null ? "—" : q.trueFalse ? t("qb.true") : t("qb.false")}
        </p>
      ) : null}
      {q.numeric ? (
        <p className="mb-3">
          {t("qb.view.answer")}
          <span className="font-semibold">
            {q.numeric.value || "—"}
            {q.numeric.tolerance && q.numeric.tolerance !== "0" ? ` ± ${q.numeric.tolerance}` : ""} {q.numeric.unit}
          </span>
        </p>
      ) : null}
      {q.steps.length ? (
        <>
          <p className="text-sm text-slate-600">{t("qb.view.rightOrder")}</p>
          <ol className="mb-3 list-decimal space-y-1 pl-6">
            {q.steps.map((s, i) => (
              <li key={i}>
                <Html as="span" html={s} className="break-words" />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {q.pairs.length ? (
        <table className="data-table mb-3">
          <tbody>
            {q.pairs.map(([l, r], i) => (
              <tr key={i}>
                <td>
                  <Html as="span" html={l} className="break-words" />
                </td>
                <td aria-hidden="true">→</td>
                <td>
                  <Html as="span" html={r} className="break-words" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {q.blanks.length ? (
        <>
          <p className="text-sm text-slate-600">{t("qb.view.blanks")}</p>
          <ol className="mb-3 space-y-1" data-testid="blank-answers">
            {q.blanks.map((accepted, i) => (
              <li key={i}>
                <span className="font-semibold">{t("qb.view.blankN", { n: i + 1 })}</span>
                {accepted.length ? accepted.join(" / ") : "—"}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {q.explanation ? (
        <div className="rounded-r-md border-l-4 border-amber-400 bg-amber-50 px-3 py-1">
          <p className="text-xs font-semibold text-slate-600">{t("qb.view.explanation")}</p>
          <Html html={q.explanation} className="courseware break-words text-sm" />
        </div>
      ) : null}
      {children}
    </div>
  );
}
