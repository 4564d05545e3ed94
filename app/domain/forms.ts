/** Form schemas shared by the routes (server-side validation; the pages show the errors by field). */
import { z } from "zod";
import { ROLES } from "@db/schema";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password";

export const EMPLOYEE_NO_RE = /^[A-Za-z0-9_-]{1,32}$/;

export const loginSchema = z.object({
  employeeNo: z.string().trim().min(1, "login.required.employeeNo").max(32, "login.invalid"),
  password: z.string().min(1, "login.required.password").max(PASSWORD_MAX_LENGTH, "login.invalid"),
  redirectTo: z.string().optional(),
});

export const createUserSchema = z.object({
  employeeNo: z.string().trim().regex(EMPLOYEE_NO_RE, "工号只能包含字母、数字、下划线和连字符，最多 32 个字符"),
  name: z.string().trim().min(1, "请填写姓名").max(40, "姓名最多 40 个字符"),
  role: z.enum(ROLES, { message: "请选择角色" }),
  team: z.string().trim().max(60, "班组最多 60 个字符").optional().transform((v) => v || null),
  password: z
    .string()
    .max(PASSWORD_MAX_LENGTH)
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || v.length >= PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`),
});

/** Field → first message, for showing next to the field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
