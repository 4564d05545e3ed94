import { useRouteLoaderData } from "@remix-run/react";
import { translator, type Locale, type MessageKey, type T } from "~/i18n";

export interface RootData {
  user: { id: number; employeeNo: string; name: string; role: "learner" | "trainer" | "admin" } | null;
  locale: Locale;
  demo: boolean;
  /** The product's time zone (KEFU_TIMEZONE), so the browser formats dates as the server does. */
  timeZone: string;
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}

export function useT(): T {
  return translator(useRootData()?.locale ?? "zh");
}

/** The translator for a route's `meta` (which runs outside React): the locale from the root loader's data. */
export function metaT(matches: readonly { id: string; data?: unknown }[]): T {
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  return translator(root?.locale ?? "zh");
}

/** A page's <title>: its own parts, then the product's name, in the reader's language. */
export function pageTitle(matches: readonly { id: string; data?: unknown }[], ...parts: (MessageKey | { text: string })[]): { title: string } {
  const t = metaT(matches);
  return { title: [...parts.map((p) => (typeof p === "string" ? t(p) : p.text)), t("app.name")].join(" · ") };
}
