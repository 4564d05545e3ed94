import type { zhQuestions } from "./zh-questions";

export const enQuestions: Record<keyof typeof zhQuestions, string> = {};
