/** Message catalogues and the `t` function, shared by server and browser. */
import { en } from "./en";
import { zh, type MessageKey, type Messages } from "./zh";

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";

const catalogues: Record<Locale, Messages> = { zh, en };

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): T {
  const messages = catalogues[locale] ?? zh;
  return (key, vars) => {
    const template = messages[key] ?? zh[key] ?? key;
    return vars ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : template;
  };
}

export function parseLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : DEFAULT_LOCALE;
}

export type { MessageKey };
