import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { dashboardFor } from "~/learner.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ProgressBar, StateBadge } from "~/components/progress";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "dashboard.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return dashboardFor(user);
}

export default function Dashboard() {
  const t = useT();
  const { name, progress, drillDue, drillable, assignments, openAttempt, warnings } = useLoaderData<typeof loader>();
  const next = progress.next;
  return (
    <>
      <PageTitle>{t("dashboard.welcome", { name })}</PageTitle>
      {warnings.map((w) => (
        <p key={w.name} role="alert" className="alert-error" data-testid="certificate-warning">
          {t(w.state === "expired" ? "exams.certs.warnExpired" : "exams.certs.warnExpiring", w)}{" "}
          <Link to="/exams" className="btn-link">
            {t("nav.exams")}
          </Link>
        </p>
      ))}
      {openAttempt ? (
        <p className="alert-ok">
          <Link to={`/attempts/${openAttempt}`} className="btn">
            {t("exams.continue")}
          </Link>
        </p>
      ) : null}
      {assignments.total ? (
        <p className={`mb-4 rounded-md border p-3 ${assignments.overdue ? "border-red-300 bg-red-50 text-red-900" : "border-slate-200 bg-white"}`} data-testid="assignments-due">
          {t("assignments.dashboardDue", { overdue: assignments.overdue, soon: assignments.soon })}{" "}
          <Link to="/assignments" className="btn-link">
            {t("assignments.dashboardLink")}
          </Link>
        </p>
      ) : null}
      <section className="card mb-6" aria-labelledby="progress-title">
        <h2 id="progress-title" className="mb-2 text-lg font-semibold">
          {t("dashboard.progress")}
        </h2>
        <p className="mb-2" data-testid="modules-completed">
          {t("dashboard.completedOf", { done: progress.completed, total: progress.total })}
        </p>
        <ProgressBar value={progress.completed} total={progress.total} label={t("dashboard.progress")} />
        {next ? (
          <p className="mt-4">
            <Link className="btn" to={`/modules/${next.slug}${next.resumeAt && next.state === "inProgress" ? `#${next.resumeAt}` : ""}`}>
              {next.state === "inProgress" ? t("dashboard.continue") : t("dashboard.start")}:{next.title}
            </Link>
          </p>
        ) : null}
      </section>
      <section className="card mb-6" aria-labelledby="practice-title">
        <h2 id="practice-title" className="mb-2 text-lg font-semibold">
          {t("practice.dashboard.title")}
        </h2>
        <p className="mb-3 text-lg font-semibold" data-testid="drill-due">
          {t("practice.dashboard.due", { n: drillDue })}
        </p>
        <p className="flex flex-wrap gap-3">
          {drillable ? (
            <Link className={drillDue ? "btn" : "btn-secondary"} to="/practice/drill">
              {t("practice.dashboard.toDrill")}
            </Link>
          ) : null}
          <Link className="btn-secondary" to="/practice">
            {t("practice.dashboard.toPractice")}
          </Link>
        </p>
      </section>
      <ol className="grid gap-3 sm:grid-cols-2">
        {progress.items.map((m) => (
          <li key={m.slug} className="card" data-module={m.slug}>
            <div className="mb-1 flex items-center justify-between gap-2">
              <Link to={`/modules/${m.slug}`} className="font-semibold text-teal-900 hover:underline">
                {m.order}. {m.title}
              </Link>
              <StateBadge state={m.state} />
            </div>
            <p className="mb-2 text-sm text-slate-600">
              {t("dashboard.sectionsOf", { read: m.read, total: m.total })} · {t("modules.minutes", { minutes: m.minutes })}
            </p>
            <ProgressBar value={m.read} total={m.total} label={m.title} />
          </li>
        ))}
      </ol>
    </>
  );
}
