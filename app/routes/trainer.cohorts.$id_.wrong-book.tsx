/**
 * Per cohort: the questions that fill the most wrong-answer books of its members (not yet cleared), by
 * stem text first, with how many of them are due. For the trainers responsible for the cohort (and
 * admins); a cohort the user may not see is a 404, a learner gets 403.
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { visibleCohortBrief } from "~/cohorts.server";
import { getContent } from "~/content.server";
import { cohortWrongBook } from "~/wrong-book.server";
import { useT } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { QuestionLabel } from "~/components/question-label";
import { ScrollX } from "~/components/scroll-x";
import { collapseWhitespace, truncateChars } from "~/domain/stem-label";

export const meta: MetaFunction = () => [{ title: "班级错题 · 客服学堂" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const STEM_MAX = 80;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const cohort = await visibleCohortBrief(user, params.id);
  if (!cohort) throw new Response("Not found", { status: 404 });
  const moduleTitle = new Map(getContent().modules.map((m) => [m.slug, m.title]));
  const top = await cohortWrongBook(cohort.id, now());
  return {
    cohort: { id: cohort.id, name: cohort.name },
    rows: top.map((r) => ({
      questionId: r.questionId,
      label: { id: r.questionId, version: null, stem: truncateChars(collapseWhitespace(r.stemText).trim(), STEM_MAX), type: r.type, module: r.module ? (moduleTitle.get(r.module) ?? r.module) : "" },
      learners: r.learners,
      due: r.due,
    })),
  };
}

export default function CohortWrongBook() {
  const t = useT();
  const { cohort, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link to={`/trainer/cohorts/${cohort.id}/results`} className="btn-link">
          ← {t("wrongbook.trainer.back")}
        </Link>
      </nav>
      <PageTitle>{t("wrongbook.trainer.title", { name: cohort.name })}</PageTitle>
      <p className="mb-4 text-slate-700">{t("wrongbook.trainer.intro")}</p>
      {rows.length ? (
        <ScrollX title={t("wrongbook.trainer.title", { name: cohort.name })}>
          <table className="data-table" data-testid="cohort-wrong-book">
            <thead>
              <tr>
                <th scope="col">{t("wrongbook.trainer.col.question")}</th>
                <th scope="col">{t("wrongbook.trainer.col.module")}</th>
                <th scope="col">{t("wrongbook.trainer.col.learners")}</th>
                <th scope="col">{t("wrongbook.trainer.col.due")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.questionId}>
                  <td className="min-w-56 max-w-xl">
                    <QuestionLabel q={r.label} />
                  </td>
                  <td>{r.label.module}</td>
                  <td className="whitespace-nowrap">{r.learners}</td>
                  <td className="whitespace-nowrap">{r.due}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollX>
      ) : (
        <p className="card">{t("wrongbook.trainer.empty")}</p>
      )}
    </>
  );
}
