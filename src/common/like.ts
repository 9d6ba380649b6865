/**
 * `%text%` for a `LIKE :pattern ESCAPE '!'` search: the user's own `%`, `_` and `!` match themselves,
 * so a search for "100%" is not a search for everything.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
