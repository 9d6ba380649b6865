/**
 * A spreadsheet treats a cell that starts with = + - @ (or a tab or carriage return before one) as a
 * formula: a product name like `=HYPERLINK("http://evil", "click")` exported as is would run in the
 * owner's spreadsheet. Such text leaves the shop with a leading apostrophe, which spreadsheets show as
 * plain text, and comes back without it on import (OWASP's CSV injection advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralisedCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text an exported cell stood for: the apostrophe neutralisedCell added is taken off again. */
export function restoredCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
