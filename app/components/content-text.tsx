import { Fragment, type ReactNode } from "react";
import type { MessageKey, T } from "~/i18n";

/**
 * A message whose values include Chinese content (names, titles people typed): the message in the
 * reader's language, each content value wrapped in `<span lang="zh-CN">` so that readers, screen
 * readers and the English-interface check know it is content, not interface text.
 */
export function ContentText({ t, k, vars, content }: { t: T; k: MessageKey; vars: Record<string, string | number>; content: readonly string[] }): ReactNode {
  const marked: Record<string, string | number> = { ...vars };
  content.forEach((name, i) => (marked[name] = `\u0000${i}\u0000`));
  const parts = t(k, marked).split("\u0000");
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} lang="zh-CN">
            {String(vars[content[Number(part)]!] ?? "")}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
