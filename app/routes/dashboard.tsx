import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { dashboardFor } from "~/learner.server";
import { useEffect, useState } from "react";
import { minutesLeft } from "~/domain/exam";
import { formatDateTime } from "~/domain/time";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ContentText } from "~/components/content-text";
import { ProgressBar, StateBadge } from "~/components/progress";
import { DueNote } from "~/components/due";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "dashboard.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return dashboardFor(user);
}

/**
 * The open attempt's minutes left, counting down on the page: from the server's deadline and the server's
 * time when the page was made, moved on by the browser's monotonic clock (never its wall clock).
 */
function useMinutesLeft(open: { deadline: number; serverNow: number; minutesLeft: number } | null): number {
  const [minutes, setMinutes] = useState(open?.minutesLeft ?? 0);
  useEffect(() => {
    if (!open) return;
    const offset = open.serverNow - performance.now();
    const tick = () => setMinutes(minutesLeft(open.deadline, performance.now() + offset));
    tick();
    const id = setInterval(tick, 5_000);
    return () => clearInterval(id);
  }, [open?.deadline, open?.serverNow]); // eslint-disable-line react-hooks/exhaustive-deps
  return minutes;
}

export default function Dashboard() {
  const t = useT();
  const { name, progress, moduleDue, drillDue, drillable, assignments, due, openAttempt, sitNow, warnings, wrongBookDue } = useLoaderData<typeof loader>();
  const liveMinutes = useMinutesLeft(openAttempt);
  const windowText = (e: (typeof sitNow)[number]) =>
    e.opensAt && e.closesAt
      ? t("exams.window.range", { from: formatDateTime(e.opensAt), to: formatDateTime(e.closesAt) })
      : e.opensAt
        ? t("exams.window.opens", { at: formatDateTime(e.opensAt) })
        : e.closesAt
          ? t("exams.window.closes", { at: formatDateTime(e.closesAt) })
          : t("exams.window.always");
  const next = progress.next;
  return (
    <>
      <PageTitle>
        <ContentText t={t} k="dashboard.welcome" vars={{ name }} content={["name"]} />
      </PageTitle>
      {warnings.map((w) => (
        <p key={w.name} role="alert" className="alert-error" data-testid="certificate-warning">
          <ContentText t={t} k={w.state === "expired" ? "exams.certs.warnExpired" : "exams.certs.warnExpiring"} vars={w} content={["name"]} />{" "}
          <Link to="/exams" className="btn-link">
            {t("nav.exams")}
          </Link>
        </p>
      ))}
      {openAttempt ? (
        <p className="alert-ok">
          <Link to={`/attempts/${openAttempt.id}`} className="btn" data-testid="resume-attempt">
            <ContentText t={t} k="learner.resume" vars={{ title: openAttempt.title, minutes: liveMinutes }} content={["title"]} />
          </Link>
        </p>
      ) : null}
      <section className="card mb-6" aria-labelledby="sit-now-title" data-testid="sit-now">
        <h2 id="sit-now-title" className="mb-2 text-lg font-semibold">
          {t("learner.sitNow.title")}
        </h2>
        {sitNow.length ? (
          <ul className="space-y-3">
            {sitNow.map((e) => (
              <li key={e.id} className="rounded-md border border-slate-200 p-3" data-exam={e.id}>
                <Link to={`/exams/${e.id}`} className="font-semibold text-teal-900 hover:underline" lang="zh-CN">
                  {e.title}
                </Link>
                <p className="text-sm text-slate-700">
                  {t("learner.sitNow.limit", { minutes: e.timeLimitMinutes })} · {t("learner.sitNow.attemptsLeft", { left: e.attemptsLeft, allowed: e.attemptsAllowed })}
                </p>
                {e.due ? <DueNote due={e.due} className="text-sm" /> : null}
                <p className="text-sm text-slate-600">{t("learner.sitNow.window", { window: windowText(e) })}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">{t("learner.sitNow.none")}</p>
        )}
      </section>
      {assignments.total ? (
        <section
          className={`card mb-6 ${assignments.overdue ? "border-red-300" : ""}`}
          aria-labelledby="due-title"
          data-testid="assignments-due"
        >
          <h2 id="due-title" className="mb-2 text-lg font-semibold">
            {t("learner.due.title")}
          </h2>
          <p className="mb-2">
            {t("assignments.dashboardDue", { overdue: assignments.overdue, soon: assignments.soon })}{" "}
            <Link to="/assignments" className="btn-link">
              {t("assignments.dashboardLink")}
            </Link>
          </p>
          {due.length ? (
            <ul className="space-y-1" data-testid="due-list">
              {due.map((d) => (
                <li key={d.id} className={d.state === "overdue" ? "text-red-800" : ""}>
                  <span className="font-semibold">{t(d.state === "overdue" ? "learner.due.overdue" : "learner.due.soon")}</span> ·{" "}
                  {t(d.kind === "module" ? "learner.due.kind.module" : "learner.due.kind.exam")} ·{" "}
                  <Link to={d.href} className="btn-link">
                    <ContentText t={t} k="learner.due.item" vars={{ title: d.title, date: d.dueDate }} content={["title"]} />
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-600">{t("learner.due.none")}</p>
          )}
        </section>
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
              {next.state === "inProgress" ? t("dashboard.continue") : t("dashboard.start")}: <span lang="zh-CN">{next.title}</span>
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
        <p className="mt-3 flex flex-wrap items-center gap-3" data-testid="wrong-book-due">
          <span className="font-semibold">{t("wrongbook.dashboard", { n: wrongBookDue })}</span>
          <Link className={wrongBookDue ? "btn" : "btn-secondary"} to={wrongBookDue ? "/wrong-book/review" : "/wrong-book"}>
            {wrongBookDue ? t("wrongbook.dashboardLink") : t("wrongbook.title")}
          </Link>
        </p>
      </section>
      <ol className="grid gap-3 sm:grid-cols-2">
        {progress.items.map((m) => (
          <li key={m.slug} className="card" data-module={m.slug}>
            <div className="mb-1 flex items-center justify-between gap-2">
              <Link to={`/modules/${m.slug}`} className="font-semibold text-teal-900 hover:underline" id={`module-title-${m.slug}`}>
                {m.order}. <span lang="zh-CN">{m.title}</span>
              </Link>
              <StateBadge state={m.state} />
            </div>
            <p className="mb-2 text-sm text-slate-600">
              {t("dashboard.sectionsOf", { read: m.read, total: m.total })} · {t("modules.minutes", { minutes: m.minutes })}
            </p>
            <ProgressBar value={m.read} total={m.total} labelledBy={`module-title-${m.slug}`} />
            {moduleDue[m.slug] ? <DueNote due={moduleDue[m.slug]!} className="mt-2 text-sm" /> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
