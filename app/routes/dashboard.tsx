import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { assignmentsForLearner } from "@db/queries/cohort-admin";
import { attemptsOfLearner, certificatesOfLearner } from "@db/queries/exams";
import { drillCardsFor, publishedAmong } from "@db/queries/practice";
import { progressForUser } from "@db/queries/progress";
import { requireUser } from "~/auth.server";
import { formatDate } from "~/domain/time";
import { now } from "~/clock.server";
import { getContent, moduleOutlines } from "~/content.server";
import { getDb } from "~/db.server";
import { drillItems, drillQuestionIds, dueCount, toFactCards } from "~/domain/drill";
import { assignmentState } from "~/domain/cohort-members";
import { certificateState, isOverdue } from "~/domain/exam";
import { summarizeProgress } from "~/domain/progress";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ProgressBar, StateBadge } from "~/components/progress";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "dashboard.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const progress = summarizeProgress(moduleOutlines(), progressForUser(db, user.id));
  // Numbers drill: figures due for review today (unlost facts with a published generated question).
  const facts = getContent().facts;
  const drillable = drillItems(facts, publishedAmong(db, facts.flatMap((f) => drillQuestionIds(f.id))));
  const drillDue = dueCount(toFactCards(drillCardsFor(db, user.id)), drillable.map((i) => i.factId), now());
  const t = now();
  const states = assignmentsForLearner(db, user.id).map((a) => assignmentState(a.done, a.dueAt, t));
  const assignments = { total: states.length, overdue: states.filter((s) => s === "overdue").length, soon: states.filter((s) => s === "dueSoon").length };
  const open = attemptsOfLearner(db, user.id).find((a) => a.status === "in_progress" && !isOverdue(a.deadline, t));
  // Newest certificate per exam: a renewed one silences the old warning.
  const newest = new Map<number, ReturnType<typeof certificatesOfLearner>[number]>();
  for (const c of certificatesOfLearner(db, user.id)) if (!newest.has(c.examId)) newest.set(c.examId, c);
  const warnings = [...newest.values()]
    .filter((c) => !c.revokedAt)
    .map((c) => ({ name: c.name, date: formatDate(c.expiresAt), days: Math.max(0, Math.ceil((c.expiresAt - t) / 86_400_000)), state: certificateState(c, t) }))
    .filter((c) => c.state === "expiring" || c.state === "expired");
  return { name: user.name, progress, drillDue, drillable: drillable.length, assignments, openAttempt: open?.id ?? null, warnings };
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
