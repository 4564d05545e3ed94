/**
 * The printable certificate (A4 landscape). Only its holder, a trainer or an admin may open it; anyone
 * else gets the same 404 as for a code that does not exist, so the page says nothing about other people.
 * Trainers: those who may see the certificate (its attempt counts for a cohort they run); admins: all.
 * It carries a QR code of its verification URL (drawn on the server as one SVG path), for print and phones.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasRole, requireUser } from "~/auth.server";
import { certificateForPrint, qrPath } from "~/certificates.server";
import { now } from "~/clock.server";
import { certificateState } from "~/domain/exam";
import { formatDate } from "~/domain/time";
import { useT, pageTitle } from "~/components/i18n";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "examadmin.print.title"), { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const c = await certificateForPrint(user, params.code ?? "");
  if (!c) throw new Response("Not found", { status: 404 });
  const verifyPath = `/verify/${c.code}`;
  const verifyUrl = new URL(verifyPath, request.url).href;
  return {
    code: c.code,
    holderName: c.holderName,
    name: c.name,
    issuedAt: formatDate(c.issuedAt),
    expiresAt: formatDate(c.expiresAt),
    state: certificateState(c, now()),
    verifyPath,
    verifyUrl,
    qr: qrPath(verifyUrl),
    isTrainer: hasRole(user, "trainer"),
  };
}

/**
 * A4 landscape. The sheet fills the printable area inside a 10 mm page margin (most printers cannot
 * print to the edge); the app's header and this page's buttons are not printed.
 */
const PRINT_CSS = `@page { size: A4 landscape; margin: 10mm; }
@media print {
  html, body { background: #fff !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
  .certificate-sheet {
    width: 277mm !important; height: 190mm !important; max-width: none !important; aspect-ratio: auto !important;
    margin: 0 !important; box-shadow: none !important; break-inside: avoid;
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
  .certificate-qr { width: 30mm !important; height: 30mm !important; }
}`;

export default function PrintableCertificate() {
  const t = useT();
  const c = useLoaderData<typeof loader>();
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="mb-4 flex flex-wrap items-center gap-2 print:hidden">
        <button type="button" className="btn" onClick={() => window.print()}>
          {t("examadmin.print.print")}
        </button>
        <Link to={c.verifyPath} className="btn-secondary">
          {t("examadmin.print.openVerify")}
        </Link>
        {c.isTrainer ? (
          <Link to="/trainer/certificates" className="btn-link">
            {t("examadmin.print.back")}
          </Link>
        ) : null}
      </div>
      {c.state === "revoked" || c.state === "expired" ? (
        <p className="alert-error" role="alert" data-testid="print-warning">
          {c.state === "revoked" ? t("examadmin.print.revoked") : t("examadmin.print.expired")}
        </p>
      ) : null}
      <article
        className="certificate-sheet relative mx-auto flex w-full sm:aspect-[297/210] max-w-4xl flex-col items-center justify-between gap-4 overflow-hidden rounded-lg border-8 border-double border-teal-700 bg-white p-[4%] text-center shadow-sm print:p-[18mm]"
        aria-labelledby="certificate-title"
        data-testid="certificate"
      >
        <header>
          <p className="text-sm font-semibold tracking-widest text-teal-800 sm:text-base">{t("app.name")}</p>
          <h1 id="certificate-title" className="mt-1 text-2xl font-bold tracking-[0.3em] text-slate-900 sm:text-5xl">
            {t("examadmin.print.heading")}
          </h1>
        </header>
        <div className="my-2">
          <p className="text-sm text-slate-700 sm:text-lg">{t("examadmin.print.certifies")}</p>
          <p className="my-1 text-xl font-bold text-slate-900 sm:my-3 sm:text-4xl" data-testid="certificate-holder">
            {c.holderName}
          </p>
          <p className="text-sm text-slate-700 sm:text-lg">{t("examadmin.print.hasEarned")}</p>
          <p className="mt-1 text-lg font-semibold text-teal-900 sm:mt-3 sm:text-3xl" data-testid="certificate-name">
            {c.name}
          </p>
        </div>
        <footer className="grid w-full grid-cols-1 gap-1 text-left text-[0.65rem] text-slate-700 sm:grid-cols-[1fr_2fr] sm:text-sm">
          <dl>
            <div>
              <dt className="inline">{t("examadmin.print.issued")}</dt>
              <dd className="inline">{c.issuedAt}</dd>
            </div>
            <div>
              <dt className="inline">{t("examadmin.print.expires")}</dt>
              <dd className="inline">{c.expiresAt}</dd>
            </div>
          </dl>
          <div className="flex items-end gap-3 sm:justify-end">
            <dl className="min-w-0 sm:text-right">
              <div>
                <dt className="inline">{t("examadmin.print.code")}</dt>
                <dd className="inline font-mono" data-testid="certificate-code">
                  {c.code}
                </dd>
              </div>
              <div>
                <dt className="inline">{t("examadmin.print.verifyAt")}</dt>
                <dd className="inline break-all font-mono print:break-normal">{c.verifyUrl}</dd>
              </div>
            </dl>
            <svg
              xmlns="http://www.w3.org/2000/svg"
              viewBox={`-2 -2 ${c.qr.size + 4} ${c.qr.size + 4}`}
              className="certificate-qr h-20 w-20 shrink-0 sm:h-28 sm:w-28"
              role="img"
              aria-label={t("certs.qr.label", { url: c.verifyUrl })}
              data-testid="certificate-qr"
              shapeRendering="crispEdges"
            >
              <rect x={-2} y={-2} width={c.qr.size + 4} height={c.qr.size + 4} fill="#fff" />
              <path d={c.qr.d} fill="#000" />
            </svg>
          </div>
        </footer>
      </article>
    </>
  );
}
