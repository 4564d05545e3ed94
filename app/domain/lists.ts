/** "a, b，c、d；e" → ["a", "b", "c", "d", "e"]: ASCII or Chinese separators, blank items dropped, duplicates once. */
export function splitList(s: string): string[] {
  return [...new Set(s.split(/[,，、;；\n]/).map((x) => x.trim()).filter(Boolean))];
}
