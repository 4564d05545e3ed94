import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireUser } from "~/auth.server";
import { getModule, moduleOutlines } from "~/content.server";
import { annotateLocalPolicy } from "~/domain/local-policy";
import { moduleReading, recordModuleProgress } from "~/learner.server";
import { validSectionIds } from "~/domain/progress";
import { useT, pageTitle } from "~/components/i18n";
import { ProgressBar } from "~/components/progress";
import { getT } from "~/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [pageTitle(matches, data ? { text: data.module.title } : "nav.modules")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = getModule(params.slug ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  const { module, prev, next } = found;
  const { progress, policy } = await moduleReading(user.id, module.slug);
  const mainSections = module.toc.filter((e) => e.depth === 2).map((e) => e.id);
  // Figures the company has set itself (本单位规定) are shown beside what the manual says.
  const html = annotateLocalPolicy(module.html, policy);
  return {
    module: { slug: module.slug, title: module.title, order: module.order, minutes: module.minutes, summary: module.summary, html, toc: module.toc },
    prev: prev ? { slug: prev.slug, title: prev.title } : null,
    next: next ? { slug: next.slug, title: next.title } : null,
    reached: (progress?.sectionsReached ?? []).filter((id) => mainSections.includes(id)),
    totalSections: mainSections.length,
    completed: Boolean(progress?.completedAt),
  };
}

const INTENTS = { reach: "reach", complete: "complete", incomplete: "incomplete" } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const outline = moduleOutlines().find((m) => m.slug === params.slug);
  if (!outline) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const intent = form.get("intent");
  switch (intent) {
    case INTENTS.reach: {
      const ids = validSectionIds(String(form.get("sections") ?? "").split(","), outline);
      await recordModuleProgress(user.id, outline.slug, { reached: ids });
      return { ok: true };
    }
    case INTENTS.complete:
    case INTENTS.incomplete:
      await recordModuleProgress(user.id, outline.slug, { completed: intent === INTENTS.complete, sectionIds: outline.sectionIds });
      return { ok: true };
    default:
      throw data((await getT(request))("error.unknownIntent"), { status: 400 });
  }
}

/** Records each main section as the learner scrolls it into view (batched, at most once a second). */
function useReadingTracker(reached: string[]) {
  const fetcher = useFetcher();
  const sent = useRef(new Set(reached));
  const pending = useRef(new Set<string>());
  useEffect(() => {
    const headings = Array.from(document.querySelectorAll<HTMLElement>(".courseware h2[id]"));
    // Captured now: the last batch may be flushed after navigating to another page.
    const moduleUrl = window.location.pathname;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (!pending.current.size) return;
      const ids = [...pending.current];
      pending.current.clear();
      fetcher.submit({ intent: "reach", sections: ids.join(",") }, { method: "post", action: moduleUrl });
    };
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting && !sent.current.has(e.target.id)) {
            sent.current.add(e.target.id);
            pending.current.add(e.target.id);
          }
        }
        if (pending.current.size && !timer) timer = setTimeout(flush, 800);
      },
      { rootMargin: "0px 0px -30% 0px" },
    );
    headings.forEach((h) => observer.observe(h));
    return () => {
      observer.disconnect();
      if (timer) clearTimeout(timer);
      flush();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

export default function ModulePage() {
  const t = useT();
  const { module, prev, next, reached, totalSections, completed } = useLoaderData<typeof loader>();
  useReadingTracker(reached);
  return (
    <div className="lg:grid lg:grid-cols-[16rem_1fr] lg:gap-8">
      <aside className="mb-6 lg:sticky lg:top-4 lg:self-start print:hidden">
        <nav aria-labelledby="toc-title" className="card text-sm">
          <h2 id="toc-title" className="mb-2 font-semibold">
            {t("modules.toc")}
          </h2>
          <ol className="space-y-1">
            {module.toc.map((e) => (
              <li key={e.id} className={e.depth === 3 ? "pl-4" : ""}>
                <a href={`#${e.id}`} className="text-teal-900 hover:underline">
                  {e.text}
                </a>
              </li>
            ))}
          </ol>
          <div className="mt-4">
            <p className="mb-1 text-slate-600" data-testid="module-progress">
              {t("modules.readProgress", { read: reached.length, total: totalSections })}
            </p>
            <ProgressBar value={reached.length} total={totalSections} label={module.title} />
          </div>
        </nav>
      </aside>
      <article aria-labelledby="module-title">
        <header className="mb-4">
          <p className="text-sm text-slate-600">
            {t("nav.modules")} {module.order} · {t("modules.minutes", { minutes: module.minutes })}
          </p>
          <h1 id="module-title" className="text-2xl font-bold">
            {module.title}
          </h1>
          <p className="mt-1 text-slate-700">{module.summary}</p>
        </header>
        {/* Our own courseware, rendered at start-up with raw HTML escaped (app/domain/markdown.ts). */}
        <div className="courseware" dangerouslySetInnerHTML={{ __html: module.html }} />
        <div className="mt-8 flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4 print:hidden">
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value={completed ? "incomplete" : "complete"} />
            <button type="submit" className={completed ? "btn-secondary" : "btn"}>
              {completed ? t("modules.markIncomplete") : t("modules.markComplete")}
            </button>
          </Form>
          {completed ? (
            <p role="status" className="font-semibold text-teal-800">
              ✓ {t("modules.isComplete")}
            </p>
          ) : null}
        </div>
        <nav className="mt-6 flex justify-between gap-4 print:hidden" aria-label={`${t("modules.prev")} / ${t("modules.next")}`}>
          {prev ? (
            <Link to={`/modules/${prev.slug}`} rel="prev" className="btn-link">
              ← {t("modules.prev")}:{prev.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link to={`/modules/${next.slug}`} rel="next" className="btn-link text-right">
              {t("modules.next")}:{next.title} →
            </Link>
          ) : null}
        </nav>
      </article>
    </div>
  );
}
