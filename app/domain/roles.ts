/** The roles an account can have; the schema's users.role takes exactly these. */
export const ROLES = ["learner", "trainer", "admin"] as const;
export type Role = (typeof ROLES)[number];
