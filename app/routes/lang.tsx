import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { refererPath } from "~/domain/redirect";
import { parseLocale } from "~/i18n";
import { localeCookie } from "~/i18n.server";

/** Switch the interface language (anyone may; it only sets a cookie). */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = parseLocale(String(form.get("locale") ?? ""));
  // A malformed or foreign Referer is ignored (back to the home page), never a 500.
  const back = refererPath(request.headers.get("Referer"), new URL(request.url).host, "/");
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export async function loader() {
  return redirect("/");
}
