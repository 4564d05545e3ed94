import type { zhCohorts } from "./zh-cohorts";

export const enCohorts: Record<keyof typeof zhCohorts, string> = {};
