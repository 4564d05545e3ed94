import type { ModuleProgress } from "~/domain/progress";
import { useT } from "./i18n";

/** `label` names the bar; or `labelledBy`, the id of visible text that names it (content such as a module's title). */
export function ProgressBar({ value, total, label, labelledBy }: { value: number; total: number; label?: string; labelledBy?: string }) {
  const pct = total ? Math.round((value / total) * 100) : 0;
  return (
    <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label} aria-labelledby={labelledBy}>
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}

export function StateBadge({ state }: { state: ModuleProgress["state"] }) {
  const t = useT();
  const cls =
    state === "completed" ? "bg-teal-100 text-teal-900" : state === "inProgress" ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-700";
  return <span className={`rounded px-2 py-0.5 text-xs font-semibold ${cls}`}>{t(`dashboard.${state}`)}</span>;
}
