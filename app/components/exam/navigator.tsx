/**
 * The paper at a glance: which questions are answered, flagged, and which one is in view.
 *
 * One tab stop (WAI-ARIA toolbar pattern with a roving tabindex): Tab enters at the current question's
 * number; ←/→ move by one, ↑/↓ by one row of the grid as laid out, Home/End to the first/last; Enter or
 * Space goes to the question. Each number's accessible name says whether it is answered and flagged.
 * The numbers are links to #q-N, so they also work before the page is hydrated.
 */
import { useRef, useState, type KeyboardEvent } from "react";
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
  // The number holding the tab stop while focus is inside; otherwise the question in view.
  const [active, setActive] = useState<number | null>(null);
  const tabStop = active ?? current ?? items[0]?.position ?? null;
  const refs = useRef(new Map<number, HTMLAnchorElement>());

  const focusAt = (index: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, index))];
    if (!item) return;
    setActive(item.position);
    refs.current.get(item.position)?.focus();
  };

  /** Numbers per row, as the grid is laid out now (it changes with the width). */
  const columns = () => {
    const links = items.map((i) => refs.current.get(i.position)).filter((a): a is HTMLAnchorElement => Boolean(a));
    const top = links[0]?.offsetTop;
    return Math.max(1, links.filter((a) => a.offsetTop === top).length);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((i) => i.position === (active ?? tabStop));
    if (index < 0) return;
    let next: number | null = null;
    if (e.key === "ArrowRight") next = index + 1;
    else if (e.key === "ArrowLeft") next = index - 1;
    else if (e.key === "ArrowDown") next = index + columns();
    else if (e.key === "ArrowUp") next = index - columns();
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = items.length - 1;
    else if (e.key === " " || e.key === "Enter") {
      e.preventDefault();
      onJump(items[index].position);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    focusAt(next);
  };

  return (
    <nav aria-labelledby="navigator-title" id="navigator" className="card p-3 sm:p-4" data-testid="navigator">
      <h2 id="navigator-title" className="mb-1 font-semibold">
        {t("exams.sit.navigator")}
      </h2>
      <p className="mb-3 text-sm text-slate-700" data-testid="navigator-summary">
        {t("exams.sit.navSummary", { answered, total: items.length, flagged })}
      </p>
      <p id="navigator-help" className="sr-only">
        {t("a11y.sit.navHelp")}
      </p>
      <div
        role="toolbar"
        aria-labelledby="navigator-title"
        aria-describedby="navigator-help"
        className="grid grid-cols-6 gap-2 sm:grid-cols-10 lg:grid-cols-5"
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setActive(null);
        }}
        data-testid="navigator-toolbar"
      >
        {items.map((item) => {
          const n = item.position + 1;
          const isCurrent = current === item.position;
          const states = [
            t(item.answered ? "exams.sit.nav.answered" : "exams.sit.nav.unanswered"),
            item.flagged ? t("exams.sit.nav.flagged") : null,
          ].filter(Boolean);
          return (
            <a
              key={item.position}
              ref={(el) => {
                if (el) refs.current.set(item.position, el);
                else refs.current.delete(item.position);
              }}
              href={`#q-${n}`}
              tabIndex={tabStop === item.position ? 0 : -1}
              onClick={(e) => {
                e.preventDefault();
                onJump(item.position);
              }}
              onFocus={() => setActive(item.position)}
              aria-current={isCurrent ? "step" : undefined}
              aria-label={`${t("exams.sit.question", { n })}:${states.join(",")}`}
              data-position={item.position}
              data-answered={item.answered ? "true" : "false"}
              data-flagged={item.flagged ? "true" : "false"}
              className={`relative flex h-10 items-center justify-center rounded-md border text-sm font-semibold focus:outline-none focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-amber-500 ${
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
          );
        })}
      </div>
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
