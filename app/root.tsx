import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import { getUser } from "~/auth.server";
import { AppShell } from "~/components/layout";
import { useNonce } from "~/components/nonce";
import { useRootData, useT, type RootData } from "~/components/i18n";
import { getTimeZone, setTimeZone } from "~/domain/time";
import { getEnv } from "~/env.server";
import { getLocale } from "~/i18n.server";
import styles from "~/tailwind.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs): Promise<RootData> {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  return {
    user: user ? { id: user.id, employeeNo: user.employeeNo, name: user.name, role: user.role } : null,
    locale,
    demo: getEnv().demo,
    timeZone: getTimeZone(),
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const nonce = useNonce();
  // Before any page below renders a date (server and browser alike).
  if (root?.timeZone) setTimeZone(root.timeZone);
  return (
    <html lang={root?.locale === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <AppShell>{children}</AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("error.notFound.title"), t("error.notFound.body")]
      : status === 403
        ? [t("error.forbidden.title"), t("error.forbidden.body")]
        : status === 400
          ? [t("error.badRequest.title"), isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : ""]
          : status === 429
            ? [t("error.tooMany.title"), isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : ""]
            : [t("error.server.title"), t("error.server.body")];
  return (
    <section className="card mx-auto max-w-lg text-center" aria-labelledby="error-title">
      <p className="text-5xl font-bold text-teal-700">{status}</p>
      <h1 id="error-title" className="mt-2 text-xl font-bold">
        {title}
      </h1>
      {body ? <p className="mt-2 text-slate-600">{body}</p> : null}
      <p className="mt-4">
        <a href="/" className="btn">
          {t("error.home")}
        </a>
      </p>
    </section>
  );
}
