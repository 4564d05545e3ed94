import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { getContent } from "~/content.server";
import { searchCourseware } from "~/learner.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "nav.search")];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  // Control characters (NUL included) and the snippet's private-use marks are not text to search for:
  // they become spaces instead of reaching SQLite (a NUL there used to give a 500).
  const q = (new URL(request.url).searchParams.get("q") ?? "")
    .replace(/[\u0000-\u001f\u007f-\u009f\uE000\uE001]/g, " ")
    .trim()
    .slice(0, 100);
  const titles = new Map(getContent().modules.map((m) => [m.slug, m.title]));
  const hits = q ? await searchCourseware(q) : [];
  return { q, hits: hits.map((h) => ({ ...h, moduleTitle: titles.get(h.moduleSlug) ?? h.moduleSlug })) };
}

/** The snippet marks matches with \uE000…\uE001; render them as <mark> without any HTML injection. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\uE000[^\uE001]*\uE001)/);
  return (
    <>
      {parts.map((p, i) => (p.startsWith("\uE000") ? <mark key={i}>{p.slice(1, -1)}</mark> : <span key={i}>{p}</span>))}
    </>
  );
}

export default function Search() {
  const t = useT();
  const { q, hits } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("search.title")}</PageTitle>
      <Form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-2">
        <div className="field mb-0 grow">
          <label htmlFor="q">{t("search.label")}</label>
          <input id="q" name="q" type="search" className="input" defaultValue={q} placeholder={t("search.placeholder")} />
        </div>
        <button type="submit" className="btn">
          {t("search.submit")}
        </button>
      </Form>
      {q ? (
        <section aria-live="polite">
          <p className="mb-3 text-slate-700">{hits.length ? t("search.results", { q, n: hits.length }) : t("search.none", { q })}</p>
          <ul className="space-y-3">
            {hits.map((h) => (
              <li key={`${h.moduleSlug}#${h.sectionId}`} className="card search-hit">
                <Link to={`/modules/${h.moduleSlug}${h.sectionId ? `#${h.sectionId}` : ""}`} className="font-semibold text-teal-900 hover:underline">
                  {h.moduleTitle} › {h.heading}
                </Link>
                <p className="mt-1 text-sm text-slate-700">
                  <Snippet text={h.snippet} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
