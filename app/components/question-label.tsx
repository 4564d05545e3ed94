/**
 * How a trainer's page names a question: its stem (shortened plain text, app/domain/stem-label.ts)
 * first, then its type and module, and the id last, small, monospace and copyable (a button that
 * uses the Clipboard API; where that is refused the id is selected for Ctrl+C). The stem is rendered
 * as text, so nothing a trainer typed can run as script. Long ids wrap (break-all) in their own
 * secondary line, so no column breaks one character per line at 360 px.
 */
import { Link } from "@remix-run/react";
import { useRef, useState } from "react";
import type { QuestionLabelData } from "~/domain/stem-label";
import { useT } from "./i18n";
import { useQuestionLabels } from "./question-form";

export type { QuestionLabelData };

export const questionHref = (id: string) => `/trainer/questions/${encodeURIComponent(id)}`;

/** The id in a <code> with a copy button. */
export function CopyId({ id }: { id: string }) {
  const t = useT();
  const code = useRef<HTMLElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "select">("idle");
  const selectId = () => {
    const el = code.current;
    const selection = typeof window !== "undefined" ? window.getSelection() : null;
    if (!el || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(el);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(id);
      setState("copied");
    } catch {
      selectId();
      setState("select");
    }
  };
  return (
    <span className="inline-flex min-w-0 max-w-full flex-wrap items-center gap-x-1">
      <code ref={code} className="min-w-0 select-all break-all font-mono text-xs text-slate-700" data-testid="question-id">
        {id}
      </code>
      <button
        type="button"
        onClick={copy}
        className="rounded border border-slate-300 bg-white px-1.5 py-0 text-xs text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
        aria-label={t("trainer2.copyId.aria", { id })}
        data-testid="copy-id"
      >
        {t("trainer2.copyId")}
      </button>
      <span role="status" className="text-xs text-teal-800" data-testid="copy-status">
        {state === "copied" ? t("trainer2.copyId.done") : state === "select" ? t("trainer2.copyId.select") : ""}
      </span>
    </span>
  );
}

/** The secondary line: type · module · version, with `openLink` a link to the question, then the id (copyable). */
export function QuestionMeta({ q, extra, openLink = false }: { q: QuestionLabelData; extra?: React.ReactNode; openLink?: boolean }) {
  const t = useT();
  const labels = useQuestionLabels();
  return (
    <span className="mt-0.5 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5 text-xs font-normal text-slate-600" data-testid="question-meta-line">
      <span className="whitespace-nowrap" data-testid="question-type">
        {labels.type(q.type)}
      </span>
      {q.module ? (
        <span data-testid="question-module" lang="zh-CN">
          {q.module}
        </span>
      ) : null}
      {q.version !== null ? <span className="whitespace-nowrap">{t("trainer2.version", { v: q.version })}</span> : null}
      {extra}
      {openLink ? (
        <Link to={questionHref(q.id)} className="btn-link whitespace-nowrap" aria-label={t("trainer2.openQuestionAria", { stem: q.stem })}>
          {t("trainer2.openQuestion")}
        </Link>
      ) : null}
      <CopyId id={q.id} />
    </span>
  );
}

/**
 * A question's label: the stem (a link to its page when `link`), then the meta line. `stemClass`
 * styles the stem's line.
 */
export function QuestionLabel({ q, link = true, stemClass = "", extra }: { q: QuestionLabelData; link?: boolean; stemClass?: string; extra?: React.ReactNode }) {
  const t = useT();
  const stem = q.stem || t("trainer2.noStem");
  return (
    <span className="block min-w-0" data-testid="question-label" data-label-for={q.id}>
      <span className={`block break-words ${stemClass}`} data-testid="question-stem" lang={q.stem ? "zh-CN" : undefined}>
        {link ? (
          <Link to={questionHref(q.id)} className="btn-link">
            {stem}
          </Link>
        ) : (
          stem
        )}
      </span>
      <QuestionMeta q={q} extra={extra} />
    </span>
  );
}
