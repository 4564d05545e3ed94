import { useRouteLoaderData } from "@remix-run/react";
import { translator, type Locale, type T } from "~/i18n";

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
