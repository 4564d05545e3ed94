import { Form, Link, NavLink, useMatches } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n";
import { useRootData, useT } from "./i18n";

/**
 * A route that wants its own skip link before the general “跳到正文” exports
 * `handle = { skipLink: { href, label } }` (e.g. the exam page: straight to the current question).
 */
export interface SkipLinkHandle {
  skipLink?: { href: string; label: MessageKey };
}

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const root = useRootData();
  const user = root?.user ?? null;
  const pageSkip = useMatches()
    .map((m) => (m.handle as SkipLinkHandle | undefined)?.skipLink)
    .filter((s) => s !== undefined)
    .pop();
  const otherLocale = root?.locale === "en" ? "zh" : "en";
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `rounded px-2 py-1 hover:bg-teal-50 ${isActive ? "font-semibold text-teal-800 underline underline-offset-4" : "text-slate-700"}`;
  return (
    <>
      {pageSkip ? (
        <a href={pageSkip.href} className="skip-link" data-testid="page-skip-link">
          {t(pageSkip.label)}
        </a>
      ) : null}
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
              <NavLink to="/wrong-book" className={linkClass}>
                {t("wrongbook.nav")}
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
              <input type="hidden" name="locale" value={otherLocale} />
              {/* Named by its visible text (the other language's name, in that language); what it does is its description. */}
              <button type="submit" className="btn-link" lang={otherLocale === "en" ? "en" : "zh-CN"} aria-describedby="language-hint">
                {t("nav.language")}
              </button>
              <span id="language-hint" hidden>
                {t("nav.languageLabel")}
              </span>
            </Form>
            {user ? (
              <Form method="post" action="/logout">
                <span className="mr-2 text-slate-600">
                  <span lang="zh-CN">{user.name}</span>({t(`role.${user.role}`)})
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
