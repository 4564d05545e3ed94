/**
 * /verify: type a certificate code to check it, without signing in. The code is read by the one
 * normalising rule (app/domain/certificate-code.ts: dashes and spaces optional, any case, full-width
 * characters, O read as 0 and I/L as 1); a well-formed code goes to its verification page, anything
 * else is answered here with what is wrong, in the visitor's language.
 */
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { normaliseCertificateCode } from "~/domain/certificate-code";
import { getT } from "~/i18n.server";
import { pageTitle, useT } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { VerifyForm } from "~/components/verify-form";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "examadmin.verify.title"), { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null) return { value: "", error: null };
  const t = await getT(request);
  const r = normaliseCertificateCode(typed);
  if (r.ok) return redirect(`/verify/${r.code}`);
  const p = r.problem;
  const error =
    p.kind === "empty"
      ? t("certs.verify.empty")
      : p.kind === "length"
        ? t("certs.verify.length", { length: p.length })
        : t("certs.verify.character", { position: p.position, char: p.char });
  return data({ value: typed.slice(0, 80), error }, { status: 400 });
}

export function headers() {
  return { "X-Robots-Tag": "noindex", "Cache-Control": "no-store" };
}

export default function VerifyIndex() {
  const t = useT();
  const { value, error } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl">
      <PageTitle>{t("examadmin.verify.title")}</PageTitle>
      <p className="mb-4 text-slate-700">{t("certs.verify.intro")}</p>
      <VerifyForm value={value} error={error ?? undefined} />
      <p className="mt-4 text-sm text-slate-600">{t("examadmin.verify.note")}</p>
    </div>
  );
}
