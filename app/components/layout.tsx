import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { useRootData, useT } from "./i18n";

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const root = useRootData();
  const user = root?.user ?? null;
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `rounded px-2 py-1 hover:bg-teal-50 ${isActive ? "font-semibold text-teal-800 underline underline-offset-4" : "text-slate-700"}`;
  return (
    <>
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <a href={user ? "/dashboard" : "/login"} className="mr-auto text-lg font-bold text-teal-800">
            {t("app.name")}
          </a>
          {user ? (
            <nav aria-label={t("nav.menu")} className="flex flex-wrap items-center gap-1 text-sm">
              <NavLink to="/dashboard" className={linkClass}>
                {t("nav.dashboard")}
              </NavLink>
              <NavLink to="/modules" className={linkClass}>
                {t("nav.modules")}
              </NavLink>
              <NavLink to="/practice" className={linkClass}>
                {t("nav.practice")}
              </NavLink>
              <NavLink to="/exams" className={linkClass}>
                {t("nav.exams")}
              </NavLink>
              <NavLink to="/search" className={linkClass}>
                {t("nav.search")}
              </NavLink>
              {user.role !== "learner" ? (
                <NavLink to="/trainer" className={linkClass}>
                  {t("nav.trainer")}
                </NavLink>
              ) : null}
              {user.role === "admin" ? (
                <NavLink to="/admin/users" className={linkClass}>
                  {t("nav.admin")}
                </NavLink>
              ) : null}
              {user.role === "admin" ? (
                <NavLink to="/admin/policy" className={linkClass}>
                  {t("policy.nav")}
                </NavLink>
              ) : null}
            </nav>
          ) : null}
          <div className="flex items-center gap-2 text-sm">
            <Form method="post" action="/lang">
              <input type="hidden" name="locale" value={root?.locale === "en" ? "zh" : "en"} />
              <button type="submit" className="btn-link" aria-label={t("nav.languageLabel")}>
                {t("nav.language")}
              </button>
            </Form>
            {user ? (
              <Form method="post" action="/logout">
                <span className="mr-2 text-slate-600">
                  {user.name}({t(`role.${user.role}`)})
                </span>
                <Link to="/account/password" className="btn-link mr-2">
                  {t("account.nav")}
                </Link>
                <button type="submit" className="btn-link">
                  {t("nav.logout")}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 focus:outline-none">
        {children}
      </main>
    </>
  );
}

export function PageTitle({ children }: { children: ReactNode }) {
  return <h1 className="mb-4 text-2xl font-bold text-slate-900">{children}</h1>;
}
