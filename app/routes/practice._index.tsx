import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { moduleOutlines } from "~/content.server";
import { practiceOverview } from "~/practice.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "practice.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { counts, drillable, due } = await practiceOverview(user.id, now());
  return {
    modules: moduleOutlines().map((m) => ({ slug: m.slug, title: m.title, order: m.order, count: counts.get(m.slug) ?? 0 })),
    total: [...counts.values()].reduce((a, b) => a + b, 0),
    due,
    drillable,
  };
}

export default function PracticeIndex() {
  const t = useT();
  const { modules, total, due, drillable } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("practice.title")}</PageTitle>
      <p className="mb-4 text-slate-700">{t("practice.intro")}</p>
      <div className="mb-6 grid gap-3 sm:grid-cols-2">
        <section className="card" aria-labelledby="drill-title">
          <h2 id="drill-title" className="mb-1 text-lg font-semibold">
            {t("practice.drill.title")}
          </h2>
          <p className="mb-3 text-slate-700">{t("practice.drill.blurb")}</p>
          <p className="mb-3 font-semibold" data-testid="practice-drill-due">
            {t("practice.dashboard.due", { n: due })}
          </p>
          {drillable ? (
            <Link to="/practice/drill" className="btn">
              {t("practice.drill.start")}
            </Link>
          ) : null}
        </section>
        <section className="card" aria-labelledby="mixed-title">
          <h2 id="mixed-title" className="mb-1 text-lg font-semibold">
            {t("practice.mixedTitle")}
          </h2>
          <p className="mb-3 text-slate-700">{t("practice.mixedBlurb", { n: total })}</p>
          {total ? (
            <Link to="/practice/mixed" className="btn">
              {t("practice.startMixed")}
            </Link>
          ) : null}
        </section>
      </div>
      <h2 className="mb-2 text-lg font-semibold">{t("practice.byModule")}</h2>
      <ol className="grid gap-3 sm:grid-cols-2">
        {modules.map((m) => (
          <li key={m.slug} className="card flex flex-wrap items-baseline justify-between gap-2" data-practice-module={m.slug}>
            {m.count ? (
              <Link to={`/practice/${m.slug}`} className="font-semibold text-teal-900 hover:underline">
                {m.order}. <span lang="zh-CN">{m.title}</span>
              </Link>
            ) : (
              <span className="font-semibold text-slate-700">
                {m.order}. <span lang="zh-CN">{m.title}</span>
              </span>
            )}
            <span className="text-sm text-slate-600">{m.count ? t("practice.count", { n: m.count }) : t("practice.countNone")}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
