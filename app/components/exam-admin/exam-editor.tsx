/**
 * The exam definition form (new and edit pages). Presentational: the routes load the choices, parse and
 * validate (app/domain/exam-form.ts) and pass back the values as typed with the errors by field.
 * Works without JavaScript (there is always a blank rule row to fill); with it, rows can be added and
 * removed.
 */
import { ContentText } from "~/components/content-text";
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
// Types only: the form's logic (and zod) stays on the server.
import type { EditorChoices, ExamFormValues, FieldErrors, RuleValues } from "~/domain/exam-form";
import { useT } from "../i18n";
import { examFieldId as fieldId } from "./ui";

export interface ExamEditorProps {
  values: ExamFormValues;
  errors: FieldErrors;
  /** Per rule row: published questions the rule can draw (null: not known, e.g. a blank row). */
  availability: (number | null)[];
  choices: EditorChoices;
  /** MAX_RULES of the domain (passed in so this component does not bundle the form's parser). */
  maxRules: number;
  busy: boolean;
  /** Submit buttons besides "check availability": [intent, label]. The first is the primary one. */
  submits: [string, string][];
}

function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  return errors[name] ? (
    <p id={`${fieldId(name)}-error`} className="field-error">
      {errors[name]}
    </p>
  ) : null;
}

/** aria-invalid and aria-describedby (hint and error) for a field. */
function described(errors: FieldErrors, name: string, hint?: string) {
  const ids = [hint, errors[name] ? `${fieldId(name)}-error` : undefined].filter(Boolean).join(" ");
  return { "aria-invalid": errors[name] ? (true as const) : undefined, "aria-describedby": ids || undefined };
}

function ErrorSummary({ errors, labelOf }: { errors: FieldErrors; labelOf: (field: string) => string }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const signature = entries.map(([k, v]) => `${k}:${v}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (!entries.length) return null;
  return (
    <div ref={ref} tabIndex={-1} className="alert-error" role="alert" aria-labelledby="exam-error-summary-title" data-testid="error-summary">
      <p id="exam-error-summary-title" className="font-semibold">
        {t("examadmin.form.fixErrors", { n: entries.length })}
      </p>
      <ul className="mt-2 list-disc pl-6">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field === "rules" ? fieldId("rules.0.count") : fieldId(field)}`} className="underline">
              {labelOf(field)}
            </a>
            :{message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Legend({ children }: { children: ReactNode }) {
  return <legend className="mb-2 text-lg font-semibold text-slate-900">{children}</legend>;
}

let rowKeySeq = 1000;

const emptyRule = (): RuleValues => ({ count: "", points: "", modules: [], types: [], tags: "" });

export function ExamEditor({ values, errors, availability, choices, maxRules, busy, submits }: ExamEditorProps) {
  const t = useT();
  // Rows with a stable key each; names follow their position. Always one blank row to fill in.
  const initial = (): { key: number; rule: RuleValues; available: number | null }[] => {
    const rows = values.rules.map((rule, i) => ({ key: i, rule, available: availability[i] ?? null }));
    if (rows.length < maxRules && !rows.some((r) => !r.rule.count && !r.rule.points)) rows.push({ key: rows.length, rule: emptyRule(), available: null });
    return rows;
  };
  // The inputs are uncontrolled: the page remounts the editor (a `key`) when it gets new values.
  const [rows, setRows] = useState(initial);

  const labelOf = (field: string): string => {
    const m = /^rules\.(\d+)\.(\w+)$/.exec(field);
    if (m) return `${t("examadmin.rule.n", { n: Number(m[1]) + 1 })} · ${t(`examadmin.rule.${m[2] as "count" | "points" | "modules" | "types" | "tags"}`)}`;
    const known: Record<string, string> = {
      title: t("examadmin.field.title"),
      description: t("examadmin.field.description"),
      rules: t("examadmin.blueprint.title"),
      timeLimitMinutes: t("examadmin.field.timeLimitMinutes"),
      passPercent: t("examadmin.field.passPercent"),
      attemptsAllowed: t("examadmin.field.attemptsAllowed"),
      opensAt: t("examadmin.field.opensAt"),
      closesAt: t("examadmin.field.closesAt"),
      multipleScoring: t("examadmin.field.multipleScoring"),
      reviewMode: t("examadmin.field.reviewMode"),
      reviewFrom: t("examadmin.field.reviewFrom"),
      certificateName: t("examadmin.field.certificateName"),
      certificateValidityMonths: t("examadmin.field.certificateValidityMonths"),
      audience: t("examadmin.field.audience"),
      cohortIds: t("examadmin.field.cohortIds"),
    };
    return known[field] ?? t("examadmin.form.other");
  };

  const text = (name: keyof ExamFormValues, label: string, opts: { hint?: string; type?: string; inputMode?: "numeric"; className?: string } = {}) => (
    <div className={`field ${opts.className ?? ""}`}>
      <label htmlFor={fieldId(name)}>{label}</label>
      <input
        id={fieldId(name)}
        name={name}
        type={opts.type ?? "text"}
        inputMode={opts.inputMode}
        className="input"
        defaultValue={String(values[name] ?? "")}
        {...described(errors, name, opts.hint ? `${fieldId(name)}-hint` : undefined)}
      />
      {opts.hint ? (
        <p id={`${fieldId(name)}-hint`} className="text-xs text-slate-600">
          {opts.hint}
        </p>
      ) : null}
      <FieldError name={name} errors={errors} />
    </div>
  );

  return (
    <Form method="post" noValidate className="card min-w-0" aria-label={t("examadmin.form.label")} data-testid="exam-form">
      <ErrorSummary errors={errors} labelOf={labelOf} />

      <fieldset className="mb-6">
        <Legend>{t("examadmin.section.basics")}</Legend>
        {text("title", t("examadmin.field.title"))}
        <div className="field">
          <label htmlFor={fieldId("description")}>{t("examadmin.field.description")}</label>
          <textarea id={fieldId("description")} name="description" rows={2} className="input" defaultValue={values.description} {...described(errors, "description")} />
          <FieldError name="description" errors={errors} />
        </div>
      </fieldset>

      <fieldset className="mb-6" aria-describedby="exam-blueprint-hint">
        <Legend>{t("examadmin.blueprint.title")}</Legend>
        <p id="exam-blueprint-hint" className="mb-3 text-sm text-slate-600">
          {t("examadmin.blueprint.hint")}
        </p>
        <FieldError name="rules" errors={errors} />
        <ol className="space-y-4">
          {rows.map((row, i) => (
            <li key={row.key} className="rounded-md border border-slate-200 p-3" data-testid="rule-row">
              <fieldset>
                <legend className="mb-2 flex w-full flex-wrap items-center gap-2 text-sm font-semibold">
                  <span>{t("examadmin.rule.n", { n: i + 1 })}</span>
                  {row.available !== null ? (
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs ${row.available < Number(row.rule.count || 0) ? "bg-red-100 text-red-800" : "bg-teal-50 text-teal-900"}`}
                      data-testid="rule-available"
                    >
                      {t("examadmin.rule.available", { n: row.available })}
                    </span>
                  ) : null}
                </legend>
                <div className="grid grid-cols-2 gap-x-3">
                  <div className="field">
                    <label htmlFor={fieldId(`rules.${i}.count`)}>{t("examadmin.rule.count")}</label>
                    <input
                      id={fieldId(`rules.${i}.count`)}
                      name={`rules.${i}.count`}
                      inputMode="numeric"
                      className="input"
                      defaultValue={row.rule.count}
                      {...described(errors, `rules.${i}.count`)}
                    />
                    <FieldError name={`rules.${i}.count`} errors={errors} />
                  </div>
                  <div className="field">
                    <label htmlFor={fieldId(`rules.${i}.points`)}>{t("examadmin.rule.points")}</label>
                    <input
                      id={fieldId(`rules.${i}.points`)}
                      name={`rules.${i}.points`}
                      inputMode="numeric"
                      className="input"
                      defaultValue={row.rule.points}
                      {...described(errors, `rules.${i}.points`)}
                    />
                    <FieldError name={`rules.${i}.points`} errors={errors} />
                  </div>
                </div>
                <fieldset className="mb-3" id={fieldId(`rules.${i}.modules`)} {...described(errors, `rules.${i}.modules`)}>
                  <legend className="text-sm font-semibold text-slate-800">{t("examadmin.rule.modules")}</legend>
                  <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                    {choices.modules.map((m) => (
                      <label key={m.slug} className="flex items-center gap-1 text-sm">
                        <input type="checkbox" name={`rules.${i}.modules`} value={m.slug} defaultChecked={row.rule.modules.includes(m.slug)} className="h-4 w-4" />
                        <span lang="zh-CN">{m.title}</span>
                      </label>
                    ))}
                  </div>
                  <FieldError name={`rules.${i}.modules`} errors={errors} />
                </fieldset>
                <fieldset className="mb-3" id={fieldId(`rules.${i}.types`)} {...described(errors, `rules.${i}.types`)}>
                  <legend className="text-sm font-semibold text-slate-800">{t("examadmin.rule.types")}</legend>
                  <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                    {choices.types.map((ty) => (
                      <label key={ty} className="flex items-center gap-1 text-sm">
                        <input type="checkbox" name={`rules.${i}.types`} value={ty} defaultChecked={row.rule.types.includes(ty)} className="h-4 w-4" />
                        {t(`examadmin.type.${ty as "single"}`)}
                      </label>
                    ))}
                  </div>
                  <FieldError name={`rules.${i}.types`} errors={errors} />
                </fieldset>
                <div className="field mb-2">
                  <label htmlFor={fieldId(`rules.${i}.tags`)}>{t("examadmin.rule.tags")}</label>
                  <input
                    id={fieldId(`rules.${i}.tags`)}
                    name={`rules.${i}.tags`}
                    className="input"
                    defaultValue={row.rule.tags}
                    {...described(errors, `rules.${i}.tags`, `${fieldId(`rules.${i}.tags`)}-hint`)}
                  />
                  <p id={`${fieldId(`rules.${i}.tags`)}-hint`} className="text-xs text-slate-600">
                    <ContentText t={t} k="examadmin.rule.tagsHint" vars={{ example: t("examadmin.rule.tagsExample") }} content={["example"]} />
                  </p>
                  <FieldError name={`rules.${i}.tags`} errors={errors} />
                </div>
                {rows.length > 1 ? (
                  <button type="button" className="btn-link text-sm" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>
                    {t("examadmin.rule.remove", { n: i + 1 })}
                  </button>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ol>
        <div className="mt-3 flex flex-wrap gap-2">
          {rows.length < maxRules ? (
            <button type="button" className="btn-secondary" onClick={() => setRows((rs) => [...rs, { key: ++rowKeySeq, rule: emptyRule(), available: null }])}>
              {t("examadmin.rule.add")}
            </button>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="mb-6">
        <Legend>{t("examadmin.section.timing")}</Legend>
        <div className="grid gap-x-4 sm:grid-cols-3">
          {text("timeLimitMinutes", t("examadmin.field.timeLimitMinutes"), { inputMode: "numeric" })}
          {text("passPercent", t("examadmin.field.passPercent"), { inputMode: "numeric" })}
          {text("attemptsAllowed", t("examadmin.field.attemptsAllowed"), { inputMode: "numeric" })}
        </div>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {text("opensAt", t("examadmin.field.opensAt"), { type: "datetime-local", hint: t("examadmin.field.windowHint") })}
          {text("closesAt", t("examadmin.field.closesAt"), { type: "datetime-local", hint: t("examadmin.field.windowHint") })}
        </div>
      </fieldset>

      <fieldset className="mb-6">
        <Legend>{t("examadmin.section.paper")}</Legend>
        <div className="mb-3 flex flex-col gap-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="shuffleQuestions" defaultChecked={values.shuffleQuestions} className="h-4 w-4" />
            {t("examadmin.field.shuffleQuestions")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="shuffleOptions" defaultChecked={values.shuffleOptions} className="h-4 w-4" />
            {t("examadmin.field.shuffleOptions")}
          </label>
        </div>
        <fieldset id={fieldId("multipleScoring")} className="mb-2" {...described(errors, "multipleScoring")}>
          <legend className="text-sm font-semibold text-slate-800">{t("examadmin.field.multipleScoring")}</legend>
          <div className="mt-1 flex flex-col gap-1">
            {(["all-or-nothing", "partial"] as const).map((m) => (
              <label key={m} className="flex items-center gap-2 text-sm">
                <input type="radio" name="multipleScoring" value={m} defaultChecked={values.multipleScoring === m} className="h-4 w-4" />
                {t(`examadmin.scoring.${m}`)}
              </label>
            ))}
          </div>
          <FieldError name="multipleScoring" errors={errors} />
        </fieldset>
      </fieldset>

      <fieldset className="mb-6">
        <Legend>{t("examadmin.section.review")}</Legend>
        <fieldset id={fieldId("reviewMode")} className="mb-3" {...described(errors, "reviewMode")}>
          <legend className="text-sm font-semibold text-slate-800">{t("examadmin.field.reviewMode")}</legend>
          <div className="mt-1 flex flex-col gap-1">
            {(["score", "answers", "explanations"] as const).map((m) => (
              <label key={m} className="flex items-center gap-2 text-sm">
                <input type="radio" name="reviewMode" value={m} defaultChecked={values.reviewMode === m} className="h-4 w-4" />
                {t(`examadmin.review.${m}`)}
              </label>
            ))}
          </div>
          <FieldError name="reviewMode" errors={errors} />
        </fieldset>
        <fieldset id={fieldId("reviewTiming")} className="mb-3" {...described(errors, "reviewTiming")}>
          <legend className="text-sm font-semibold text-slate-800">{t("examadmin.field.reviewTiming")}</legend>
          <p id="exam-review-timing-hint" className="text-sm text-slate-600">
            {t("examadmin.field.reviewTimingHint")}
          </p>
          <div className="mt-1 flex flex-col gap-1">
            {(["immediately", "after_last_attempt", "after_close", "never"] as const).map((m) => (
              <label key={m} className="flex items-center gap-2 text-sm">
                <input type="radio" name="reviewTiming" value={m} defaultChecked={values.reviewTiming === m} className="h-4 w-4" />
                {t(`exams.reviewTiming.${m}`)}
              </label>
            ))}
          </div>
          <FieldError name="reviewTiming" errors={errors} />
        </fieldset>
        {text("reviewFrom", t("examadmin.field.reviewFrom"), { type: "datetime-local", hint: t("examadmin.field.reviewFromHint") })}
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input type="checkbox" name="poolInPractice" defaultChecked={values.poolInPractice} className="h-4 w-4" aria-describedby="exam-pool-hint" />
          {t("examadmin.field.poolInPractice")}
        </label>
        <p id="exam-pool-hint" className="text-sm text-slate-600">
          {t("examadmin.field.poolInPracticeHint")}
        </p>
      </fieldset>

      <fieldset className="mb-6" aria-describedby="exam-certificate-hint">
        <Legend>{t("examadmin.section.certificate")}</Legend>
        <p id="exam-certificate-hint" className="mb-3 text-sm text-slate-600">
          {t("examadmin.field.certificateHint")}
        </p>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {text("certificateName", t("examadmin.field.certificateName"))}
          {text("certificateValidityMonths", t("examadmin.field.certificateValidityMonths"), { inputMode: "numeric" })}
        </div>
      </fieldset>

      <fieldset className="mb-6">
        <Legend>{t("examadmin.section.audience")}</Legend>
        <fieldset id={fieldId("audience")} className="mb-3" {...described(errors, "audience")}>
          <legend className="sr-only">{t("examadmin.field.audience")}</legend>
          <div className="flex flex-col gap-1">
            {(["everyone", "cohorts"] as const).map((a) => (
              <label key={a} className="flex items-center gap-2 text-sm">
                <input type="radio" name="audience" value={a} defaultChecked={values.audience === a} className="h-4 w-4" />
                {t(`examadmin.audience.${a}`)}
              </label>
            ))}
          </div>
          <FieldError name="audience" errors={errors} />
        </fieldset>
        <fieldset id={fieldId("cohortIds")} {...described(errors, "cohortIds", "exam-cohortIds-hint")}>
          <legend className="text-sm font-semibold text-slate-800">{t("examadmin.field.cohortIds")}</legend>
          <p id="exam-cohortIds-hint" className="text-xs text-slate-600">
            {t("examadmin.field.cohortIdsHint")}
          </p>
          {choices.cohorts.length === 0 ? <p className="text-sm text-slate-600">{t("examadmin.field.noCohorts")}</p> : null}
          <div className="mt-1 flex flex-col gap-1">
            {choices.cohorts.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="cohortIds" value={String(c.id)} defaultChecked={values.cohortIds.includes(String(c.id))} className="h-4 w-4" />
                <span lang="zh-CN">{c.name}</span>
                {c.archived ? <span className="text-xs text-slate-500">({t("examadmin.field.cohortArchived")})</span> : null}
              </label>
            ))}
          </div>
          <FieldError name="cohortIds" errors={errors} />
        </fieldset>
      </fieldset>

      <div className="flex flex-wrap gap-2">
        {/* The primary button comes first: Enter in a field submits it. */}
        {submits.map(([intent, label], i) => (
          <button key={intent} type="submit" name="intent" value={intent} className={i === 0 ? "btn" : "btn-secondary"} disabled={busy}>
            {label}
          </button>
        ))}
        <button type="submit" name="intent" value="check" className="btn-secondary" disabled={busy}>
          {t("examadmin.blueprint.check")}
        </button>
      </div>
    </Form>
  );
}
