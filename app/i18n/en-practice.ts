import type { zhPractice } from "./zh-practice";

export const enPractice: Record<keyof typeof zhPractice, string> = {};
