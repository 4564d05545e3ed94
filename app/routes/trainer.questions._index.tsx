import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { questionList, type QuestionFilter } from "~/questions.server";
import { lintQuestion } from "~/domain/item-lint";
import { requireRole } from "~/auth.server";
import { getContent } from "~/content.server";
import { QUESTION_SOURCES, QUESTION_STATUSES, QUESTION_TYPES, type QuestionSource, type QuestionStatus, type QuestionType } from "~/domain/question";
import { markdownToText } from "~/domain/safe-markdown";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { SOURCE_LIST, STATUS_LIST, StatusBadge, TYPE_LIST, useQuestionLabels } from "~/components/question-form";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "qb.list.title")];

const PAGE_SIZE = 50;
const EXCERPT = 80;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return list.includes(value as T) ? (value as T) : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const params = new URL(request.url).searchParams;
  const modules = getContent().modules.map((m) => ({ slug: m.slug, title: m.title }));
  const filter: QuestionFilter = {
    module: modules.some((m) => m.slug === params.get("module")) ? params.get("module")! : undefined,
    type: oneOf<QuestionType>(QUESTION_TYPES, params.get("type")),
    tag: params.get("tag")?.trim() || undefined,
    status: oneOf<QuestionStatus>(QUESTION_STATUSES, params.get("status")),
    source: oneOf<QuestionSource>(QUESTION_SOURCES, params.get("source")),
    q: params.get("q")?.trim().slice(0, 100) || undefined,
  };
  const pageOf = (total: number) => Math.min(Math.max(1, Math.ceil(total / PAGE_SIZE)), Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  const list = await questionList(filter, PAGE_SIZE, pageOf);
  const { total, page, byStatus } = list;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const titles = new Map(modules.map((m) => [m.slug, m.title]));
  const rows = list.rows.map((q) => {
    const text = markdownToText(q.stem);
    return {
      id: q.id,
      type: q.type,
      excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text,
      module: q.module ? (titles.get(q.module) ?? q.module) : "",
      status: q.status,
      version: q.version,
      source: q.source,
      lint: lintQuestion(q).map((i) => ({ severity: i.severity, key: i.key, params: i.params })),
    };
  });
  return {
    rows,
    total,
    page,
    pages,
    byStatus,
    modules,
    tags: list.tags,
    filter: {
      module: filter.module ?? "",
      type: filter.type ?? "",
      tag: filter.tag ?? "",
      status: filter.status ?? "",
      source: filter.source ?? "",
      q: filter.q ?? "",
    },
  };
}

export default function QuestionList() {
  const t = useT();
  const labels = useQuestionLabels();
  const { rows, total, page, pages, byStatus, modules, tags, filter } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next.toString()}`;
  };
  const exportLink = (format: "json" | "gift" | "xlsx") => `/trainer/questions/export?format=${format}${filter.status ? `&status=${filter.status}` : ""}`;
  const selects = [
    ["module", t("qb.list.module"), t("qb.list.allModules"), modules.map((m) => [m.slug, m.title])],
    ["type", t("qb.list.type"), t("qb.list.allTypes"), TYPE_LIST.map((ty) => [ty, labels.type(ty)])],
    ["tag", t("qb.list.tag"), t("qb.list.allTags"), tags.map((tag) => [tag, tag])],
    ["status", t("qb.list.status"), t("qb.list.allStatuses"), STATUS_LIST.map((s) => [s, labels.status(s)])],
    ["source", t("qb.list.source"), t("qb.list.allSources"), SOURCE_LIST.map((s) => [s, labels.source(s)])],
  ] as const;
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);

  return (
    <>
      <PageTitle>{t("qb.list.title")}</PageTitle>
      <div className="mb-4 flex flex-wrap gap-2">
        <Link to="/trainer/questions/new" className="btn">
          {t("qb.list.new")}
        </Link>
        <Link to="/trainer/questions/import" className="btn-secondary">
          {t("qb.list.import")}
        </Link>
        <a href={exportLink("json")} className="btn-secondary" download>
          {t("qb.list.exportJson")}
        </a>
        <a href={exportLink("gift")} className="btn-secondary" download>
          {t("qb.list.exportGift")}
        </a>
        <a href={exportLink("xlsx")} className="btn-secondary" download>
          {t("qb.list.exportXlsx")}
        </a>
      </div>
      <p className="mb-4 text-sm text-slate-700" data-testid="bank-counts">
        {t("qb.list.counts", { published: byStatus.published, draft: byStatus.draft, retired: byStatus.retired })}
      </p>

      <Form method="get" className="card mb-4 grid gap-x-3 sm:grid-cols-3 lg:grid-cols-6" role="search" aria-label={t("qb.list.filters")}>
        <div className="field sm:col-span-3 lg:col-span-6">
          <label htmlFor="f-q">{t("qb.list.search")}</label>
          <input id="f-q" name="q" type="search" className="input" defaultValue={filter.q} placeholder={t("qb.list.searchPlaceholder")} />
        </div>
        {selects.map(([name, label, all, options]) => (
          <div className="field" key={name}>
            <label htmlFor={`f-${name}`}>{label}</label>
            <select id={`f-${name}`} name={name} className="input" defaultValue={filter[name]}>
              <option value="">{all}</option>
              {options.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="flex items-end gap-2 pb-4">
          <button type="submit" className="btn">
            {t("qb.list.filter")}
          </button>
          <Link to="/trainer/questions" className="btn-link text-sm">
            {t("qb.list.reset")}
          </Link>
        </div>
      </Form>

      <p className="mb-2 text-sm text-slate-700" role="status" data-testid="result-count">
        {total === 0 ? t("qb.list.none") : t("qb.list.showing", { first, last, total })}
      </p>
      {rows.length ? (
        <div className="overflow-x-auto">
          <table className="data-table">
            <caption className="sr-only">{t("qb.list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("qb.list.id")}</th>
                <th scope="col">{t("qb.list.type")}</th>
                <th scope="col">{t("qb.list.stem")}</th>
                <th scope="col">{t("qb.list.module")}</th>
                <th scope="col">{t("qb.list.status")}</th>
                <th scope="col">{t("qb.list.version")}</th>
                <th scope="col">{t("qb.list.source")}</th>
                <th scope="col">{t("lint.column")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((q) => (
                <tr key={q.id} data-question-id={q.id}>
                  <td className="font-mono text-xs break-all">
                    <Link to={`/trainer/questions/${encodeURIComponent(q.id)}`} className="btn-link" aria-label={t("qb.list.editAria", { id: q.id })}>
                      {q.id}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap">{labels.type(q.type)}</td>
                  <td className="min-w-48">{q.excerpt}</td>
                  <td>{q.module}</td>
                  <td>
                    <StatusBadge status={q.status} />
                  </td>
                  <td>v{q.version}</td>
                  <td className="whitespace-nowrap">{labels.source(q.source)}</td>
                  <td className="text-xs" data-testid="lint-cell">
                    {q.lint.length ? (
                      <span
                        className={q.lint.some((i) => i.severity === "error") ? "text-red-700" : "text-amber-700"}
                        title={q.lint.map((i) => t(i.key, i.params)).join("\n")}
                      >
                        {t("lint.count", { errors: q.lint.filter((i) => i.severity === "error").length, warnings: q.lint.filter((i) => i.severity === "warning").length })}
                      </span>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t("qb.list.pagination")} className="mt-4 flex flex-wrap items-center gap-3">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="btn-secondary" rel="prev">
              {t("qb.list.prev")}
            </Link>
          ) : null}
          <span className="text-sm">{t("qb.list.pageOf", { page, pages })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} className="btn-secondary" rel="next">
              {t("qb.list.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
