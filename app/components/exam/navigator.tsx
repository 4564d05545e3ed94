/** The paper at a glance: which questions are answered, flagged, and which one is in view. */
import { useT } from "~/components/i18n";

export interface NavigatorItem {
  position: number;
  answered: boolean;
  flagged: boolean;
}

export function QuestionNavigator({
  items,
  current,
  onJump,
}: {
  items: NavigatorItem[];
  current: number | null;
  onJump: (position: number) => void;
}) {
  const t = useT();
  const answered = items.filter((i) => i.answered).length;
  const flagged = items.filter((i) => i.flagged).length;
  return (
    <nav aria-labelledby="navigator-title" id="navigator" className="card p-3 sm:p-4" data-testid="navigator">
      <h2 id="navigator-title" className="mb-1 font-semibold">
        {t("exams.sit.navigator")}
      </h2>
      <p className="mb-3 text-sm text-slate-700" data-testid="navigator-summary">
        {t("exams.sit.navSummary", { answered, total: items.length, flagged })}
      </p>
      <ol className="grid grid-cols-6 gap-2 sm:grid-cols-10 lg:grid-cols-5">
        {items.map((item) => {
          const n = item.position + 1;
          const isCurrent = current === item.position;
          const states = [
            t(item.answered ? "exams.sit.nav.answered" : "exams.sit.nav.unanswered"),
            item.flagged ? t("exams.sit.nav.flagged") : null,
          ].filter(Boolean);
          return (
            <li key={item.position}>
              <a
                href={`#q-${n}`}
                onClick={(e) => {
                  e.preventDefault();
                  onJump(item.position);
                }}
                aria-current={isCurrent ? "step" : undefined}
                aria-label={`${t("exams.sit.question", { n })}:${states.join(",")}`}
                data-answered={item.answered ? "true" : "false"}
                data-flagged={item.flagged ? "true" : "false"}
                className={`relative flex h-10 items-center justify-center rounded-md border text-sm font-semibold ${
                  item.answered ? "border-teal-700 bg-teal-700 text-white" : "border-slate-300 bg-white text-slate-800"
                } ${isCurrent ? "ring-2 ring-amber-500 ring-offset-1" : ""}`}
              >
                {n}
                {item.flagged ? (
                  <span aria-hidden="true" className="absolute -top-2 -right-1 rounded-full bg-amber-400 px-1 text-xs leading-4 text-slate-950">
                    ⚑
                  </span>
                ) : null}
              </a>
            </li>
          );
        })}
      </ol>
      <ul className="mt-3 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700" aria-hidden="true">
        <li className="flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm bg-teal-700" /> {t("exams.sit.nav.answered")}
        </li>
        <li className="flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm border border-slate-400 bg-white" /> {t("exams.sit.nav.unanswered")}
        </li>
        <li className="flex items-center gap-1">
          <span className="rounded-full bg-amber-400 px-1 leading-4">⚑</span> {t("exams.sit.nav.flagged")}
        </li>
        <li className="flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm ring-2 ring-amber-500" /> {t("exams.sit.nav.current")}
        </li>
      </ul>
    </nav>
  );
}
