import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { formatFact } from "~/domain/content-schema";
import { formatDateTime, toLocalInput } from "~/domain/time";
import { formatPolicyValue, parsePolicyForm, POLICY_UNITS, type PolicyFieldErrors } from "~/domain/local-policy";
import { getT } from "~/i18n.server";
import { translateErrors } from "~/i18n";
import { localPolicyPage, saveLocalPolicyFigure, type PolicyHistoryEntry } from "~/policy-admin.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "policy.local")];

/** Trainers may read the local rules (they teach them); only admins may change them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const content = getContent();
  const facts = content.facts.map((f) => ({ id: f.id, metric: f.metric, customerClass: f.customerClass, manual: formatFact(f), unit: f.unit, lost: f.status === "lost" }));
  const metricOf = new Map(facts.map((f) => [f.id, f]));
  const row = (e: PolicyHistoryEntry) => ({
    id: e.id,
    factId: e.factId,
    metric: metricOf.get(e.factId)?.metric ?? e.factId,
    manual: metricOf.get(e.factId)?.manual ?? "—",
    value: formatPolicyValue(e),
    sourceDoc: e.sourceDoc,
    effectiveDate: e.effectiveDate,
    enteredBy: e.enteredByName ? `${e.enteredByName}（${e.enteredByNo}）` : "—",
    enteredAt: formatDateTime(e.enteredAt),
  });
  const { current, history } = await localPolicyPage();
  return {
    canEdit: user.role === "admin",
    facts,
    current: current.map(row),
    history: history.map(row),
    today: toLocalInput(now()).slice(0, 10),
  };
}

type ActionResult = { ok: true; message: string } | { ok: false; errors: PolicyFieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const t = await getT(request);
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const content = getContent();
  const parsed = parsePolicyForm(values, content.factsById, toLocalInput(now()).slice(0, 10));
  if (!parsed.ok) return data<ActionResult>({ ok: false, errors: translateErrors(t, parsed.errors), values }, { status: 400 });
  const { sync } = await saveLocalPolicyFigure(admin.id, parsed.figure, content, now());
  const metric = content.factsById.get(parsed.figure.factId)!.metric;
  return data<ActionResult>({ ok: true, message: t("policy.saved", { fact: metric, created: sync.created, revised: sync.revised }) });
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

export default function LocalPolicyPage() {
  const t = useT();
  const { canEdit, facts, current, history, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const errors: PolicyFieldErrors = result && !result.ok ? result.errors : {};
  const values: Record<string, string> = result && !result.ok ? result.values : {};
  const invalid = (name: keyof PolicyFieldErrors) =>
    errors[name] ? { "aria-invalid": true, "aria-describedby": `policy-${name}-error` } : {};
  const label = (f: (typeof facts)[number]) => `${f.metric}${f.customerClass ? `（${f.customerClass}）` : ""}`;
  return (
    <>
      <PageTitle>{t("policy.title")}</PageTitle>
      <p className="mb-4 max-w-3xl text-slate-700">{t("policy.intro")}</p>
      {result?.ok ? (
        <p className="alert-ok" role="status">
          {result.message}
        </p>
      ) : null}

      <section className="mb-6" aria-labelledby="current-title">
        <h2 id="current-title" className="mb-3 text-lg font-semibold">
          {t("policy.current")}
        </h2>
        {current.length === 0 ? (
          <p>{t("policy.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="data-table" data-testid="policy-current">
              <thead>
                <tr>
                  <th scope="col">{t("policy.fact")}</th>
                  <th scope="col">{t("policy.manual")}</th>
                  <th scope="col">{t("policy.local")}</th>
                  <th scope="col">{t("policy.sourceDoc")}</th>
                  <th scope="col">{t("policy.effectiveDate")}</th>
                  <th scope="col">{t("policy.enteredBy")}</th>
                </tr>
              </thead>
              <tbody>
                {current.map((r) => (
                  <tr key={r.id} data-fact={r.factId}>
                    <td lang="zh-CN">{r.metric}</td>
                    <td lang="zh-CN">{r.manual}</td>
                    <td lang="zh-CN" className="font-semibold">{r.value}</td>
                    <td lang="zh-CN">{`《${r.sourceDoc}》`}</td>
                    <td>{r.effectiveDate}</td>
                    <td>
                      <span lang="zh-CN">{r.enteredBy}</span>
                      <br />
                      <span className="text-xs text-slate-600">{r.enteredAt}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canEdit ? (
        <section className="card mb-6" aria-labelledby="form-title">
          <h2 id="form-title" className="mb-3 text-lg font-semibold">
            {t("policy.form")}
          </h2>
          {Object.keys(errors).length ? (
            <p className="alert-error" role="alert">
              {t("form.fixErrors")}
            </p>
          ) : null}
          <Form method="post" noValidate className="grid gap-x-4 sm:grid-cols-2">
            <div className="field sm:col-span-2">
              <label htmlFor="policy-factId">{t("policy.fact")}</label>
              <select id="policy-factId" name="factId" className="input" defaultValue={values.factId ?? ""} {...invalid("factId")}>
                <option value="">{t("policy.chooseFact")}</option>
                <optgroup label={t("policy.groupLost")}>
                  {facts
                    .filter((f) => f.lost)
                    .map((f) => (
                      <option key={f.id} value={f.id} lang="zh-CN">
                        {label(f)}（{t("policy.lostMark")}{f.unit ? `，${f.unit}` : ""}）
                      </option>
                    ))}
                </optgroup>
                <optgroup label={t("policy.groupOther")}>
                  {facts
                    .filter((f) => !f.lost)
                    .map((f) => (
                      <option key={f.id} value={f.id} lang="zh-CN">
                        {label(f)}：{f.manual}
                      </option>
                    ))}
                </optgroup>
              </select>
              <FieldError id="policy-factId-error" message={errors.factId} />
            </div>
            <div className="field">
              <label htmlFor="policy-value">{t("policy.value")}</label>
              <input id="policy-value" name="value" className="input" defaultValue={values.value ?? ""} {...invalid("value")} />
              <FieldError id="policy-value-error" message={errors.value} />
            </div>
            <div className="field">
              <label htmlFor="policy-unit">{t("policy.unit")}</label>
              <select id="policy-unit" name="unit" className="input" defaultValue={values.unit ?? ""} {...invalid("unit")}>
                <option value="">{t("policy.unitNone")}</option>
                {POLICY_UNITS.map((u) => (
                  <option key={u} value={u} lang="zh-CN">
                    {u}
                  </option>
                ))}
              </select>
              <FieldError id="policy-unit-error" message={errors.unit} />
            </div>
            <div className="field">
              <label htmlFor="policy-sourceDoc">{t("policy.sourceDoc")}</label>
              <input
                id="policy-sourceDoc"
                name="sourceDoc"
                className="input"
                maxLength={120}
                defaultValue={values.sourceDoc ?? ""}
                aria-invalid={errors.sourceDoc ? true : undefined}
                aria-describedby={errors.sourceDoc ? "policy-sourceDoc-error" : "policy-sourceDoc-hint"}
              />
              <p id="policy-sourceDoc-hint" className="text-xs text-slate-600">
                {t("policy.sourceDocHint")}
              </p>
              <FieldError id="policy-sourceDoc-error" message={errors.sourceDoc} />
            </div>
            <div className="field">
              <label htmlFor="policy-effectiveDate">{t("policy.effectiveDate")}</label>
              <input
                id="policy-effectiveDate"
                name="effectiveDate"
                type="date"
                max={today}
                className="input"
                defaultValue={values.effectiveDate ?? ""}
                {...invalid("effectiveDate")}
              />
              <FieldError id="policy-effectiveDate-error" message={errors.effectiveDate} />
            </div>
            <div className="sm:col-span-2">
              <button type="submit" className="btn" disabled={busy}>
                {t("policy.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : (
        <p className="mb-6 text-slate-700">{t("policy.readOnly")}</p>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title" className="mb-3 text-lg font-semibold">
          {t("policy.history")}
        </h2>
        {history.length === 0 ? (
          <p>{t("policy.noHistory")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="data-table" data-testid="policy-history">
              <thead>
                <tr>
                  <th scope="col">{t("policy.enteredAt")}</th>
                  <th scope="col">{t("policy.fact")}</th>
                  <th scope="col">{t("policy.local")}</th>
                  <th scope="col">{t("policy.sourceDoc")}</th>
                  <th scope="col">{t("policy.effectiveDate")}</th>
                  <th scope="col">{t("policy.enteredBy")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((r) => (
                  <tr key={r.id}>
                    <td>{r.enteredAt}</td>
                    <td lang="zh-CN">{r.metric}</td>
                    <td lang="zh-CN">{r.value}</td>
                    <td lang="zh-CN">{`《${r.sourceDoc}》`}</td>
                    <td>{r.effectiveDate}</td>
                    <td lang="zh-CN">{r.enteredBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
