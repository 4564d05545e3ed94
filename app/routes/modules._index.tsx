import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { getContent } from "~/content.server";
import { modulesProgress } from "~/learner.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { StateBadge } from "~/components/progress";
import { DueNote } from "~/components/due";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "modules.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const summaries = new Map(getContent().modules.map((m) => [m.slug, m.summary]));
  const { items } = await modulesProgress(user.id);
  return { modules: items.map((m) => ({ ...m, summary: summaries.get(m.slug) ?? "" })) };
}

export default function Modules() {
  const t = useT();
  const { modules } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("modules.title")}</PageTitle>
      <p className="mb-4 text-slate-700">{t("modules.intro")}</p>
      <ol className="space-y-3">
        {modules.map((m) => (
          <li key={m.slug} className="card">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">
                <Link to={`/modules/${m.slug}`} className="text-teal-900 hover:underline">
                  {m.order}. <span lang="zh-CN">{m.title}</span>
                </Link>
              </h2>
              <span className="flex items-center gap-2 text-sm text-slate-600">
                {t("modules.minutes", { minutes: m.minutes })}
                <StateBadge state={m.state} />
              </span>
            </div>
            <p lang="zh-CN" className="mt-1 text-slate-700">{m.summary}</p>
            {m.due ? <DueNote due={m.due} className="mt-2 text-sm" /> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
