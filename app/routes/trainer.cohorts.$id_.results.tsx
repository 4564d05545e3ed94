/**
 * A cohort's results, for the trainers responsible for it (and admins): per assigned exam a summary
 * (n, mean, median, SD, pass rate) and the distribution of best scores; members × exams (best score,
 * attempts, passed, certificate, overdue) with links to every attempt; members × modules (reading
 * progress); and mastery by module, weakest first. A cohort the user may not see is a 404.
 * (`$id_` so the page does not nest in the cohort management page; the URL is /trainer/cohorts/:id/results.)
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { cohortResults, visibleCohortBrief } from "~/cohorts.server";
import { formatDate } from "~/domain/time";
import { useT } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import type { T } from "~/i18n";
import { metaT } from "~/components/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${metaT(matches)("reports.results.title", { name: data?.cohort.name ?? "" })} · ${metaT(matches)("app.name")}` },
];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const cohort = await visibleCohortBrief(user, params.id);
  if (!cohort) throw new Response("Not found", { status: 404 });

  const { report, passPercent, attempts } = await cohortResults(cohort.id, now());
  const attemptsOf = new Map<string, { id: string; attemptNo: number; percent: number | null; inProgress: boolean; passed: boolean }[]>();
  for (const a of attempts) {
    const key = `${a.userId}|${a.examId}`;
    const list = attemptsOf.get(key) ?? [];
    list.push({ id: a.id, attemptNo: a.attemptNo, percent: a.percentBp === null ? null : a.percentBp / 100, inProgress: a.status === "in_progress", passed: Boolean(a.passed) });
    attemptsOf.set(key, list);
  }
  const mastery = [...report.mastery].sort((a, b) => (a.share ?? Infinity) - (b.share ?? Infinity) || a.title.localeCompare(b.title));

  return {
    cohort,
    members: report.members,
    exams: report.exams.map((e) => ({ ...e, passPercent: passPercent.get(e.id) ?? null })),
    modules: report.modules,
    summaries: report.examSummaries.map((s) => ({ ...s, due: s.dueAt === null ? null : formatDate(s.dueAt), passPercent: passPercent.get(s.examId) ?? null })),
    grid: report.grid.map((g) => ({
      userId: g.userId,
      employeeNo: g.employeeNo,
      name: g.name,
      team: g.team,
      exams: g.exams.map((c, i) => ({
        attempts: c.attempts,
        bestPercent: c.bestPercent,
        passed: c.passed,
        overdue: c.overdue,
        certificate: c.certificate ? { expires: formatDate(c.certificate.expiresAt), state: c.certificate.state } : null,
        list: attemptsOf.get(`${g.userId}|${report.exams[i].id}`) ?? [],
      })),
      modules: g.modules,
    })),
    mastery,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** 82.456 → "82.5"; null → "—". */
const num = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "—" : String(Math.round(x * 10 ** digits) / 10 ** digits));
const pct = (share: number | null | undefined) => (share === null || share === undefined ? "—" : `${num(share * 100)}%`);

export default function CohortResults() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <nav className="mb-2 flex flex-wrap gap-x-4 text-sm" aria-label={t("reports.breadcrumb")}>
        <Link to={`/trainer/cohorts/${d.cohort.id}`} className="btn-link">
          ← {t("reports.results.backToCohort")}
        </Link>
        <Link to="/trainer/cohorts" className="btn-link">
          {t("reports.results.allCohorts")}
        </Link>
      </nav>
      <PageTitle>{t("reports.results.title", { name: d.cohort.name })}</PageTitle>
      <p className="mb-4 text-sm text-slate-700">
        {t("reports.results.intro", { n: d.members })}
        {d.cohort.archived ? ` ${t("reports.results.archived")}` : ""}
      </p>

      <Downloads d={d} />

      {d.members === 0 ? (
        <p className="card mb-6" data-testid="no-members">
          {t("reports.results.noMembers")}
        </p>
      ) : null}

      <section aria-labelledby="summary-title" className="mb-8">
        <h2 id="summary-title" className="mb-3 text-lg font-semibold">
          {t("reports.results.summaryTitle")}
        </h2>
        {d.summaries.length === 0 ? (
          <p className="text-sm">{t("reports.results.noExams")}</p>
        ) : (
          <div className="space-y-4">
            {d.summaries.map((s) => (
              <ExamSummary key={s.examId} s={s} members={d.members} cohortId={d.cohort.id} />
            ))}
          </div>
        )}
      </section>

      {d.exams.length ? <ExamGrid d={d} /> : null}
      <ProgressGrid d={d} />
      <Mastery d={d} />
    </>
  );
}

function Downloads({ d }: { d: Data }) {
  const t = useT();
  return (
    <section aria-labelledby="downloads-title" className="card mb-6">
      <h2 id="downloads-title" className="mb-2 font-semibold">
        {t("reports.downloads.title")}
      </h2>
      <ul className="space-y-1 text-sm">
        <li>
          <a href={`/trainer/cohorts/${d.cohort.id}/results.csv`} download className="btn-link" data-testid="download-results">
            {t("reports.downloads.results")}
          </a>{" "}
          <a href={`/trainer/cohorts/${d.cohort.id}/results.xlsx`} download className="btn-link" data-testid="download-results-xlsx" aria-label={t("trainer2.download.xlsxAria", { what: t("reports.downloads.results") })}>
            {t("trainer2.download.xlsx")}
          </a>
        </li>
        <li>
          <Link to={`/trainer/cohorts/${d.cohort.id}/wrong-book`} className="btn-link" data-testid="cohort-wrong-book-link">
            {t("wrongbook.trainer.link")}
          </Link>
        </li>
        {d.exams.map((e) => (
          <li key={e.id}>
            <a href={`/trainer/exams/${e.id}/responses.csv?cohort=${d.cohort.id}`} download className="btn-link" data-testid="download-responses">
              {t("reports.downloads.responses", { title: e.title })}
            </a>{" "}
            <a href={`/trainer/exams/${e.id}/responses.xlsx?cohort=${d.cohort.id}`} download className="btn-link" aria-label={t("trainer2.download.xlsxAria", { what: t("reports.downloads.responses", { title: e.title }) })}>
              {t("trainer2.download.xlsx")}
            </a>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-600">{t("reports.downloads.hint")}</p>
    </section>
  );
}

function ExamSummary({ s, members, cohortId }: { s: Data["summaries"][number]; members: number; cohortId: number }) {
  const t = useT();
  return (
    <article className="card" aria-labelledby={`exam-${s.examId}-title`} data-testid="exam-summary" data-exam-id={s.examId}>
      <h3 id={`exam-${s.examId}-title`} className="mb-1 font-semibold">
        {s.title}
      </h3>
      <p className="mb-3 flex flex-wrap gap-x-4 text-sm text-slate-700">
        {s.due !== null ? <span>{t("reports.results.due", { date: s.due })}</span> : null}
        {s.passPercent !== null ? <span>{t("reports.results.passMark", { percent: s.passPercent })}</span> : null}
        <Link to={`/trainer/exams/${s.examId}/analysis?cohort=${cohortId}`} className="btn-link" data-testid="analysis-link">
          {t("reports.results.analysisLink")}
        </Link>
      </p>
      <dl className="mb-4 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <Stat label={t("reports.stat.n")} value={t("reports.stat.nOf", { n: s.n, total: members })} testId="stat-n" />
        <Stat label={t("reports.stat.mean")} value={s.mean === null ? "—" : `${num(s.mean)}%`} testId="stat-mean" />
        <Stat label={t("reports.stat.median")} value={s.median === null ? "—" : `${num(s.median)}%`} testId="stat-median" />
        <Stat label={t("reports.stat.sd")} value={s.sd === null ? "—" : num(s.sd)} testId="stat-sd" />
        <Stat label={t("reports.stat.range")} value={s.min === null || s.max === null ? "—" : `${num(s.min)}–${num(s.max)}%`} testId="stat-range" />
        <Stat label={t("reports.stat.passRate")} value={pct(s.passRate)} testId="stat-pass-rate" />
      </dl>
      {s.n < 2 ? <p className="mb-3 text-xs text-slate-600">{t("reports.stat.sdNote")}</p> : null}
      {s.n > 0 ? <ScoreChart bins={s.histogram} passPercent={s.passPercent} id={`chart-${s.examId}`} title={s.title} /> : <p className="text-sm">{t("reports.results.noScores")}</p>}
    </article>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <dt className="text-xs font-semibold text-slate-600">{label}</dt>
      <dd className="text-base font-semibold text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

const binLabel = (i: number) => (i === 9 ? "90–100" : `${i * 10}–${i * 10 + 9}`);

/** The distribution of best scores in ten 10-point bins: an SVG bar chart, described for screen readers, with a table beside it. */
function ScoreChart({ bins, passPercent, id, title }: { bins: number[]; passPercent: number | null; id: string; title: string }) {
  const t = useT();
  const W = 340;
  const H = 190;
  const left = 30;
  const right = 8;
  const top = 18;
  const bottom = 30;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const max = Math.max(1, ...bins);
  const bw = plotW / bins.length;
  const y = (n: number) => top + plotH - (n / max) * plotH;
  const total = bins.reduce((a, b) => a + b, 0);
  const description = t("reports.chart.desc", {
    n: total,
    bins: bins.map((n, i) => t("reports.chart.bin", { range: binLabel(i), n })).join(t("reports.chart.sep")),
  });
  const passX = passPercent === null ? null : left + (Math.min(100, Math.max(0, passPercent)) / 100) * plotW;
  return (
    <figure className="m-0" data-testid="score-chart">
      <figcaption id={`${id}-caption`} className="mb-1 text-sm font-semibold">
        {t("reports.chart.caption")}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full max-w-md text-slate-700"
        data-testid="score-chart-svg"
      >
        <title id={`${id}-title`}>{t("reports.chart.title", { title })}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line x1={left} y1={top + plotH} x2={W - right} y2={top + plotH} stroke="currentColor" strokeWidth="1" />
        <line x1={left} y1={top} x2={left} y2={top + plotH} stroke="currentColor" strokeWidth="1" />
        <text x={left - 4} y={top + plotH} textAnchor="end" dominantBaseline="middle" fontSize="10" fill="currentColor">
          0
        </text>
        <text x={left - 4} y={top} textAnchor="end" dominantBaseline="middle" fontSize="10" fill="currentColor">
          {max}
        </text>
        {bins.map((n, i) => {
          const x = left + i * bw + 2;
          const h = top + plotH - y(n);
          return (
            <g key={i}>
              <rect x={x} y={y(n)} width={bw - 4} height={h} className="fill-teal-600" data-testid="chart-bar" data-count={n}>
                <title>{t("reports.chart.bin", { range: binLabel(i), n })}</title>
              </rect>
              {n > 0 ? (
                <text x={x + (bw - 4) / 2} y={y(n) - 3} textAnchor="middle" fontSize="10" fill="currentColor">
                  {n}
                </text>
              ) : null}
              <text x={left + i * bw} y={top + plotH + 12} textAnchor="middle" fontSize="9" fill="currentColor">
                {i * 10}
              </text>
            </g>
          );
        })}
        <text x={W - right} y={top + plotH + 12} textAnchor="end" fontSize="9" fill="currentColor">
          100
        </text>
        <text x={left + plotW / 2} y={H - 3} textAnchor="middle" fontSize="10" fill="currentColor">
          {t("reports.chart.xAxis")}
        </text>
        {passX !== null ? (
          <g>
            <line x1={passX} y1={top - 6} x2={passX} y2={top + plotH} stroke="#b45309" strokeWidth="1.5" strokeDasharray="4 3" />
            <text x={passX} y={top - 8} textAnchor="middle" fontSize="10" fill="#92400e">
              {t("reports.chart.passLine", { percent: passPercent ?? 0 })}
            </text>
          </g>
        ) : null}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-teal-800 underline underline-offset-2">{t("reports.chart.asTable")}</summary>
        <div className="overflow-x-auto">
          <table className="data-table mt-2 max-w-xs" data-testid="chart-table">
            <caption className="sr-only">{t("reports.chart.title", { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.chart.range")}</th>
                <th scope="col">{t("reports.chart.count")}</th>
              </tr>
            </thead>
            <tbody>
              {bins.map((n, i) => (
                <tr key={i}>
                  <th scope="row" className="font-normal">
                    {binLabel(i)}
                  </th>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

const CERT_STYLE: Record<string, string> = {
  valid: "bg-teal-100 text-teal-900",
  expiring: "bg-amber-100 text-amber-900",
  expired: "bg-slate-200 text-slate-800",
  revoked: "bg-red-100 text-red-800",
};

function Badge({ className, children, testId }: { className: string; children: ReactNode; testId?: string }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${className}`} data-testid={testId}>
      {children}
    </span>
  );
}

function Overdue({ t }: { t: T }) {
  return (
    <Badge className="border border-red-400 bg-white text-red-800" testId="overdue">
      {t("reports.overdue")}
    </Badge>
  );
}

function ExamGrid({ d }: { d: Data }) {
  const t = useT();
  return (
    <section aria-labelledby="grid-title" className="mb-8">
      <h2 id="grid-title" className="mb-1 text-lg font-semibold">
        {t("reports.grid.title")}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("reports.grid.intro")}</p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("reports.scrollRegion", { title: t("reports.grid.title") })}>
        <table className="data-table" data-testid="results-grid">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t("reports.col.employeeNo")}
              </th>
              <th scope="col" rowSpan={2}>
                {t("reports.col.name")}
              </th>
              {d.exams.map((e) => (
                <th key={e.id} scope="colgroup" colSpan={5} className="border-l border-slate-300">
                  {e.title}
                </th>
              ))}
            </tr>
            <tr>
              {d.exams.map((e) => (
                <SubHeaders key={e.id} t={t} />
              ))}
            </tr>
          </thead>
          <tbody>
            {d.grid.map((g) => (
              <tr key={g.userId} data-member={g.employeeNo}>
                <td className="whitespace-nowrap font-mono text-xs">{g.employeeNo}</td>
                <th scope="row" className="whitespace-nowrap border-b border-slate-200 bg-transparent align-top font-normal">
                  {g.name}
                </th>
                {g.exams.map((c, i) => (
                  <ExamCells key={d.exams[i].id} c={c} name={g.name} cohortId={d.cohort.id} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SubHeaders({ t }: { t: T }) {
  return (
    <>
      <th scope="col" className="border-l border-slate-300 whitespace-nowrap">
        {t("reports.col.best")}
      </th>
      <th scope="col" className="whitespace-nowrap">
        {t("reports.col.attempts")}
      </th>
      <th scope="col" className="whitespace-nowrap">
        {t("reports.col.result")}
      </th>
      <th scope="col" className="whitespace-nowrap">
        {t("reports.col.certificate")}
      </th>
      <th scope="col" className="whitespace-nowrap">
        {t("reports.col.attemptLinks")}
      </th>
    </>
  );
}

function ExamCells({ c, name, cohortId }: { c: Data["grid"][number]["exams"][number]; name: string; cohortId: number }) {
  const t = useT();
  return (
    <>
      <td className="border-l border-slate-300 whitespace-nowrap" data-testid="best">
        {c.bestPercent === null ? "—" : `${num(c.bestPercent)}%`}
      </td>
      <td data-testid="attempt-count">{c.attempts}</td>
      <td className="whitespace-nowrap" data-testid="result">
        <span className="flex flex-wrap items-center gap-1">
          {c.passed ? (
            <Badge className="bg-teal-100 text-teal-900">✓ {t("reports.passed")}</Badge>
          ) : c.attempts > 0 ? (
            <Badge className="bg-red-100 text-red-800">✗ {t("reports.failed")}</Badge>
          ) : (
            <span className="text-slate-600">{t("reports.notAttempted")}</span>
          )}
          {c.overdue ? <Overdue t={t} /> : null}
        </span>
      </td>
      <td className="whitespace-nowrap text-xs" data-testid="certificate">
        {c.certificate ? (
          <>
            <div>{t("reports.certExpires", { date: c.certificate.expires })}</div>
            <Badge className={CERT_STYLE[c.certificate.state]}>{t(`reports.cert.${c.certificate.state}`)}</Badge>
          </>
        ) : (
          "—"
        )}
      </td>
      <td className="text-xs">
        {c.list.length === 0 ? (
          "—"
        ) : (
          <ul className="space-y-0.5">
            {c.list.map((a) => (
              <li key={a.id} className="whitespace-nowrap">
                <Link
                  to={`/trainer/attempts/${encodeURIComponent(a.id)}?cohort=${cohortId}`}
                  className="btn-link"
                  aria-label={t("reports.attemptLinkLabel", { name, n: a.attemptNo })}
                  data-testid="attempt-link"
                >
                  {t("reports.attemptNo", { n: a.attemptNo })}
                </Link>{" "}
                {a.inProgress ? t("reports.inProgress") : a.percent === null ? "" : `${num(a.percent)}%`}
              </li>
            ))}
          </ul>
        )}
      </td>
    </>
  );
}

function ProgressGrid({ d }: { d: Data }) {
  const t = useT();
  if (!d.modules.length || !d.grid.length) return null;
  return (
    <section aria-labelledby="progress-title" className="mb-8">
      <h2 id="progress-title" className="mb-1 text-lg font-semibold">
        {t("reports.progress.title")}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("reports.progress.intro")}</p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("reports.scrollRegion", { title: t("reports.progress.title") })}>
        <table className="data-table" data-testid="progress-grid">
          <thead>
            <tr>
              <th scope="col">{t("reports.col.employeeNo")}</th>
              <th scope="col">{t("reports.col.name")}</th>
              {d.modules.map((m) => (
                <th key={m.slug} scope="col" className="min-w-24">
                  {m.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.grid.map((g) => (
              <tr key={g.userId}>
                <td className="whitespace-nowrap font-mono text-xs">{g.employeeNo}</td>
                <th scope="row" className="whitespace-nowrap border-b border-slate-200 bg-transparent align-top font-normal">
                  {g.name}
                </th>
                {g.modules.map((m) => (
                  <td key={m.slug} className="whitespace-nowrap text-xs" data-module={m.slug}>
                    {m.completed ? (
                      <span className="font-semibold text-teal-800">✓ {t("reports.progress.completed")}</span>
                    ) : (
                      <>
                        <span>{t("reports.progress.read", { read: m.read, total: m.total })}</span>
                        <span className="progress-bar mt-1 block w-16" aria-hidden="true">
                          <span style={{ width: `${m.total ? Math.round((m.read / m.total) * 100) : 0}%` }} />
                        </span>
                      </>
                    )}
                    {m.overdue ? (
                      <span className="mt-1 block">
                        <Overdue t={t} />
                      </span>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Mastery({ d }: { d: Data }) {
  const t = useT();
  return (
    <section aria-labelledby="mastery-title" className="mb-8">
      <h2 id="mastery-title" className="mb-1 text-lg font-semibold">
        {t("reports.mastery.title")}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("reports.mastery.intro")}</p>
      {d.mastery.length === 0 ? (
        <p className="text-sm">{t("reports.mastery.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="data-table" data-testid="mastery">
            <thead>
              <tr>
                <th scope="col">{t("reports.mastery.module")}</th>
                <th scope="col" className="w-1/2">
                  {t("reports.mastery.share")}
                </th>
                <th scope="col">{t("reports.mastery.answers")}</th>
              </tr>
            </thead>
            <tbody>
              {d.mastery.map((m) => (
                <tr key={m.module ?? ""} data-module={m.module ?? ""}>
                  <th scope="row" className="border-b border-slate-200 bg-transparent align-top font-normal">
                    {m.title}
                  </th>
                  <td>
                    <div className="flex items-center gap-2">
                      <span className="w-12 shrink-0 text-right font-semibold" data-testid="mastery-share">
                        {pct(m.share)}
                      </span>
                      <span className="h-3 w-full min-w-16 overflow-hidden rounded bg-slate-200" aria-hidden="true">
                        <span
                          className={`block h-full ${m.share !== null && m.share < 0.6 ? "bg-amber-500" : "bg-teal-600"}`}
                          style={{ width: `${m.share === null ? 0 : Math.round(m.share * 100)}%` }}
                        />
                      </span>
                    </div>
                  </td>
                  <td>{m.answers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
