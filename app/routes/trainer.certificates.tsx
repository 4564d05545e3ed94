/**
 * Certificates for trainers: who is due for recertification (expiring within RENEWAL_WARNING_DAYS or
 * already expired, unless the holder has since earned a newer one), revoking with a reason, and the
 * revoked ones. Every certificate links to its public verification page and its printable page.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { audit } from "@db/queries/audit";
import { certificateByCode, certificatesExpiringBefore, certificatesOfLearner, revokeCertificate, revokedCertificates } from "@db/queries/exams";
import { findUserById } from "@db/queries/users";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { RENEWAL_WARNING_DAYS } from "~/domain/exam";
import { issuesToErrors, revokeSchema, type FieldErrors } from "~/domain/exam-form";
import { formatDate, formatDateTime } from "~/domain/time";
import { getT } from "~/i18n.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ActionMessage } from "~/components/exam-admin/ui";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "examadmin.certs.title")];

const DAY = 86_400_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const db = getDb();
  const t = now();
  const newest = new Map<number, ReturnType<typeof certificatesOfLearner>>();
  const heldLater = (userId: number, name: string, expiresAt: number) => {
    if (!newest.has(userId)) newest.set(userId, certificatesOfLearner(db, userId));
    return newest.get(userId)!.some((c) => c.name === name && !c.revokedAt && c.expiresAt > expiresAt);
  };
  const due = certificatesExpiringBefore(db, t + RENEWAL_WARNING_DAYS * DAY)
    .filter((r) => !heldLater(r.certificate.userId, r.certificate.name, r.certificate.expiresAt))
    .map((r) => ({
      code: r.certificate.code,
      name: r.certificate.name,
      employeeNo: r.employeeNo,
      holder: r.name,
      team: r.team,
      issuedAt: formatDate(r.certificate.issuedAt),
      expiresAt: formatDate(r.certificate.expiresAt),
      expired: r.certificate.expiresAt <= t,
      // Whole days: "expires in 3 days" rounds up, "expired 70 days ago" rounds down.
      days: r.certificate.expiresAt > t ? Math.ceil((r.certificate.expiresAt - t) / DAY) : Math.floor((t - r.certificate.expiresAt) / DAY),
    }));
  const names = new Map<number, string>();
  const revoked = revokedCertificates(db).map((r) => {
    const by = r.certificate.revokedBy;
    if (by !== null && !names.has(by)) names.set(by, findUserById(db, by)?.name ?? "");
    return {
      code: r.certificate.code,
      name: r.certificate.name,
      employeeNo: r.employeeNo,
      holder: r.name,
      revokedAt: formatDateTime(r.certificate.revokedAt!),
      by: by === null ? "" : names.get(by)!,
      reason: r.certificate.revokeReason ?? "",
    };
  });
  const prefill = new URL(request.url).searchParams.get("revoke") ?? "";
  return { due, revoked, prefill: /^[0-9A-Za-z-]{1,40}$/.test(prefill) ? prefill : "", warningDays: RENEWAL_WARNING_DAYS };
}

type ActionResult = { ok: boolean; message?: string; errors: FieldErrors; values: { code: string; reason: string } };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const t = await getT(request);
  const db = getDb();
  const form = await request.formData();
  if (form.get("intent") !== "revoke") throw data(t("error.unknownIntent"), { status: 400 });
  const values = { code: String(form.get("code") ?? ""), reason: String(form.get("reason") ?? "") };
  const parsed = revokeSchema.safeParse(values);
  if (!parsed.success) return data<ActionResult>({ ok: false, errors: issuesToErrors(parsed.error), values }, { status: 400 });
  const cert = certificateByCode(db, parsed.data.code);
  if (!cert) return data<ActionResult>({ ok: false, errors: { code: t("examadmin.certs.unknownCode") }, values }, { status: 400 });
  if (cert.revokedAt) return data<ActionResult>({ ok: false, message: t("examadmin.certs.alreadyRevoked", { code: cert.code }), errors: {}, values }, { status: 409 });
  db.transaction((tx) => {
    revokeCertificate(tx, cert.id, user.id, parsed.data.reason, now());
    audit(tx, user.id, "certificate.revoke", { certificateId: cert.id, code: cert.code, reason: parsed.data.reason }, now());
  });
  return data<ActionResult>({ ok: true, message: t("examadmin.certs.revoked", { code: cert.code, holder: cert.holderName }), errors: {}, values: { code: "", reason: "" } });
}

function CertLinks({ code }: { code: string }) {
  const t = useT();
  return (
    <div className="flex flex-col gap-1">
      <Link to={`/verify/${code}`} className="btn-link break-all font-mono text-xs">
        {code}
      </Link>
      <Link to={`/certificates/${code}`} className="btn-link text-xs" aria-label={`${t("examadmin.certs.print")} ${code}`}>
        {t("examadmin.certs.print")}
      </Link>
    </div>
  );
}

export default function TrainerCertificates() {
  const t = useT();
  const { due, revoked, prefill, warningDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result && !result.ok ? result.values : { code: prefill, reason: "" };
  return (
    <>
      <p className="mb-2">
        <Link to="/trainer/exams" className="btn-link">
          ← {t("examadmin.nav.list")}
        </Link>
      </p>
      <PageTitle>{t("examadmin.certs.title")}</PageTitle>
      {result?.message ? <ActionMessage ok={result.ok}>{result.message}</ActionMessage> : null}

      <section aria-labelledby="due-title" className="mb-8">
        <h2 id="due-title" className="mb-2 text-lg font-semibold">
          {t("examadmin.certs.dueTitle")}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t("examadmin.certs.dueIntro", { days: warningDays })}</p>
        {due.length === 0 ? (
          <p>{t("examadmin.certs.dueNone")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="data-table" data-testid="due-table">
              <thead>
                <tr>
                  <th scope="col">{t("examadmin.certs.holder")}</th>
                  <th scope="col">{t("examadmin.certs.certificate")}</th>
                  <th scope="col">{t("examadmin.certs.dates")}</th>
                  <th scope="col">{t("examadmin.certs.state")}</th>
                  <th scope="col">{t("examadmin.certs.code")}</th>
                  <th scope="col">{t("examadmin.certs.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {due.map((c) => (
                  <tr key={c.code} data-code={c.code}>
                    <td>
                      <div className="font-mono text-xs">{c.employeeNo}</div>
                      <div>{c.holder}</div>
                      {c.team ? <div className="text-xs text-slate-600">{c.team}</div> : null}
                    </td>
                    <td>{c.name}</td>
                    <td className="whitespace-nowrap text-xs">
                      <div>{t("examadmin.certs.issuedOn", { at: c.issuedAt })}</div>
                      <div>{t("examadmin.certs.expiresOn", { at: c.expiresAt })}</div>
                    </td>
                    <td className={`whitespace-nowrap text-xs font-semibold ${c.expired ? "text-red-700" : "text-amber-800"}`}>
                      {c.expired ? t("examadmin.certs.expiredAgo", { n: c.days }) : t("examadmin.certs.expiresIn", { n: c.days })}
                    </td>
                    <td>
                      <CertLinks code={c.code} />
                    </td>
                    <td>
                      <Link to={`?revoke=${c.code}#revoke-title`} className="btn-link text-xs" aria-label={`${t("examadmin.certs.revokeThis")} ${c.code}`}>
                        {t("examadmin.certs.revokeThis")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="revoke-title" className="card mb-8">
        <h2 id="revoke-title" className="mb-2 text-lg font-semibold">
          {t("examadmin.certs.revokeTitle")}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t("examadmin.certs.revokeIntro")}</p>
        <Form method="post" noValidate className="grid gap-x-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto]" key={`${prefill}|${result?.ok ? "done" : ""}`}>
          <input type="hidden" name="intent" value="revoke" />
          <div className="field">
            <label htmlFor="revoke-code">{t("examadmin.certs.code")}</label>
            <input
              id="revoke-code"
              name="code"
              className="input font-mono"
              autoComplete="off"
              defaultValue={values.code}
              aria-invalid={errors.code ? true : undefined}
              aria-describedby={errors.code ? "revoke-code-error" : undefined}
            />
            {errors.code ? (
              <p id="revoke-code-error" className="field-error">
                {errors.code}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="revoke-reason">{t("examadmin.certs.reason")}</label>
            <input
              id="revoke-reason"
              name="reason"
              className="input"
              defaultValue={values.reason}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={errors.reason ? "revoke-reason-error" : undefined}
            />
            {errors.reason ? (
              <p id="revoke-reason-error" className="field-error">
                {errors.reason}
              </p>
            ) : null}
          </div>
          <div className="flex items-start pb-4 sm:pt-6">
            <button type="submit" className="btn-danger py-2" disabled={busy}>
              {t("examadmin.certs.revokeSubmit")}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="revoked-title">
        <h2 id="revoked-title" className="mb-3 text-lg font-semibold">
          {t("examadmin.certs.revokedTitle")}
        </h2>
        {revoked.length === 0 ? (
          <p>{t("examadmin.certs.revokedNone")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="data-table" data-testid="revoked-table">
              <thead>
                <tr>
                  <th scope="col">{t("examadmin.certs.holder")}</th>
                  <th scope="col">{t("examadmin.certs.certificate")}</th>
                  <th scope="col">{t("examadmin.certs.revokedAt")}</th>
                  <th scope="col">{t("examadmin.certs.reason")}</th>
                  <th scope="col">{t("examadmin.certs.code")}</th>
                </tr>
              </thead>
              <tbody>
                {revoked.map((c) => (
                  <tr key={c.code} data-code={c.code}>
                    <td>
                      <div className="font-mono text-xs">{c.employeeNo}</div>
                      <div>{c.holder}</div>
                    </td>
                    <td>{c.name}</td>
                    <td className="whitespace-nowrap text-xs">
                      <div>{c.revokedAt}</div>
                      {c.by ? <div>{t("examadmin.certs.revokedBy", { name: c.by })}</div> : null}
                    </td>
                    <td className="break-words">{c.reason}</td>
                    <td>
                      <CertLinks code={c.code} />
                    </td>
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
