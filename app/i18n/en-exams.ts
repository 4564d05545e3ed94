import type { zhExams } from "./zh-exams";

export const enExams: Record<keyof typeof zhExams, string> = {};
