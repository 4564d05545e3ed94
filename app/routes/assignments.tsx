/**
 * The signed-in learner's assignments: modules and exams assigned to the cohorts they belong to, grouped
 * by cohort, with the due date (end of that day, Asia/Shanghai) and a state computed on the server's clock.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { assignmentsForLearner } from "@db/queries/cohort-admin";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { getDb } from "~/db.server";
import { assignmentState, epochToDueDate, type AssignmentState } from "~/domain/cohort-members";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "assignments.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const at = now();
  const moduleTitle = new Map(getContent().modules.map((m) => [m.slug, m.title]));
  const groups: { cohortId: number; cohortName: string; items: Item[] }[] = [];
  for (const a of assignmentsForLearner(getDb(), user.id)) {
    let group = groups.find((g) => g.cohortId === a.cohortId);
    if (!group) groups.push((group = { cohortId: a.cohortId, cohortName: a.cohortName, items: [] }));
    const title = a.kind === "module" ? (moduleTitle.get(a.ref) ?? null) : a.examTitle;
    const href =
      a.kind === "module" ? (title ? `/modules/${encodeURIComponent(a.ref)}` : null) : a.examStatus === "published" ? `/exams/${encodeURIComponent(a.ref)}` : null;
    group.items.push({
      id: a.id,
      kind: a.kind,
      ref: a.ref,
      title,
      href,
      examNotOpen: a.kind === "exam" && title !== null && a.examStatus !== "published",
      dueDate: a.dueAt === null ? null : epochToDueDate(a.dueAt),
      state: assignmentState(a.done, a.dueAt, at),
    });
  }
  const all = groups.flatMap((g) => g.items);
  const count = (s: AssignmentState) => all.filter((i) => i.state === s).length;
  return { groups, summary: { total: all.length, done: count("done"), overdue: count("overdue"), soon: count("dueSoon") } };
}

interface Item {
  id: number;
  kind: "module" | "exam";
  ref: string;
  title: string | null;
  href: string | null;
  examNotOpen: boolean;
  dueDate: string | null;
  state: AssignmentState;
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
                      <tr key={i.id} data-assignment={`${i.kind}:${i.ref}`} data-state={i.state}>
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
