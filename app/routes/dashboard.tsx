import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { progressForUser } from "@db/queries/progress";
import { requireUser } from "~/auth.server";
import { moduleOutlines } from "~/content.server";
import { getDb } from "~/db.server";
import { summarizeProgress } from "~/domain/progress";
import { useT } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ProgressBar, StateBadge } from "~/components/progress";

export const meta: MetaFunction = () => [{ title: "我的学习 · 客服学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const progress = summarizeProgress(moduleOutlines(), progressForUser(getDb(), user.id));
  return { name: user.name, progress };
}

export default function Dashboard() {
  const t = useT();
  const { name, progress } = useLoaderData<typeof loader>();
  const next = progress.next;
  return (
    <>
      <PageTitle>{t("dashboard.welcome", { name })}</PageTitle>
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
