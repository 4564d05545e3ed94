/** Message catalogues and the `t` function, shared by server and browser. */
import { isMessage, type Message, type MessageParam, type MessageParams } from "~/domain/message";
import { en } from "./en";
import { zh, type MessageKey, type Messages } from "./zh";

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";

const catalogues: Record<Locale, Messages> = { zh, en };

/**
 * `t(key, vars)` or `t(message)`. Templates take `{name}` for a value and
 * `{name, plural, one {# question} other {# questions}}` for a count, the form chosen by
 * Intl.PluralRules for the locale (`=0 {…}` matches exactly; `#` is the number). A value that is a
 * message is translated too; a list is joined the locale's way ("、" or ", ").
 */
export type T = (key: MessageKey | Message, vars?: MessageParams) => string;

const LIST_SEPARATOR: Record<Locale, string> = { zh: "、", en: ", " };

/** `{name, plural, …}` at `start` (the `{`): its end and its branches, or null when it is not one. */
function pluralAt(template: string, start: number): { end: number; name: string; branches: Map<string, string> } | null {
  const head = /^\{(\w+),\s*plural,\s*/.exec(template.slice(start));
  if (!head) return null;
  const branches = new Map<string, string>();
  let i = start + head[0].length;
  for (;;) {
    while (template[i] === " ") i++;
    if (template[i] === "}") return { end: i + 1, name: head[1]!, branches };
    const sel = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(template.slice(i));
    if (!sel) return null;
    let depth = 1;
    let j = i + sel[0].length;
    const bodyStart = j;
    for (; j < template.length && depth > 0; j++) {
      if (template[j] === "{") depth++;
      else if (template[j] === "}") depth--;
    }
    if (depth !== 0) return null;
    branches.set(sel[1]!, template.slice(bodyStart, j - 1));
    i = j;
  }
}

export function formatMessage(locale: Locale, template: string, vars: MessageParams = {}): string {
  const value = (name: string): string => {
    const v: MessageParam | undefined = vars[name];
    if (v === undefined) return `{${name}}`;
    if (isMessage(v)) return translator(locale)(v);
    if (Array.isArray(v)) return v.join(LIST_SEPARATOR[locale]);
    return String(v);
  };
  let out = "";
  for (let i = 0; i < template.length; ) {
    if (template[i] === "{") {
      const plural = pluralAt(template, i);
      if (plural) {
        const n = Number(vars[plural.name]);
        const form = plural.branches.get(`=${n}`) ?? plural.branches.get(new Intl.PluralRules(locale === "zh" ? "zh-CN" : "en").select(n)) ?? plural.branches.get("other") ?? "";
        out += formatMessage(locale, form.replace(/#/g, String(n)), vars);
        i = plural.end;
        continue;
      }
      const simple = /^\{(\w+)\}/.exec(template.slice(i));
      if (simple) {
        out += value(simple[1]!);
        i += simple[0].length;
        continue;
      }
    }
    out += template[i];
    i++;
  }
  return out;
}

export function translator(locale: Locale): T {
  const messages = catalogues[locale] ?? zh;
  return (key, vars) => {
    if (isMessage(key)) return translator(locale)(key.key, key.params);
    const template = messages[key] ?? zh[key] ?? key;
    return formatMessage(locale, template, vars);
  };
}

/** Field → message, translated (what a form shows next to each field). */
export function translateErrors(t: T, errors: Readonly<Record<string, Message>>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, t(message)]));
}

/** A message in Chinese: the text the CLI prints and logs keep (the pages translate the message itself). */
export function zhText(message: Message): string {
  return translator("zh")(message);
}

export function parseLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : DEFAULT_LOCALE;
}

export type { MessageKey, Message };
