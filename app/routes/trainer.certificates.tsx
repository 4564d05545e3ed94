/**
 * Certificates for trainers and admins: who is due for recertification (and assigning them the exam in
 * one step), and the register of every certificate the viewer may see — searched, filtered, sorted and
 * paged on the server, exported as CSV or Excel, revoked (with a reason) and re-issued from its row.
 * Trainers see the certificates of learners in the cohorts they run; admins see all (app/certificates.server.ts).
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { requireRole } from "~/auth.server";
import {
  assignRecertification,
  dueForRecertification,
  registerOptions,
  registerPage,
  reissueFromRegister,
  revokeFromRegister,
  type Outcome,
} from "~/certificates.server";
import { now } from "~/clock.server";
import { REGISTER_STATUSES, parseRegisterQuery, registerSearch, type RegisterQuery, type RegisterSort } from "~/domain/certificate-register";
import { endOfDay, formatDate, formatDateTime, wallClock } from "~/domain/time";
import { getT } from "~/i18n.server";
import type { MessageKey } from "~/i18n";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ActionMessage } from "~/components/exam-admin/ui";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "certs.title")];

/** The default recertification due date: 30 calendar days from today. */
function defaultDue(at: number): string {
  const w = wallClock(at);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + 30));
  return formatDate(endOfDay({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const query = parseRegisterQuery(new URL(request.url).searchParams);
  const at = now();
  const page = await registerPage(user, query, at);
  const options = await registerOptions(user);
  const due = await dueForRecertification(user, at);
  return {
    query,
    options,
    total: page.total,
    page: page.page,
    pageCount: page.pageCount,
    rows: page.rows.map((r) => ({
      code: r.code,
      name: r.name,
      holderName: r.holderName,
      currentName: r.currentName,
      employeeNo: r.employeeNo,
      team: r.team,
      examTitle: r.examTitle,
      issuedAt: formatDate(r.issuedAt),
      expiresAt: formatDate(r.expiresAt),
      status: r.status,
      revokedAt: r.revokedAt === null ? null : formatDateTime(r.revokedAt),
      revokedByName: r.revokedByName,
      revokeReason: r.revokeReason,
      canReissue: r.attemptPassed && (r.status === "revoked" || r.holderName !== r.currentName),
    })),
    due: {
      total: due.total,
      groups: due.groups,
      rows: due.rows.map((r) => ({ ...r, issuedAt: formatDate(r.issuedAt), expiresAt: formatDate(r.expiresAt) })),
    },
    defaultDue: defaultDue(at),
  };
}

const INTENTS = { revoke: "revoke", reissue: "reissue", recertify: "recertify" } as const;

type ActionResult = { intent: string; ok: boolean; message: string; code?: string; examId?: string; cohortId?: number; values?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const t = await getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const field = (name: string) => String(form.get(name) ?? "");
  let outcome: Outcome;
  if (intent === INTENTS.revoke) outcome = await revokeFromRegister(user, field("code"), field("reason"));
  else if (intent === INTENTS.reissue) outcome = await reissueFromRegister(user, field("code"));
  else if (intent === INTENTS.recertify)
    outcome = await assignRecertification(user, field("examId"), field("due"), (exam, date) => t("certs.recert.cohortName", { exam, date }));
  else return data<ActionResult>({ intent, ok: false, message: t("certs.error.unknownIntent") }, { status: 400 });
  const base = { intent, code: field("code"), examId: field("examId"), values: { reason: field("reason"), due: field("due") } };
  if (!outcome.ok) return data<ActionResult>({ ...base, ok: false, message: t(outcome.error.key as MessageKey, outcome.error.params) }, { status: outcome.status });
  return data<ActionResult>({ ...base, ok: true, message: t(outcome.key, outcome.params), cohortId: outcome.cohortId, values: {} });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const STATUS_STYLE = {
  valid: "text-teal-800",
  expiring: "text-amber-800",
  expired: "text-red-700",
  revoked: "text-red-800",
} as const;

export default function TrainerCertificates() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  return (
    <>
      <p className="mb-2">
        <Link to="/trainer/exams" className="btn-link">
          ← {t("examadmin.nav.list")}
        </Link>
      </p>
      <PageTitle>{t("certs.title")}</PageTitle>
      {result ? (
        <ActionMessage ok={result.ok}>
          {result.message}
          {result.ok && result.cohortId ? (
            <>
              {" "}
              <Link to={`/trainer/cohorts/${result.cohortId}`} className="btn-link">
                {t("certs.recert.openCohort")}
              </Link>
            </>
          ) : null}
        </ActionMessage>
      ) : null}
      <DueSection due={d.due} defaultDue={d.defaultDue} result={result} />
      <RegisterSection d={d} result={result} />
    </>
  );
}

function DueSection({ due, defaultDue, result }: { due: LoaderData["due"]; defaultDue: string; result: ActionResult | undefined }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="due-title" className="mb-8">
      <h2 id="due-title" className="mb-2 text-lg font-semibold">
        {t("certs.due.title")}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("certs.due.intro")}</p>
      {due.groups.length === 0 ? (
        <p>{t("examadmin.certs.dueNone")}</p>
      ) : (
        <>
          <ul className="mb-4 grid gap-3" data-testid="due-groups">
            {due.groups.map((g) => {
              const failed = result && !result.ok && result.intent === "recertify" && result.examId === String(g.examId);
              const inputId = `due-${g.examId}`;
              return (
                <li key={g.examId} className="card" data-exam={g.examId}>
                  <p className="font-semibold">{g.examTitle}</p>
                  <p className="mb-2 text-sm text-slate-700">{t("certs.due.groupLine", { certificate: g.certificateName, n: g.people, expired: g.expired })}</p>
                  <Form method="post" className="flex flex-wrap items-end gap-3" preventScrollReset>
                    <input type="hidden" name="intent" value="recertify" />
                    <input type="hidden" name="examId" value={g.examId} />
                    <div className="field mb-0">
                      <label htmlFor={inputId}>{t("certs.recert.dueLabel")}</label>
                      <input
                        id={inputId}
                        name="due"
                        type="date"
                        className="input"
                        defaultValue={failed ? result.values?.due : defaultDue}
                        aria-invalid={failed ? true : undefined}
                        aria-describedby={failed ? `${inputId}-error` : undefined}
                      />
                    </div>
                    <button type="submit" className="btn py-2" disabled={busy}>
                      {t("certs.recert.submit", { n: g.people })}
                    </button>
                    {failed ? (
                      <p id={`${inputId}-error`} className="field-error w-full">
                        {result.message}
                      </p>
                    ) : null}
                  </Form>
                </li>
              );
            })}
          </ul>
          <details>
            <summary className="cursor-pointer">{t("certs.due.people", { n: due.total })}</summary>
            <div className="mt-2 overflow-x-auto">
              <table className="data-table" data-testid="due-table">
                <thead>
                  <tr>
                    <th scope="col">{t("certs.col.holder")}</th>
                    <th scope="col">{t("certs.col.certificate")}</th>
                    <th scope="col">{t("certs.col.expires")}</th>
                    <th scope="col">{t("certs.col.status")}</th>
                    <th scope="col">{t("certs.col.code")}</th>
                  </tr>
                </thead>
                <tbody>
                  {due.rows.map((c) => (
                    <tr key={c.code} data-code={c.code}>
                      <td>
                        <div className="font-mono text-xs">{c.employeeNo}</div>
                        <div>{c.holder}</div>
                        {c.team ? <div className="text-xs text-slate-600">{c.team}</div> : null}
                      </td>
                      <td>{c.name}</td>
                      <td className="whitespace-nowrap text-xs">{c.expiresAt}</td>
                      <td className={`whitespace-nowrap text-xs font-semibold ${c.expired ? "text-red-700" : "text-amber-800"}`}>
                        {c.expired ? t("examadmin.certs.expiredAgo", { n: c.days }) : t("examadmin.certs.expiresIn", { n: c.days })}
                      </td>
                      <td>
                        <Link to={`/verify/${c.code}`} className="btn-link break-all font-mono text-xs">
                          {c.code}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {due.total > due.rows.length ? <p className="mt-2 text-sm text-slate-700">{t("certs.due.more", { shown: due.rows.length, n: due.total })}</p> : null}
            </div>
          </details>
        </>
      )}
    </section>
  );
}

function SortHeader({ query, sort, label }: { query: RegisterQuery; sort: RegisterSort; label: string }) {
  const t = useT();
  const active = query.sort === sort;
  const nextDir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link
        to={registerSearch(query, { sort, dir: nextDir, page: 1 })}
        className="btn-link whitespace-nowrap"
        preventScrollReset
        aria-label={t("certs.sortBy", { column: label, dir: t(nextDir === "asc" ? "certs.sort.asc" : "certs.sort.desc") })}
      >
        {label}
        {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

function RegisterSection({ d, result }: { d: LoaderData; result: ActionResult | undefined }) {
  const t = useT();
  const q = d.query;
  const exportQuery = registerSearch(q, { page: 1 }).replace(/^\?/, "");
  const exportHref = (format: string) => `/trainer/certificates/export?format=${format}${exportQuery ? `&${exportQuery}` : ""}`;
  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title" className="mb-2 text-lg font-semibold">
        {t("certs.register.title")}
      </h2>
      <Form method="get" className="card mb-4 grid gap-x-4 sm:grid-cols-3" role="search" aria-label={t("certs.filter.label")} key={registerSearch(q)}>
        <div className="field">
          <label htmlFor="f-q">{t("certs.filter.q")}</label>
          <input id="f-q" name="q" type="search" className="input" defaultValue={q.q} />
        </div>
        <div className="field">
          <label htmlFor="f-team">{t("certs.filter.team")}</label>
          <select id="f-team" name="team" className="input" defaultValue={q.team}>
            <option value="">{t("certs.filter.all")}</option>
            {d.options.teams.map((team) => (
              <option key={team} value={team}>
                {team}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-cohort">{t("certs.filter.cohort")}</label>
          <select id="f-cohort" name="cohort" className="input" defaultValue={q.cohortId ?? ""}>
            <option value="">{t("certs.filter.all")}</option>
            {d.options.cohorts.map((c) => (
              <option key={c.id} value={c.id} lang="zh-CN">
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-exam">{t("certs.filter.exam")}</label>
          <select id="f-exam" name="exam" className="input" defaultValue={q.examId ?? ""}>
            <option value="">{t("certs.filter.all")}</option>
            {d.options.exams.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("certs.filter.status")}</label>
          <select id="f-status" name="status" className="input" defaultValue={q.status ?? ""}>
            <option value="">{t("certs.filter.all")}</option>
            {REGISTER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`certs.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {q.sort !== "expires" ? <input type="hidden" name="sort" value={q.sort} /> : null}
        {q.dir !== "asc" ? <input type="hidden" name="dir" value={q.dir} /> : null}
        <div className="flex flex-wrap items-end gap-3 pb-4">
          <button type="submit" className="btn py-2">
            {t("certs.filter.submit")}
          </button>
          <Link to="/trainer/certificates" className="btn-link">
            {t("certs.filter.clear")}
          </Link>
        </div>
      </Form>

      <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <p role="status" data-testid="register-count">
          {t("certs.register.count", { n: d.total })}
        </p>
        <a href={exportHref("csv")} className="btn-link" download data-testid="export-csv">
          {t("certs.export.csv")}
        </a>
        <a href={exportHref("xlsx")} className="btn-link" download data-testid="export-xlsx">
          {t("certs.export.xlsx")}
        </a>
      </div>

      {d.rows.length === 0 ? (
        <p data-testid="register-empty">{t("certs.register.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="data-table" data-testid="register-table">
            <thead>
              <tr>
                <SortHeader query={q} sort="holder" label={t("certs.col.holder")} />
                <SortHeader query={q} sort="employeeNo" label={t("certs.col.employeeNo")} />
                <SortHeader query={q} sort="team" label={t("certs.col.team")} />
                <SortHeader query={q} sort="certificate" label={t("certs.col.certificate")} />
                <SortHeader query={q} sort="issued" label={t("certs.col.issued")} />
                <SortHeader query={q} sort="expires" label={t("certs.col.expires")} />
                <SortHeader query={q} sort="status" label={t("certs.col.status")} />
                <th scope="col">{t("certs.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <RegisterRowView key={r.code} r={r} result={result && result.code === r.code ? result : undefined} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager query={q} page={d.page} pageCount={d.pageCount} />
    </section>
  );
}

function RegisterRowView({ r, result }: { r: LoaderData["rows"][number]; result: ActionResult | undefined }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const revokeFailed = result && !result.ok && result.intent === "revoke";
  return (
    <tr data-code={r.code} data-status={r.status}>
      <td>
        <div>{r.holderName}</div>
        {r.currentName !== r.holderName ? <div className="text-xs text-slate-600">{t("certs.register.nowNamed", { name: r.currentName })}</div> : null}
      </td>
      <td className="font-mono text-xs">{r.employeeNo}</td>
      <td className="text-sm">{r.team ?? ""}</td>
      <td>
        <div>{r.name}</div>
        <div className="text-xs text-slate-600">{r.examTitle}</div>
        <div className="mt-1 flex flex-col gap-1">
          <Link to={`/verify/${r.code}`} className="btn-link break-all font-mono text-xs">
            {r.code}
          </Link>
          <Link to={`/certificates/${r.code}`} className="btn-link text-xs" aria-label={`${t("examadmin.certs.print")} ${r.code}`}>
            {t("examadmin.certs.print")}
          </Link>
        </div>
      </td>
      <td className="whitespace-nowrap text-xs">{r.issuedAt}</td>
      <td className="whitespace-nowrap text-xs">{r.expiresAt}</td>
      <td className={`text-xs font-semibold ${STATUS_STYLE[r.status]}`}>
        <span data-testid="status">{t(`certs.status.${r.status}`)}</span>
        {r.revokedAt ? (
          <div className="mt-1 font-normal text-slate-700">
            <div>{r.revokedAt}</div>
            {r.revokedByName ? <div>{t("examadmin.certs.revokedBy", { name: r.revokedByName })}</div> : null}
            {r.revokeReason ? <div className="break-words" data-testid="revoke-reason">{t("certs.register.reason", { reason: r.revokeReason })}</div> : null}
          </div>
        ) : null}
      </td>
      <td className="min-w-40">
        {r.status !== "revoked" ? (
          <details open={revokeFailed ? true : undefined}>
            <summary className="btn-link cursor-pointer text-xs" aria-label={`${t("certs.revoke.open")} ${r.code}`}>
              {t("certs.revoke.open")}
            </summary>
            <Form method="post" className="mt-2" preventScrollReset>
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="code" value={r.code} />
              <div className="field mb-2">
                <label htmlFor={`${id}-reason`}>{t("certs.revoke.reason")}</label>
                <input
                  id={`${id}-reason`}
                  name="reason"
                  className="input"
                  required
                  minLength={2}
                  maxLength={200}
                  defaultValue={revokeFailed ? result.values?.reason : ""}
                  aria-invalid={revokeFailed ? true : undefined}
                  aria-describedby={revokeFailed ? `${id}-reason-error` : undefined}
                />
                {revokeFailed ? (
                  <p id={`${id}-reason-error`} className="field-error">
                    {result.message}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="btn-danger py-1 text-sm" disabled={busy}>
                {t("certs.revoke.submit")}
              </button>
            </Form>
          </details>
        ) : null}
        {r.canReissue ? (
          <Form method="post" className="mt-2" preventScrollReset>
            <input type="hidden" name="intent" value="reissue" />
            <input type="hidden" name="code" value={r.code} />
            <button type="submit" className="btn-secondary py-1 text-sm" disabled={busy} aria-label={`${t("certs.reissue.submit")} ${r.code}`}>
              {t("certs.reissue.submit")}
            </button>
          </Form>
        ) : null}
      </td>
    </tr>
  );
}

function Pager({ query, page, pageCount }: { query: RegisterQuery; page: number; pageCount: number }) {
  const t = useT();
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={t("certs.pager.label")} className="mt-3 flex flex-wrap items-center gap-3" data-testid="pager">
      {page > 1 ? (
        <Link to={registerSearch(query, { page: page - 1 })} className="btn-link" rel="prev">
          {t("certs.pager.prev")}
        </Link>
      ) : null}
      <span aria-current="page">{t("certs.pager.status", { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link to={registerSearch(query, { page: page + 1 })} className="btn-link" rel="next">
          {t("certs.pager.next")}
        </Link>
      ) : null}
    </nav>
  );
}
