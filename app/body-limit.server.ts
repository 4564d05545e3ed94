/** The 413 answer in the asker's language (the `lang` cookie), for the HTTP server's body limit. */
import { bodyLimitFor, formatBytes, type BodyLimit } from "~/domain/body-limits";
import { parseLocale, translator } from "~/i18n";
import { localeCookie } from "~/i18n.server";

export { bodyLimitFor };

export async function tooLargeMessage(cookieHeader: string | undefined, limit: BodyLimit): Promise<{ message: string; back: string }> {
  let locale = parseLocale(null);
  try {
    locale = parseLocale((await localeCookie.parse(cookieHeader ?? null)) as string | null);
  } catch {
    // a malformed cookie: default language
  }
  const t = translator(locale);
  return {
    message: t(limit.kind === "upload" ? "ops.tooLargeUpload" : "ops.tooLarge", { limit: formatBytes(limit.shown) }),
    back: t("ops.back"),
  };
}

export async function shuttingDownMessage(cookieHeader: string | undefined): Promise<string> {
  let locale = parseLocale(null);
  try {
    locale = parseLocale((await localeCookie.parse(cookieHeader ?? null)) as string | null);
  } catch {
    // default language
  }
  return translator(locale)("ops.shuttingDown");
}
