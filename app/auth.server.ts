/**
 * Who is asking. Sessions are rows in the database; the browser holds a signed cookie with the id.
 * requireUser / requireRole are the first line of every protected loader and action.
 */
import { createCookie, redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import type { Role } from "@db/schema";
import { hot } from "@db/queries/hot";
import { deleteSession, insertSession } from "@db/queries/sessions";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { noteRequestUser } from "~/logger.server";
import { safeRedirectPath } from "~/domain/redirect";
import { getSessionSecrets } from "~/session-secret.server";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("kefu_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().NODE_ENV === "production" && process.env.COOKIE_SECURE === "1",
    secrets: getSessionSecrets(),
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

export interface SessionUser {
  id: number;
  employeeNo: string;
  name: string;
  role: Role;
  team: string | null;
  sessionId: string;
  /** An admin chose the password: every page but the change page sends the user there (requireUser). */
  mustChangePassword: boolean;
}

/** The page where a user changes their own password (the only page open while the change is required). */
export const CHANGE_PASSWORD_PATH = "/account/password";

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const user = await userFromCookieHeader(request.headers.get("Cookie"));
  if (user) noteRequestUser(user.id);
  return user;
}

/** The signed-in user from a raw Cookie header (also used by the server's autosave fast path). */
export async function userFromCookieHeader(cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const value = await sessionCookie().parse(cookieHeader ?? null);
  const sessionId = typeof value === "string" ? value : null;
  if (!sessionId) return null;
  const row = await hot(getDb()).sessionUser(sessionId, now());
  if (!row || row.disabledAt) return null;
  return {
    id: row.id,
    employeeNo: row.employeeNo,
    name: row.name,
    role: row.role,
    team: row.team,
    sessionId: row.sessionId,
    mustChangePassword: Boolean(row.mustChangePassword),
  };
}

/**
 * Signed-in user, or a redirect to the sign-in page that comes back here afterwards. While the user must
 * change a password an admin chose, every page (all of them start here) redirects to the change page,
 * which alone passes `{ passwordChange: true }`; signing out and static files do not come through here.
 */
export async function requireUser(request: Request, options: { passwordChange?: boolean } = {}): Promise<SessionUser> {
  const user = await getUser(request);
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  if (!user) throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  if (user.mustChangePassword && !options.passwordChange) {
    throw redirect(`${CHANGE_PASSWORD_PATH}?redirectTo=${encodeURIComponent(safeRedirectPath(back, "/dashboard"))}`);
  }
  return user;
}

/** Admins may do everything a trainer may; trainers everything a learner may. */
const RANK: Record<Role, number> = { learner: 0, trainer: 1, admin: 2 };

export function hasRole(user: Pick<SessionUser, "role">, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

export async function requireRole(request: Request, role: Role): Promise<SessionUser> {
  const user = await requireUser(request);
  // Pages show the 没有权限 page (root error boundary); file and data endpoints answer these words.
  if (!hasRole(user, role)) throw new Response("没有权限：你的账号没有访问这个页面的权限。(forbidden)", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return user;
}

export async function createUserSession(userId: number, redirectTo: string): Promise<Response> {
  const id = randomBytes(32).toString("base64url");
  const t = now();
  await insertSession(getDb(), { id, userId, createdAt: t, expiresAt: t + SESSION_TTL_MS });
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize(id) } });
}

export async function logout(request: Request): Promise<Response> {
  const sessionId = await readSessionId(request);
  if (sessionId) await deleteSession(getDb(), sessionId);
  return redirect("/login", { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}

/** Only same-site paths: never redirect to another host after sign-in (rule in ~/domain/redirect). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  return safeRedirectPath(to, fallback);
}
