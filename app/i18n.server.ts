import { createCookie } from "@remix-run/node";
import { parseLocale, translator, type Locale } from "~/i18n";

export const localeCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

export async function getLocale(request: Request): Promise<Locale> {
  const value = (await localeCookie.parse(request.headers.get("Cookie"))) as string | null;
  return parseLocale(value);
}

export async function getT(request: Request) {
  return translator(await getLocale(request));
}
