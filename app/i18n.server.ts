import { createCookie } from "@remix-run/node";
import { parseLocale, translator, type Locale } from "~/i18n";

export const localeCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

export async function getLocale(request: Request): Promise<Locale> {
  return localeFromCookieHeader(request.headers.get("Cookie"));
}

/** The reader's language from a raw Cookie header (the autosave handler runs before the framework). */
export async function localeFromCookieHeader(cookieHeader: string | null | undefined): Promise<Locale> {
  const value = (await localeCookie.parse(cookieHeader ?? null)) as string | null;
  return parseLocale(value);
}

export async function getT(request: Request) {
  return translator(await getLocale(request));
}
