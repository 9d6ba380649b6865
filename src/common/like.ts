/**
 * `%text%` for a `LIKE :pattern ESCAPE '!'` search: the user's own `%`, `_` and `!` match themselves,
 * so a search for "100%" is not a search for everything.
 */
export function containsPattern(text: string): string {
  return `%${literal(text)}%`;
}

/** `text%` for a `LIKE :pattern ESCAPE '!'`: whatever starts with `text`, its `%`, `_` and `!` taken literally. */
export function startsWithPattern(text: string): string {
  return `${literal(text)}%`;
}

const literal = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);
