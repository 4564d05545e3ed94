/**
 * Answer inputs of an exam question, by type. Controlled: the page holds the answers and saves each
 * change. Every input has a label; each question is a fieldset whose legend names it (the page renders
 * the fieldset); everything works from the keyboard (ordering uses 上移/下移 buttons, not dragging).
 */
import { useEffect, useRef, useState } from "react";
import { useT } from "~/components/i18n";
import { parseNumber } from "~/domain/grading";
import type { QuestionType } from "~/domain/question";
import { RICH } from "./format";

export interface SittingItem {
  position: number;
  points: number;
  type: QuestionType;
  stemHtml: string;
  options: { id: string; html: string }[];
  unit: string | null;
  lefts: string[];
  rights: string[];
  /** fill_blank: the number of blanks (one input each). */
  blanks: number;
}

/** Whether a response counts as an answer (an empty selection does not). */
export function isAnswered(response: unknown): boolean {
  if (response === null || response === undefined) return false;
  if (Array.isArray(response)) return response.length > 0 && response.some((r) => r !== "");
  return true;
}

const optionClass =
  "flex items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50 has-[:checked]:border-teal-600 has-[:checked]:bg-teal-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-amber-500";

export function AnswerInput({
  item,
  value,
  text,
  onAnswer,
  onText,
  describedBy,
  disabled,
}: {
  item: SittingItem;
  value: unknown;
  /** Numeric questions: the text as typed. */
  text: string;
  /** A new answer (null = no answer). */
  onAnswer: (response: unknown) => void;
  onText: (text: string) => void;
  describedBy: string;
  disabled: boolean;
}) {
  const t = useT();
  const n = item.position + 1;
  const name = `q${n}`;
  switch (item.type) {
    case "single":
      return (
        <div className="space-y-2">
          {item.options.map((o) => (
            <label key={o.id} className={optionClass}>
              <input
                type="radio"
                name={name}
                value={o.id}
                checked={value === o.id}
                disabled={disabled}
                onChange={() => onAnswer(o.id)}
                className="mt-1.5 size-4 shrink-0"
              />
              <span className={RICH} dangerouslySetInnerHTML={{ __html: o.html }} />
            </label>
          ))}
        </div>
      );
    case "multiple": {
      const picked = new Set(Array.isArray(value) ? (value as string[]) : []);
      return (
        <div className="space-y-2">
          {item.options.map((o) => (
            <label key={o.id} className={optionClass}>
              <input
                type="checkbox"
                name={name}
                value={o.id}
                checked={picked.has(o.id)}
                disabled={disabled}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.currentTarget.checked) next.add(o.id);
                  else next.delete(o.id);
                  const ids = item.options.map((x) => x.id).filter((id) => next.has(id));
                  onAnswer(ids.length ? ids : null);
                }}
                className="mt-1.5 size-4 shrink-0"
              />
              <span className={RICH} dangerouslySetInnerHTML={{ __html: o.html }} />
            </label>
          ))}
        </div>
      );
    }
    case "true_false":
      return (
        <div className="flex flex-wrap gap-3">
          {([true, false] as const).map((v) => (
            <label key={String(v)} className={`${optionClass} min-w-24`}>
              <input
                type="radio"
                name={name}
                value={String(v)}
                checked={value === v}
                disabled={disabled}
                onChange={() => onAnswer(v)}
                className="mt-1 size-4"
              />
              <span>{t(v ? "exams.sit.true" : "exams.sit.false")}</span>
            </label>
          ))}
        </div>
      );
    case "fill_blank":
      return <BlanksInput item={item} value={value} onAnswer={onAnswer} describedBy={describedBy} disabled={disabled} />;
    case "numeric":
      return <NumericInput item={item} text={text} onText={onText} onAnswer={onAnswer} describedBy={describedBy} disabled={disabled} />;
    case "ordering":
      return <OrderingInput item={item} value={value} onAnswer={onAnswer} describedBy={describedBy} disabled={disabled} />;
    case "matching": {
      const given = new Map<string, string>(Array.isArray(value) ? (value as [string, string][]).map((p) => [p[0], p[1]]) : []);
      return (
        <div className="space-y-3">
          {item.lefts.map((left, i) => (
            <div key={left} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <label htmlFor={`${name}-match-${i}`} className="min-w-28 font-semibold break-words">
                {left}
              </label>
              <select
                id={`${name}-match-${i}`}
                value={given.get(left) ?? ""}
                disabled={disabled}
                aria-describedby={describedBy}
                className="input w-auto max-w-full min-w-40"
                onChange={(e) => {
                  const next = new Map(given);
                  if (e.currentTarget.value) next.set(left, e.currentTarget.value);
                  else next.delete(left);
                  const pairs = item.lefts.filter((l) => next.has(l)).map((l) => [l, next.get(l)!] as [string, string]);
                  onAnswer(pairs.length ? pairs : null);
                }}
              >
                <option value="">{t("exams.sit.choose")}</option>
                {item.rights.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      );
    }
    default:
      return null;
  }
}

/**
 * One text input per blank, labelled “第 N 空” (the stem shows the blanks numbered the same way). The
 * response is what is typed in each blank, in order; it is saved once typing pauses and on leaving a
 * field. All blanks empty = no answer.
 */
function BlanksInput({
  item,
  value,
  onAnswer,
  describedBy,
  disabled,
}: {
  item: SittingItem;
  value: unknown;
  onAnswer: (response: unknown) => void;
  describedBy: string;
  disabled: boolean;
}) {
  const t = useT();
  const n = item.position + 1;
  const initial = Array.from({ length: item.blanks }, (_, i) => (Array.isArray(value) && typeof value[i] === "string" ? (value[i] as string) : ""));
  const [typed, setTyped] = useState<string[]>(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const lastSent = useRef(JSON.stringify(initial.every((v) => v.trim() === "") ? null : initial.map((v) => v.trim())));
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const commit = (next: string[]) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    const response = next.every((v) => v.trim() === "") ? null : next.map((v) => v.trim());
    const key = JSON.stringify(response);
    if (key === lastSent.current) return;
    lastSent.current = key;
    onAnswer(response);
  };

  return (
    <div className="space-y-2">
      <p id={`q${n}-blanks-hint`} className="text-sm text-slate-600">
        {t("exams.sit.blankHint")}
      </p>
      {typed.map((v, i) => (
        <div key={i} className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <label htmlFor={`q${n}-blank-${i + 1}`} className="min-w-16 font-semibold">
            {t("exams.sit.blankN", { n: i + 1 })}
          </label>
          <input
            id={`q${n}-blank-${i + 1}`}
            type="text"
            autoComplete="off"
            maxLength={200}
            className="input max-w-md"
            value={v}
            disabled={disabled}
            aria-describedby={`${describedBy} q${n}-blanks-hint`}
            onChange={(e) => {
              const next = [...typed];
              next[i] = e.currentTarget.value;
              setTyped(next);
              if (timer.current) clearTimeout(timer.current);
              timer.current = setTimeout(() => commit(next), 600);
            }}
            onBlur={() => commit(typed)}
          />
        </div>
      ))}
    </div>
  );
}

/** Saves a number once typing pauses (and on leaving the field); an unparsable text is not saved. */
function NumericInput({
  item,
  text,
  onText,
  onAnswer,
  describedBy,
  disabled,
}: {
  item: SittingItem;
  text: string;
  onText: (text: string) => void;
  onAnswer: (response: unknown) => void;
  describedBy: string;
  disabled: boolean;
}) {
  const t = useT();
  const n = item.position + 1;
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const lastSent = useRef<string | null>(null);
  const invalid = text.trim() !== "" && parseNumber(text) === null;

  const commit = (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    const trimmed = value.trim();
    const parsed = trimmed === "" ? null : parseNumber(trimmed);
    if (trimmed !== "" && parsed === null) return;
    const key = parsed === null ? "" : String(parsed);
    if (lastSent.current === key) return;
    lastSent.current = key;
    onAnswer(parsed);
  };
  useEffect(() => {
    lastSent.current = text.trim() === "" ? "" : String(parseNumber(text));
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // Only the text the page started with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="field mb-0">
      <label htmlFor={`q${n}-number`}>{t("exams.sit.numericLabel")}</label>
      <div className="flex items-center gap-2">
        <input
          id={`q${n}-number`}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          className="input max-w-40"
          value={text}
          disabled={disabled}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={`${describedBy} q${n}-unit${invalid ? ` q${n}-invalid` : ""}`}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onText(v);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => commit(v), 600);
          }}
          onBlur={(e) => commit(e.currentTarget.value)}
        />
        <span id={`q${n}-unit`} className="text-slate-800">
          {item.unit}
        </span>
      </div>
      {invalid ? (
        <p id={`q${n}-invalid`} className="field-error">
          {t("exams.sit.numericInvalid")}
        </p>
      ) : (
        <p className="text-sm text-slate-600">{t("exams.sit.numericHint")}</p>
      )}
    </div>
  );
}

/** Steps in a list, reordered with 上移/下移; the learner may also accept the order as shown. */
function OrderingInput({
  item,
  value,
  onAnswer,
  describedBy,
  disabled,
}: {
  item: SittingItem;
  value: unknown;
  onAnswer: (response: unknown) => void;
  describedBy: string;
  disabled: boolean;
}) {
  const t = useT();
  const n = item.position + 1;
  const known = new Set(item.options.map((o) => o.id));
  const given = Array.isArray(value) && value.length === known.size && value.every((id) => known.has(id as string)) ? (value as string[]) : null;
  const order = given ?? item.options.map((o) => o.id);
  const byId = new Map(item.options.map((o) => [o.id, o]));
  const [announcement, setAnnouncement] = useState("");
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  const textOf = (id: string) => {
    const div = document.createElement("div");
    div.innerHTML = byId.get(id)?.html ?? "";
    return div.textContent ?? "";
  };

  useEffect(() => {
    if (!focusAfter) return;
    const list = listRef.current;
    const button = list?.querySelector<HTMLButtonElement>(`[data-move="${focusAfter}"]`);
    if (button && !button.disabled) button.focus();
    else list?.querySelector<HTMLButtonElement>(`[data-move^="${focusAfter.split(":")[0]}:"]:not(:disabled)`)?.focus();
    setFocusAfter(null);
  }, [focusAfter]);

  function move(index: number, delta: -1 | 1) {
    const to = index + delta;
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    [next[index], next[to]] = [next[to], next[index]];
    onAnswer(next);
    setAnnouncement(t("exams.sit.ordering.moved", { step: textOf(next[to]), position: to + 1 }));
    setFocusAfter(`${next[to]}:${delta < 0 ? "up" : "down"}`);
  }

  return (
    <div>
      <p id={`q${n}-ordering-help`} className="mb-2 text-sm text-slate-600">
        {t("exams.sit.ordering.help")}
      </p>
      <ol ref={listRef} className="space-y-2" aria-describedby={`${describedBy} q${n}-ordering-help`}>
        {order.map((id, i) => (
          <li key={id} className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2">
            <span className="w-6 shrink-0 font-semibold text-teal-800">{i + 1}.</span>
            <span className={`${RICH} min-w-0 grow`} dangerouslySetInnerHTML={{ __html: byId.get(id)?.html ?? "" }} />
            <span className="flex shrink-0 flex-col gap-1 sm:flex-row">
              <button
                type="button"
                className="btn-secondary px-2 py-1"
                data-move={`${id}:up`}
                disabled={disabled || i === 0}
                onClick={() => move(i, -1)}
                aria-label={t("exams.sit.ordering.up", { position: i + 1 })}
              >
                ↑<span className="sr-only sm:not-sr-only sm:ml-1">{t("exams.sit.ordering.upShort")}</span>
              </button>
              <button
                type="button"
                className="btn-secondary px-2 py-1"
                data-move={`${id}:down`}
                disabled={disabled || i === order.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t("exams.sit.ordering.down", { position: i + 1 })}
              >
                ↓<span className="sr-only sm:not-sr-only sm:ml-1">{t("exams.sit.ordering.downShort")}</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
      {given ? null : (
        <p className="mt-2">
          <button type="button" className="btn-secondary" disabled={disabled} onClick={() => onAnswer([...order])}>
            {t("exams.sit.ordering.accept")}
          </button>
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
