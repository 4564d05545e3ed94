import type { zhExamAdmin } from "./zh-examadmin";

export const enExamAdmin: Record<keyof typeof zhExamAdmin, string> = {};
