import { useRouteLoaderData } from "@remix-run/react";
import { translator, type Locale, type T } from "~/i18n";

export interface RootData {
  user: { id: number; employeeNo: string; name: string; role: "learner" | "trainer" | "admin" } | null;
  locale: Locale;
  demo: boolean;
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}

export function useT(): T {
  return translator(useRootData()?.locale ?? "zh");
}
