/**
 * Public certificate verification: anyone with the code (printed on the certificate) can check it,
 * without signing in. Shows only what a verifier needs — holder, certificate, issue and expiry dates and
 * whether it is valid, expired or revoked — and nothing of the attempt, the score or the account.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { certificateForVerify } from "~/certificates.server";
import { formatDate } from "~/domain/time";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { VerifyForm } from "~/components/verify-form";
import { GeneralErrorBoundary } from "~/root";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "examadmin.verify.title"), { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  // The code as typed or scanned: the one normalising rule (app/domain/certificate-code.ts) reads it.
  const c = await certificateForVerify(params.code ?? "");
  if (!c) throw new Response("Not found", { status: 404, headers: { "X-Robots-Tag": "noindex" } });
  return { ...c, issuedAt: formatDate(c.issuedAt), expiresAt: formatDate(c.expiresAt) };
}

export function headers() {
  return { "X-Robots-Tag": "noindex", "Cache-Control": "no-store" };
}

const STATE_STYLE = {
  valid: "border-teal-400 bg-teal-50 text-teal-900",
  expired: "border-amber-400 bg-amber-50 text-amber-900",
  revoked: "border-red-400 bg-red-50 text-red-900",
} as const;

export default function VerifyCertificate() {
  const t = useT();
  const c = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl">
      <PageTitle>{t("examadmin.verify.title")}</PageTitle>
      <section className="card" aria-labelledby="verify-name" data-testid="verify-card">
        <p className={`mb-4 rounded-md border-2 px-3 py-2 text-center text-xl font-bold ${STATE_STYLE[c.state]}`} data-testid="verify-state">
          {t(`examadmin.verify.state.${c.state}`)}
        </p>
        <h2 id="verify-name" className="mb-3 text-lg font-semibold">
          {c.name}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
          <dt className="text-slate-600">{t("examadmin.verify.holder")}</dt>
          <dd className="font-semibold" data-testid="verify-holder">
            {c.holderName}
          </dd>
          <dt className="text-slate-600">{t("examadmin.verify.issued")}</dt>
          <dd>{c.issuedAt}</dd>
          <dt className="text-slate-600">{t("examadmin.verify.expires")}</dt>
          <dd>{c.expiresAt}</dd>
          <dt className="text-slate-600">{t("examadmin.verify.code")}</dt>
          <dd className="font-mono">{c.code}</dd>
        </dl>
      </section>
      <p className="mt-4 text-sm text-slate-600">{t("examadmin.verify.note")}</p>
      <p className="mt-2 text-sm">
        <Link to="/verify" className="btn-link">
          {t("certs.verify.another")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <section className="card mx-auto max-w-lg text-center" aria-labelledby="verify-error-title" data-testid="verify-invalid">
      <h1 id="verify-error-title" className="text-xl font-bold">
        {t("examadmin.verify.invalidTitle")}
      </h1>
      <p className="mt-2 text-slate-600">{t("examadmin.verify.invalidBody")}</p>
      <div className="mt-4 text-left">
        <VerifyForm />
      </div>
    </section>
  );
}
