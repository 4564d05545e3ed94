/** Messages in Chinese, for tests that read what the CLI prints and the Chinese page shows. */
import { zhText } from "~/i18n";
import type { Message } from "~/domain/message";

export { zhText };

export function zhErrors<T extends { line: number; message: Message }>(errors: readonly T[]): { line: number; message: string }[] {
  return errors.map((e) => ({ line: e.line, message: zhText(e.message) }));
}
