/**
 * The password strength rules: one implementation, used by the change-password page (which states them),
 * by an admin who types an initial password, and by `npm run user:create -- --password`. Pure: no crypto
 * here (hashing is in ./password).
 *
 * A password must
 *  - be 8 to 128 characters long;
 *  - mix at least two kinds of character: lower-case letters, upper-case letters, digits, anything else
 *    (punctuation, spaces, Chinese…);
 *  - not contain the account's 工号 (in any letter case);
 *  - not be a widely used password (a short list, including the demo password) nor one character
 *    repeated.
 * Whether the new password differs from the current one is checked by the service (it needs the hash).
 */

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 2;

/** Each rule, in the order the page states them; also the message key suffix (`password.rule.<id>`). */
export const PASSWORD_RULES = ["length", "classes", "employeeNo", "common"] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

/** Vars for each rule's message (the same text states the rule and reports its violation). */
export const PASSWORD_RULE_VARS: Record<PasswordRule, Record<string, number>> = {
  length: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
  classes: { n: PASSWORD_MIN_CLASSES },
  employeeNo: {},
  common: {},
};

const COMMON = new Set([
  "password",
  "password1",
  "password123",
  "passw0rd",
  "p@ssw0rd",
  "12345678",
  "123456789",
  "1234567890",
  "87654321",
  "qwertyui",
  "qwerty123",
  "1qaz2wsx",
  "abc12345",
  "abcd1234",
  "a1234567",
  "aa123456",
  "iloveyou",
  "11223344",
  "88888888",
  "woaini1314",
  "admin123",
  "admin1234",
  "kefu-demo",
  "kefu1234",
  "changeme",
]);

/** Kinds of character present: lower, upper, digit, other. */
export function characterClasses(password: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (const ch of password) {
    if (ch >= "a" && ch <= "z") lower = 1;
    else if (ch >= "A" && ch <= "Z") upper = 1;
    else if (ch >= "0" && ch <= "9") digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/** The rules the password breaks (empty: acceptable). Length counts characters, not UTF-16 units. */
export function passwordProblems(password: string, employeeNo: string): PasswordRule[] {
  const problems: PasswordRule[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) problems.push("length");
  if (characterClasses(password) < PASSWORD_MIN_CLASSES) problems.push("classes");
  const no = employeeNo.trim().toLowerCase();
  if (no && password.toLowerCase().includes(no)) problems.push("employeeNo");
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || (length > 0 && new Set(password).size === 1)) problems.push("common");
  return problems;
}
