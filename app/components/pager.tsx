/**
 * Page links of a server-side paged list: previous / "page N of M" / next, each link keeping every
 * filter of the query (app/domain/list-query.ts listSearch). Wraps at 360 px.
 */
import { Link } from "@remix-run/react";
import { listSearch } from "~/domain/list-query";
import type { MessageKey } from "~/i18n";
import { useT } from "./i18n";

export function Pager({ query, page, pages, label, testId = "pager" }: { query: Record<string, string | number>; page: number; pages: number; label: string; testId?: string }) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center gap-3" data-testid={testId}>
      {page > 1 ? (
        <Link to={listSearch(query, { page: page - 1 })} className="btn-secondary" rel="prev">
          {t("trainer2.pager.prev")}
        </Link>
      ) : null}
      <span className="text-sm" aria-current="page" data-testid="pager-status">
        {t("trainer2.pager.status", { page, pages })}
      </span>
      {page < pages ? (
        <Link to={listSearch(query, { page: page + 1 })} className="btn-secondary" rel="next">
          {t("trainer2.pager.next")}
        </Link>
      ) : null}
    </nav>
  );
}

/** "Rows 51–100 of 120" / "none found", announced when the list changes. */
export function ListCount({
  first,
  last,
  total,
  none,
  showing = "trainer2.list.showing",
  testId = "result-count",
}: {
  first: number;
  last: number;
  total: number;
  none: string;
  showing?: MessageKey;
  testId?: string;
}) {
  const t = useT();
  return (
    <p className="mb-2 text-sm text-slate-700" role="status" data-testid={testId} data-total={total}>
      {total === 0 ? none : t(showing, { first, last, total })}
    </p>
  );
}
