import type { zhReports } from "./zh-reports";

export const enReports: Record<keyof typeof zhReports, string> = {};
