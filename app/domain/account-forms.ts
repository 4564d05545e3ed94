/**
 * The admin's account forms (create, edit) as zod schemas whose messages are catalogue keys, so the page
 * shows each next to its field in the reader's language. The password rules are ./password-rules.
 */
import { z } from "zod";
import { ROLES } from "@db/schema";
import { EMPLOYEE_NO_RE } from "./forms";
import { PASSWORD_MAX_LENGTH } from "./password-rules";
import { MAX_NAME_LENGTH, MAX_TEAM_LENGTH } from "./staff-csv";

export { MAX_NAME_LENGTH, MAX_TEAM_LENGTH };

export const accountProfileSchema = z.object({
  name: z
    .string({ message: "accounts.nameRequired" })
    .trim()
    .min(1, "accounts.nameRequired")
    .refine((v) => [...v].length <= MAX_NAME_LENGTH, "accounts.nameTooLong"),
  team: z
    .string()
    .trim()
    .refine((v) => [...v].length <= MAX_TEAM_LENGTH, "accounts.teamTooLong")
    .optional()
    .transform((v) => v || null),
  role: z.enum(ROLES, { message: "accounts.roleInvalid" }),
});

export const createAccountSchema = accountProfileSchema.extend({
  employeeNo: z.string({ message: "accounts.employeeNoInvalid" }).trim().regex(EMPLOYEE_NO_RE, "accounts.employeeNoInvalid"),
  password: z
    .string()
    .max(PASSWORD_MAX_LENGTH)
    .optional()
    .transform((v) => v || undefined),
});

/** Vars for the messages above. */
export function accountMessageVars(key: string): Record<string, number> {
  if (key === "accounts.nameTooLong") return { max: MAX_NAME_LENGTH };
  if (key === "accounts.teamTooLong") return { max: MAX_TEAM_LENGTH };
  return {};
}
