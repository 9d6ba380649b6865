/** {{plural count "item"}} → "1 item", "3 items". */
export function plural(count: unknown, noun: unknown): string {
  const n = Number(count ?? 0);
  return `${n} ${String(noun)}${n === 1 ? '' : 's'}`;
}
