import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "~/auth.server";
import { parseLocale } from "~/i18n";
import { localeCookie } from "~/i18n.server";

/** Switch the interface language (anyone may; it only sets a cookie). */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = parseLocale(String(form.get("locale") ?? ""));
  const referer = request.headers.get("Referer");
  const back = referer ? new URL(referer).pathname + new URL(referer).search : "/";
  return redirect(safeRedirect(back, "/"), { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export async function loader() {
  return redirect("/");
}
