import Handlebars from 'handlebars';

/** Characters that could end or confuse a <script> element, or a line of JavaScript, written as JSON escapes. */
const UNSAFE_IN_SCRIPT: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** JSON text that can sit inside <script type="application/ld+json"> and still parses to the same value. */
export function jsonForScript(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE_IN_SCRIPT[c]);
}

/**
 * {{jsonLd structuredData}} inside <script type="application/ld+json">: the one helper that returns
 * unescaped output. HTML-escaping would corrupt the JSON (a script element's text is not decoded), and
 * it is safe because the helper serialises the value itself: whatever the owner typed becomes a JSON
 * string in which no "<" survives, so "</script>" or "<!--" can never end or alter the element.
 */
export function jsonLd(value: unknown): Handlebars.SafeString {
  return new Handlebars.SafeString(jsonForScript(value));
}
