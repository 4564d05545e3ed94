import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { getContent } from "~/content.server";
import { learnersProgress } from "~/learner.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ScrollX } from "~/components/scroll-x";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "trainer.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const modules = getContent().modules.map((m) => ({ slug: m.slug, title: m.title, order: m.order }));
  const learners = new Map<number, { employeeNo: string; name: string; team: string | null; completed: string[] }>();
  for (const row of await learnersProgress()) {
    const l = learners.get(row.userId) ?? { employeeNo: row.employeeNo, name: row.name, team: row.team, completed: [] };
    if (row.moduleSlug && row.completedAt) l.completed.push(row.moduleSlug);
    learners.set(row.userId, l);
  }
  return { modules, learners: [...learners.values()].sort((a, b) => a.employeeNo.localeCompare(b.employeeNo)) };
}

export default function TrainerHome() {
  const t = useT();
  const { modules, learners } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("trainer.title")}</PageTitle>
      <nav aria-label={t("trainer.title")} className="mb-6">
        <ul className="grid gap-3 sm:grid-cols-2">
          {(
            [
              ["/trainer/questions", "nav.questions", "trainer.hub.questions"],
              ["/trainer/exams", "nav.exams", "trainer.hub.exams"],
              ["/trainer/cohorts", "cohorts.nav", "trainer.hub.cohorts"],
              ["/trainer/certificates", "nav.certificates", "trainer.hub.certificates"],
              ["/admin/policy", "policy.nav", "policy.hub"],
            ] as const
          ).map(([to, title, body]) => (
            <li key={to}>
              <Link to={to} className="card block hover:border-teal-500">
                <span className="block text-lg font-semibold text-teal-900">{t(title)}</span>
                <span className="text-sm text-slate-700">{t(body)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="progress-title">
        <h2 id="progress-title" className="mb-3 text-lg font-semibold">
          {t("trainer.progressTitle")}
        </h2>
        {learners.length === 0 ? (
          <p>{t("trainer.noLearners")}</p>
        ) : (
          <ScrollX title={t("trainer.progressTitle")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("trainer.employeeNo")}</th>
                  <th scope="col">{t("trainer.name")}</th>
                  <th scope="col">{t("trainer.team")}</th>
                  <th scope="col">{t("trainer.completed")}</th>
                  {modules.map((m) => (
                    <th scope="col" key={m.slug} title={m.title} lang="zh-CN">
                      {m.order}
                      <span className="sr-only">. {m.title}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {learners.map((l) => (
                  <tr key={l.employeeNo}>
                    <td className="font-mono">{l.employeeNo}</td>
                    <td lang="zh-CN">{l.name}</td>
                    <td lang="zh-CN">{l.team}</td>
                    <td>
                      {l.completed.length} / {modules.length}
                    </td>
                    {modules.map((m) => (
                      <td key={m.slug}>
                        {l.completed.includes(m.slug) ? (
                          <>
                            <span aria-hidden="true">✓</span>
                            <span className="sr-only">{t("dashboard.completed")}</span>
                          </>
                        ) : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollX>
        )}
      </section>
    </>
  );
}
