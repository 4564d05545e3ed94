/**
 * Item analysis of an exam on first attempts (app/domain/item-analysis.ts has every formula): the
 * exam's mean, SD, α (KR-20) and SEM; each question version's facility, SD, discrimination index,
 * corrected item–total correlation and flags (flagged ones first, each linking to the question's edit
 * page); and how often each option was chosen, overall and by the top group.
 *
 * Without a cohort the page is aggregate only (no names) and open to every trainer; ?cohort=ID limits
 * it to that cohort's members and needs the cohort to be one the user may see (else 404).
 * (`$id_` so it does not nest in the exam editor; the URL is /trainer/exams/:id/analysis.)
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { GROUP_SHARE, type ItemFlag } from "~/domain/item-analysis";
import { itemReport, reportCohorts, visibleCohortById } from "~/exam-admin.server";
import { labelsOfVersions } from "~/question-labels.server";
import { QuestionLabel, questionHref } from "~/components/question-label";
import { ScrollX } from "~/components/scroll-x";
import { useT } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import type { MessageKey } from "~/i18n";
import { metaT } from "~/components/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${metaT(matches)("reports.analysis.title", { title: data?.exam.title ?? "" })} · ${metaT(matches)("app.name")}` },
];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const notFound = () => new Response("Not found", { status: 404 });

/** How serious a flag is, for ordering: a broken key before a merely easy question. */
const SEVERITY: Record<ItemFlag, number> = { negativeDiscrimination: 8, distractorBeatsKey: 4, tooHard: 2, weakDiscrimination: 1, tooEasy: 1 };

/** Why α / SEM could not be computed (the domain answers null in these cases). */
type AlphaNote = "fewLearners" | "fewItems" | "randomPapers" | "noVariance" | null;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const examId = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  if (examId === null) throw notFound();

  const asked = new URL(request.url).searchParams.get("cohort");
  let cohort: { id: number; name: string } | null = null;
  if (asked !== null && asked !== "") {
    const id = /^\d{1,9}$/.test(asked) ? Number(asked) : null;
    const found = id !== null ? await visibleCohortById(user, id) : undefined;
    if (!found) throw notFound();
    cohort = { id: found.id, name: found.name };
  }

  const report = await itemReport(examId, cohort?.id);
  if (!report) throw notFound();
  const { stats } = report;

  let alphaNote: AlphaNote = null;
  if (stats.alpha === null) {
    if (stats.n < 2) alphaNote = "fewLearners";
    else if (stats.k < 2) alphaNote = "fewItems";
    else if (report.items.some((it) => it.n < stats.n)) alphaNote = "randomPapers";
    else alphaNote = "noVariance";
  }

  const labels = await labelsOfVersions(report.items.map((it) => ({ questionId: it.questionId, version: it.version })));
  const groupSize = stats.n ? Math.max(1, Math.round(stats.n * GROUP_SHARE)) : 0;
  const severity = (flags: ItemFlag[]) => flags.reduce((s, f) => s + SEVERITY[f], 0);
  const items = [...report.items]
    .sort((a, b) => severity(b.flags) - severity(a.flags) || a.key.localeCompare(b.key))
    .map((it) => {
      const keyUpper = it.options.length ? (it.upperOptionCounts[it.options.find((o) => o.right)?.id ?? ""] ?? 0) : 0;
      return {
        key: it.key,
        anchor: `item-${it.key.replace(/[^A-Za-z0-9_-]/g, "_")}`,
        questionId: it.questionId,
        version: it.version,
        type: it.type,
        label: labels.get(`${it.questionId}@${it.version}`) ?? { id: it.questionId, version: it.version, stem: it.stemText, type: it.type, module: "" },
        n: it.n,
        facility: it.facility,
        sd: it.sd,
        discrimination: it.discrimination,
        correctedItemTotal: it.correctedItemTotal,
        flags: it.flags,
        options: it.options.map((o, i) => ({
          label: String.fromCharCode(65 + i),
          text: o.text,
          right: o.right,
          count: it.optionCounts[o.id] ?? 0,
          upper: it.upperOptionCounts[o.id] ?? 0,
          beatsKey: !o.right && (it.upperOptionCounts[o.id] ?? 0) > keyUpper,
        })),
        wrongBlanks: it.wrongBlanks,
      };
    });

  return {
    exam: report.exam,
    cohort,
    cohorts: (await reportCohorts(user)).map((c) => ({ id: c.id, name: c.name, archived: c.archived })),
    isAdmin: user.role === "admin",
    stats,
    alphaNote,
    groupSize,
    items,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["items"][number];

const dec = (x: number | null, digits = 2) => (x === null ? "—" : (Math.round(x * 10 ** digits) / 10 ** digits).toFixed(digits));
const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 1000) / 10}%`);

const FLAG_STYLE: Record<ItemFlag, string> = {
  tooEasy: "bg-sky-100 text-sky-900 border-sky-300",
  tooHard: "bg-amber-100 text-amber-900 border-amber-300",
  negativeDiscrimination: "bg-red-100 text-red-900 border-red-300",
  weakDiscrimination: "bg-yellow-100 text-yellow-900 border-yellow-300",
  distractorBeatsKey: "bg-fuchsia-100 text-fuchsia-900 border-fuchsia-300",
};

function FlagBadge({ flag }: { flag: ItemFlag }) {
  const t = useT();
  return (
    <span
      className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-semibold ${FLAG_STYLE[flag]}`}
      title={t(`reports.flagHelp.${flag}`)}
      data-flag={flag}
      data-testid="flag"
    >
      {t(`reports.flag.${flag}`)}
    </span>
  );
}

export default function ItemAnalysis() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const flagged = d.items.filter((it) => it.flags.length);
  const choiceItems = d.items.filter((it) => it.options.length);
  const blankItems = d.items.filter((it) => it.type === "fill_blank");
  return (
    <>
      <nav className="mb-2 flex flex-wrap gap-x-4 text-sm" aria-label={t("reports.breadcrumb")}>
        <Link to="/trainer/exams" className="btn-link">
          ← {t("reports.analysis.allExams")}
        </Link>
        <Link to={`/trainer/exams/${d.exam.id}`} className="btn-link">
          {t("reports.analysis.examPage")}
        </Link>
        {d.cohort ? (
          <Link to={`/trainer/cohorts/${d.cohort.id}/results`} className="btn-link">
            {t("reports.analysis.cohortResults", { name: d.cohort.name })}
          </Link>
        ) : null}
      </nav>
      <PageTitle>{t("reports.analysis.title", { title: d.exam.title })}</PageTitle>
      <p className="mb-4 text-sm text-slate-700">
        {d.cohort ? t("reports.analysis.scopeCohort", { name: d.cohort.name }) : t("reports.analysis.scopeAll")} {t("reports.analysis.firstAttempts")}
      </p>

      <Form method="get" className="card mb-6 flex flex-wrap items-end gap-3" aria-label={t("reports.analysis.filterLabel")}>
        <div className="field mb-0 min-w-0 grow">
          <label htmlFor="cohort-filter">{t("reports.analysis.cohortFilter")}</label>
          <select id="cohort-filter" name="cohort" className="input" defaultValue={d.cohort ? String(d.cohort.id) : ""}>
            <option value="">{t("reports.analysis.allLearners")}</option>
            {d.cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.archived ? t("reports.analysis.archivedCohort", { name: c.name }) : c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {t("reports.analysis.apply")}
        </button>
        {d.cohort || d.isAdmin ? (
          <a
            href={`/trainer/exams/${d.exam.id}/responses.csv${d.cohort ? `?cohort=${d.cohort.id}` : ""}`}
            download
            className="btn-secondary"
            data-testid="download-responses"
          >
            {t("reports.analysis.downloadResponses")}
          </a>
        ) : null}
        {d.cohort || d.isAdmin ? (
          <a
            href={`/trainer/exams/${d.exam.id}/responses.xlsx${d.cohort ? `?cohort=${d.cohort.id}` : ""}`}
            download
            className="btn-secondary"
            data-testid="download-responses-xlsx"
            aria-label={t("trainer2.download.xlsxAria", { what: t("reports.analysis.downloadResponses") })}
          >
            {t("trainer2.download.xlsx")}
          </a>
        ) : (
          <p className="w-full text-xs text-slate-600">{t("reports.analysis.downloadNeedsCohort")}</p>
        )}
      </Form>

      <ExamStats d={d} />

      {d.items.length === 0 ? (
        <p className="card" data-testid="no-data">
          {t("reports.analysis.noData")}
        </p>
      ) : (
        <>
          <Flagged items={flagged} />
          <ItemTable d={d} />
          {choiceItems.length ? <OptionCounts items={choiceItems} groupSize={d.groupSize} n={d.stats.n} /> : null}
          {blankItems.length ? <WrongBlankAnswers items={blankItems} /> : null}
        </>
      )}
      <Glossary />
    </>
  );
}

function ExamStats({ d }: { d: Data }) {
  const t = useT();
  const s = d.stats;
  const rows: [string, string, string][] = [
    ["n", t("reports.exam.n"), String(s.n)],
    ["k", t("reports.exam.k"), String(s.k)],
    ["mean", t("reports.exam.mean"), s.mean === null ? "—" : t("reports.exam.points", { value: dec(s.mean, 1), max: s.maxScore })],
    ["sd", t("reports.exam.sd"), dec(s.sd, 2)],
    ["alpha", t("reports.exam.alpha"), dec(s.alpha, 3)],
    ["sem", t("reports.exam.sem"), dec(s.sem, 2)],
  ];
  return (
    <section aria-labelledby="exam-stats-title" className="card mb-6" data-testid="exam-stats">
      <h2 id="exam-stats-title" className="mb-3 text-lg font-semibold">
        {t("reports.exam.title")}
      </h2>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
        {rows.map(([key, label, value]) => (
          <div key={key}>
            <dt className="text-xs font-semibold text-slate-600">{label}</dt>
            <dd className="text-base font-semibold" data-testid={`exam-${key}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {d.alphaNote ? (
        <p className="mt-3 text-sm text-slate-700" data-testid="alpha-note">
          {t(`reports.exam.alphaNull.${d.alphaNote}` as MessageKey)}
        </p>
      ) : s.alpha !== null ? (
        <p className="mt-3 text-sm text-slate-700">{t(s.alpha >= 0.7 ? "reports.exam.alphaGood" : "reports.exam.alphaLow")}</p>
      ) : null}
    </section>
  );
}

function Flagged({ items }: { items: Item[] }) {
  const t = useT();
  return (
    <section aria-labelledby="flagged-title" className="mb-8">
      <h2 id="flagged-title" className="mb-1 text-lg font-semibold">
        {t("reports.flagged.title", { n: items.length })}
      </h2>
      {items.length === 0 ? (
        <p className="text-sm" data-testid="no-flags">
          {t("reports.flagged.none")}
        </p>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-700">{t("reports.flagged.intro")}</p>
          <ul className="space-y-2" data-testid="flagged">
            {items.map((it) => (
              <li key={it.key} className="card p-3 sm:p-3" data-question={it.questionId}>
                <div className="mb-1 flex flex-wrap items-center gap-2">
                  {it.flags.map((f) => (
                    <FlagBadge key={f} flag={f} />
                  ))}
                </div>
                <div className="mb-1 text-sm">
                  <QuestionLabel q={it.label} link={false} stemClass="font-semibold" />
                </div>
                <ul className="mb-2 list-disc pl-5 text-xs text-slate-700">
                  {it.flags.map((f) => (
                    <li key={f}>{t(`reports.flagHelp.${f}`)}</li>
                  ))}
                </ul>
                <p className="flex flex-wrap gap-x-4 text-sm">
                  <Link
                    to={questionHref(it.questionId)}
                    className="btn-link font-semibold"
                    data-testid="flag-link"
                    aria-label={t("trainer2.flagged.editAria", { stem: it.label.stem })}
                  >
                    {t("trainer2.flagged.edit")}
                  </Link>
                  <a href={`#${it.anchor}`} className="btn-link">
                    {t("reports.flagged.details")}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ItemTable({ d }: { d: Data }) {
  const t = useT();
  return (
    <section aria-labelledby="items-title" className="mb-8">
      <h2 id="items-title" className="mb-1 text-lg font-semibold">
        {t("reports.items.title")}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("reports.items.intro")}</p>
      <ScrollX title={t("reports.items.title")}>
        <table className="data-table" data-testid="items">
          <thead>
            <tr>
              <th scope="col">{t("reports.items.question")}</th>
              <th scope="col" className="min-w-28">
                {t("reports.items.flags")}
              </th>
              <th scope="col" className="whitespace-nowrap text-right">
                {t("reports.items.n")}
              </th>
              <th scope="col" className="whitespace-nowrap text-right">
                <abbr title={t("reports.items.facilityHelp")}>{t("reports.items.facility")}</abbr>
              </th>
              <th scope="col" className="whitespace-nowrap text-right">
                {t("reports.items.sd")}
              </th>
              <th scope="col" className="whitespace-nowrap text-right">
                <abbr title={t("reports.items.dHelp")}>{t("reports.items.d")}</abbr>
              </th>
              <th scope="col" className="whitespace-nowrap text-right">
                <abbr title={t("reports.items.rHelp")}>{t("reports.items.r")}</abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((it) => (
              <tr key={it.key} id={it.anchor} data-question={it.questionId} className={it.flags.length ? "bg-amber-50/50" : undefined}>
                <th scope="row" className="min-w-56 max-w-md border-b border-slate-200 bg-transparent text-left align-top text-sm font-normal">
                  <QuestionLabel q={it.label} />
                </th>
                <td>
                  {it.flags.length ? (
                    <span className="flex flex-wrap gap-1">
                      {it.flags.map((f) => (
                        <FlagBadge key={f} flag={f} />
                      ))}
                    </span>
                  ) : (
                    <span className="text-xs text-slate-600">{t("reports.items.noFlags")}</span>
                  )}
                  {it.options.length ? (
                    <a href={`#${it.anchor}-options`} className="btn-link mt-1 block whitespace-nowrap text-xs">
                      {t("reports.items.optionsLink")}
                    </a>
                  ) : null}
                  {it.type === "fill_blank" ? (
                    <a href={`#${it.anchor}-wrong`} className="btn-link mt-1 block whitespace-nowrap text-xs">
                      {t("reports.wrongAnswers")}
                    </a>
                  ) : null}
                </td>
                <td className="text-right tabular-nums">{it.n}</td>
                <td className="text-right tabular-nums" data-testid="facility">
                  {pct(it.facility)}
                </td>
                <td className="text-right tabular-nums">{dec(it.sd)}</td>
                <td className="text-right tabular-nums" data-testid="discrimination">
                  {dec(it.discrimination)}
                </td>
                <td className="text-right tabular-nums" data-testid="corrected-r">
                  {dec(it.correctedItemTotal)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </section>
  );
}

/** fill_blank items: the most common wrong answers of each blank (in place of option counts). */
function WrongBlankAnswers({ items }: { items: Item[] }) {
  const t = useT();
  return (
    <section aria-labelledby="wrong-answers-title" className="mb-8">
      <h2 id="wrong-answers-title" className="mb-3 text-lg font-semibold">
        {t("reports.wrongAnswers")}
      </h2>
      <div className="space-y-4">
        {items.map((it) => (
          <article key={it.key} id={`${it.anchor}-wrong`} className="card p-3 sm:p-3" data-question={it.questionId} data-testid="wrong-answers">
            <h3 className="mb-2 text-sm font-semibold">
              <QuestionLabel q={it.label} />
            </h3>
            <ul className="space-y-1 text-sm">
              {it.wrongBlanks.map((b) => (
                <li key={b.blank} data-blank={b.blank}>
                  <span className="font-semibold">{t("reports.wrongAnswersBlank", { n: b.blank })}</span>
                  {b.answers.length ? b.answers.map((a) => `“${a.text}” × ${a.count}`).join("，") : t("reports.noWrongAnswers")}
                </li>
              ))}
            </ul>
          </article>
        ))}
      </div>
    </section>
  );
}

function OptionCounts({ items, groupSize, n }: { items: Item[]; groupSize: number; n: number }) {
  const t = useT();
  return (
    <section aria-labelledby="options-title" className="mb-8">
      <h2 id="options-title" className="mb-1 text-lg font-semibold">
        {t("reports.options.title")}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("reports.options.intro", { g: groupSize, n })}</p>
      <div className="space-y-4">
        {items.map((it) => (
          <article key={it.key} id={`${it.anchor}-options`} className="card p-3 sm:p-3" aria-labelledby={`${it.anchor}-options-title`} data-question={it.questionId}>
            <div className="mb-1 flex flex-wrap items-center gap-2">
              {it.flags.map((f) => (
                <FlagBadge key={f} flag={f} />
              ))}
            </div>
            <h3 id={`${it.anchor}-options-title`} className="mb-2 text-sm font-semibold">
              <QuestionLabel q={it.label} />
            </h3>
            <div className="overflow-x-auto">
              <table className="data-table" data-testid="option-table">
                <thead>
                  <tr>
                    <th scope="col">{t("reports.options.option")}</th>
                    <th scope="col" className="text-right">
                      {t("reports.options.all", { n: it.n })}
                    </th>
                    <th scope="col" className="text-right">
                      {t("reports.options.upper", { g: groupSize })}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {it.options.map((o) => (
                    <tr key={o.label} className={o.right ? "bg-teal-50" : undefined} data-option={o.label} data-right={o.right ? "true" : undefined}>
                      <th scope="row" className="border-b border-slate-200 bg-transparent align-top font-normal">
                        <span className="font-semibold">{o.label}.</span> <span className="break-words">{o.text}</span>
                        {o.right ? (
                          <span className="ml-2 inline-block whitespace-nowrap rounded bg-teal-700 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="right-option">
                            ✓ {t("reports.options.right")}
                          </span>
                        ) : null}
                      </th>
                      <td className="whitespace-nowrap text-right tabular-nums">
                        <span data-testid="option-count">{o.count}</span>
                        <span className="ml-1 text-xs text-slate-600">{`(${it.n ? pct(o.count / it.n) : "—"})`}</span>
                      </td>
                      <td className={`whitespace-nowrap text-right tabular-nums ${o.beatsKey ? "font-bold text-red-800" : ""}`}>
                        <span data-testid="option-upper">{o.upper}</span>
                        {o.beatsKey ? <span className="ml-1 text-xs">{t("reports.options.beatsKey")}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </article>
        ))}
      </div>
    </section>
  );
}

function Glossary() {
  const t = useT();
  const entries = ["facility", "sd", "d", "r", "alpha", "sem"] as const;
  return (
    <details className="card mb-6 text-sm">
      <summary className="cursor-pointer font-semibold">{t("reports.glossary.title")}</summary>
      <dl className="mt-2 space-y-2">
        {entries.map((e) => (
          <div key={e}>
            <dt className="font-semibold">{t(`reports.glossary.${e}.term`)}</dt>
            <dd className="text-slate-700">{t(`reports.glossary.${e}.body`)}</dd>
          </div>
        ))}
        <div>
          <dt className="font-semibold">{t("reports.glossary.flags.term")}</dt>
          <dd className="text-slate-700">
            <ul className="list-disc pl-5">
              {(["tooEasy", "tooHard", "negativeDiscrimination", "weakDiscrimination", "distractorBeatsKey"] as const).map((f) => (
                <li key={f}>
                  <strong>{t(`reports.flag.${f}`)}</strong>:{t(`reports.flagHelp.${f}`)}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </details>
  );
}
