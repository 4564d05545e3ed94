import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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
import { translator, type MessageKey } from "~/i18n";
import { useEffect } from "react";
import styles from "~/tailwind.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** The title and body of the error page for a status. */
function errorText(status: number): [MessageKey, MessageKey | null] {
  if (status === 404) return ["error.notFound.title", "error.notFound.body"];
  if (status === 403) return ["error.forbidden.title", "error.forbidden.body"];
  if (status === 400) return ["error.badRequest.title", null];
  if (status === 429) return ["error.tooMany.title", null];
  return ["error.server.title", "error.server.body"];
}

/**
 * Every page has a title: the app's name, unless a route sets its own; an error page (403, 404, …) is
 * titled by what went wrong, in the visitor's language.
 */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const t = translator(data?.locale ?? "zh");
  const appName = t("app.name");
  if (!error) return [{ title: appName }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [{ title: `${t(errorText(status)[0])} · ${appName}` }];
};

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
  // Marks the page as live (hydrated), for tests and tools that must wait for it.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
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
  const [titleKey, bodyKey] = errorText(status);
  const title = t(titleKey);
  // 400 and 429 say what went wrong in the response itself.
  const body = bodyKey ? t(bodyKey) : isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : "";
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
