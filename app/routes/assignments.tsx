/**
 * The signed-in learner's assignments: modules and exams assigned to the cohorts they belong to, grouped
 * by cohort, with the due date (end of that day, Asia/Shanghai) and a state computed on the server's clock.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import type { AssignmentState } from "~/domain/cohort-members";
import { assignmentsPage } from "~/learner.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "assignments.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return assignmentsPage(user.id);
}

const STATE_STYLE: Record<AssignmentState, string> = {
  done: "bg-teal-100 text-teal-900",
  open: "bg-slate-100 text-slate-800",
  dueSoon: "bg-amber-100 text-amber-900",
  overdue: "bg-red-100 text-red-800",
};

export default function Assignments() {
  const t = useT();
  const { groups, summary } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("assignments.title")}</PageTitle>
      <p className="mb-4 text-slate-700">{t("assignments.intro")}</p>
      {groups.length === 0 ? (
        <p className="card" data-testid="no-assignments">
          {t("assignments.none")}
        </p>
      ) : (
        <>
          <p className="mb-4 font-semibold" data-testid="assignments-summary">
            {t("assignments.summary", summary)}
          </p>
          {groups.map((g) => (
            <section key={g.cohortId} className="card mb-6" aria-labelledby={`cohort-${g.cohortId}`} data-cohort={g.cohortName}>
              <h2 id={`cohort-${g.cohortId}`} className="mb-3 text-lg font-semibold">
                {t("assignments.cohort", { name: g.cohortName })}
              </h2>
              <div className="overflow-x-auto">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("assignments.col.item")}</th>
                      <th scope="col">{t("assignments.col.due")}</th>
                      <th scope="col">{t("assignments.col.state")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.items.map((i) => (
                      <tr key={i.id} data-assignment={i.key} data-state={i.state}>
                        <td>
                          <span className="block text-xs text-slate-600">{t(i.kind === "module" ? "cohort.kind.module" : "cohort.kind.exam")}</span>
                          {i.href ? (
                            <Link to={i.href} className="btn-link">
                              {i.title}
                            </Link>
                          ) : (
                            (i.title ?? i.ref)
                          )}
                          {i.examNotOpen ? <span className="text-xs text-slate-600"> {t("assignments.examNotOpen")}</span> : null}
                          {i.title === null ? <span className="text-xs text-slate-600"> {t("assignments.missing")}</span> : null}
                        </td>
                        <td className="whitespace-nowrap">{i.dueDate ?? t("assignments.noDue")}</td>
                        <td>
                          <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[i.state]}`} data-testid="assignment-state">
                            {t(`assignments.state.${i.state}`)}
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      )}
    </>
  );
}
