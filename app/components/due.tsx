import type { DueView } from "~/domain/due-work";
import { useT } from "./i18n";

const STATE_STYLE: Record<DueView["state"], string> = {
  done: "bg-teal-100 text-teal-900",
  open: "",
  dueSoon: "bg-amber-100 text-amber-900",
  overdue: "bg-red-100 text-red-800",
};

/**
 * An assignment's due date as every learner page shows it: 截止日期 and, when it matters, the state
 * (即将到期 / 已逾期 / 已完成; computed on the server by domain/due-work). `labelled={false}`: the date
 * alone, where a heading or a term already says 截止日期.
 */
export function DueNote({ due, className = "", labelled = true }: { due: DueView; className?: string; labelled?: boolean }) {
  const t = useT();
  return (
    <span className={`inline-flex flex-wrap items-center gap-x-2 ${className}`} data-testid="due-note" data-state={due.state}>
      <span className={due.state === "overdue" ? "font-semibold text-red-800" : "font-semibold"}>{labelled ? t("learner.dueNote", { date: due.date }) : due.date}</span>
      {due.state !== "open" ? (
        <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[due.state]}`}>{t(`assignments.state.${due.state}`)}</span>
      ) : null}
    </span>
  );
}
