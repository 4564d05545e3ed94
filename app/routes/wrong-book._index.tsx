/**
 * 错题本: the signed-in learner's wrong-answer book — how many questions are due now, the rule for leaving
 * the book, and the questions in it (stem text; never an id, which could give a generated answer away).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { now } from "~/clock.server";
import { formatDateTime } from "~/domain/time";
import { wrongBookPage } from "~/wrong-book.server";
import { pageTitle, useT } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import type { MessageKey } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "wrongbook.title")];

const STEM_MAX = 120;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await wrongBookPage(user.id, now());
  return {
    ...page,
    entries: page.entries.map((e) => ({
      stem: e.stemText.length > STEM_MAX ? `${e.stemText.slice(0, STEM_MAX)}…` : e.stemText,
      type: e.type,
      source: e.source,
      due: e.isDue ? null : formatDateTime(e.due),
      rightStreak: e.rightStreak,
    })),
  };
}

export default function WrongBook() {
  const t = useT();
  const { entries, dueCount, exitStreak } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("wrongbook.title")}</PageTitle>
      <p className="mb-2 text-slate-700">{t("wrongbook.intro")}</p>
      <p className="mb-4 text-slate-700" data-testid="exit-rule">
        {t("wrongbook.exitRule", { n: exitStreak })}
      </p>
      <section className="card mb-6" aria-labelledby="book-due">
        <h2 id="book-due" className="mb-2 text-lg font-semibold" data-testid="book-due">
          {t("wrongbook.due", { n: dueCount })}
        </h2>
        <p className="mb-3 text-slate-700">{t("wrongbook.total", { n: entries.length })}</p>
        {dueCount ? (
          <Link to="/wrong-book/review" className="btn">
            {t("wrongbook.start")}
          </Link>
        ) : (
          <p className="text-slate-600">{entries.length ? t("wrongbook.nothingDue") : t("wrongbook.empty")}</p>
        )}
      </section>
      {entries.length ? (
        <section aria-labelledby="book-list">
          <h2 id="book-list" className="mb-2 text-lg font-semibold">
            {t("wrongbook.list")}
          </h2>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="book-list">
            <table className="data-table" data-testid="book-entries">
              <thead>
                <tr>
                  <th scope="col">{t("wrongbook.col.question")}</th>
                  <th scope="col">{t("wrongbook.col.source")}</th>
                  <th scope="col">{t("wrongbook.col.due")}</th>
                  <th scope="col">{t("wrongbook.col.streak")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={i}>
                    <td>
                      {e.stem}
                      <span className="block text-xs text-slate-600">{t(`practice.type.${e.type}` as MessageKey)}</span>
                    </td>
                    <td className="whitespace-nowrap">{t(`wrongbook.source.${e.source}` as MessageKey)}</td>
                    <td className="whitespace-nowrap">{e.due ?? t("wrongbook.dueNow")}</td>
                    <td className="whitespace-nowrap">
                      {e.rightStreak} / {exitStreak}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
