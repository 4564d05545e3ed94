import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { questionList, type QuestionFilter } from "~/questions.server";
import { lintQuestion } from "~/domain/item-lint";
import { requireRole } from "~/auth.server";
import { getContent } from "~/content.server";
import { parseQuestionsQuery } from "~/domain/list-query";
import { questionLabel } from "~/question-labels.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { SOURCE_LIST, STATUS_LIST, StatusBadge, TYPE_LIST, useQuestionLabels } from "~/components/question-form";
import { ListCount, Pager } from "~/components/pager";
import { QuestionLabel } from "~/components/question-label";
import { ScrollX } from "~/components/scroll-x";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "qb.list.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const modules = getContent().modules.map((m) => ({ slug: m.slug, title: m.title }));
  const query = parseQuestionsQuery(new URL(request.url).searchParams, modules.map((m) => m.slug));
  const filter: QuestionFilter = {
    module: query.module || undefined,
    type: query.type || undefined,
    tag: query.tag || undefined,
    status: query.status || undefined,
    source: query.source || undefined,
    q: query.q || undefined,
  };
  const list = await questionList(filter, query.page);
  const rows = list.rows.map((q) => ({
    label: questionLabel(q, null),
    status: q.status,
    version: q.version,
    source: q.source,
    lint: lintQuestion(q).map((i) => ({ severity: i.severity, key: i.key, params: i.params })),
  }));
  return { rows, window: list.window, byStatus: list.byStatus, modules, tags: list.tags, query };
}

export default function QuestionList() {
  const t = useT();
  const labels = useQuestionLabels();
  const { rows, window, byStatus, modules, tags, query: filter } = useLoaderData<typeof loader>();
  const exportLink = (format: "json" | "gift" | "xlsx") => `/trainer/questions/export?format=${format}${filter.status ? `&status=${filter.status}` : ""}`;
  const selects = [
    ["module", t("qb.list.module"), t("qb.list.allModules"), modules.map((m) => [m.slug, m.title])],
    ["type", t("qb.list.type"), t("qb.list.allTypes"), TYPE_LIST.map((ty) => [ty, labels.type(ty)])],
    ["tag", t("qb.list.tag"), t("qb.list.allTags"), tags.map((tag) => [tag, tag])],
    ["status", t("qb.list.status"), t("qb.list.allStatuses"), STATUS_LIST.map((s) => [s, labels.status(s)])],
    ["source", t("qb.list.source"), t("qb.list.allSources"), SOURCE_LIST.map((s) => [s, labels.source(s)])],
  ] as const;

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

      <ListCount first={window.first} last={window.last} total={window.total} none={t("qb.list.none")} showing="qb.list.showing" />
      {rows.length ? (
        <ScrollX title={t("qb.list.title")}>
          <table className="data-table">
            <caption className="sr-only">{t("qb.list.title")}</caption>
            <thead>
              <tr>
                <th scope="col" className="min-w-56">
                  {t("trainer2.questions.question")}
                </th>
                <th scope="col">{t("qb.list.status")}</th>
                <th scope="col">{t("qb.list.source")}</th>
                <th scope="col">{t("lint.column")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((q) => (
                <tr key={q.label.id} data-question-id={q.label.id}>
                  <td className="min-w-56 max-w-xl">
                    <QuestionLabel q={{ ...q.label, version: q.version }} />
                  </td>
                  <td>
                    <StatusBadge status={q.status} />
                  </td>
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
        </ScrollX>
      ) : null}
      <Pager query={filter} page={window.page} pages={window.pages} label={t("trainer2.questions.pager")} />
    </>
  );
}
