import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isImmutable } from '../common/immutable.js';

/** An Express view engine: renders the template at `file` with `options` (app locals, response locals, the page's model). */
export type ViewEngine = (file: string, options: object, callback: (error: unknown, html?: string) => void) => void;

export interface RenderMemoOptions {
  /** Where the views are, and which of them (relative names, "catalog/listing") are remembered. */
  viewsDir: string;
  views: string[];
  /**
   * The most characters kept (inputs and HTML); the pages rendered least recently go first. The pages
   * carry typographic characters (— › “ …), so V8 keeps them two bytes a character: 8 M characters are
   * 16 MB, about 600 product pages. (At 32 M a ten-minute soak spent 64 MB of the shop's memory on pages
   * of answers the catalog cache had already dropped.)
   */
  maxChars?: number;
}

/**
 * What Express adds to every render besides the page's input: its settings, the response locals again
 * (they are merged in already) and the cache flag; and the CSRF token function, handled apart.
 */
const NOT_INPUT = new Set(['settings', '_locals', 'cache', 'csrfToken']);

/**
 * Remembers rendered pages by everything the template is given. Rendering is a pure function of the
 * template and its input (helpers only format what they are passed), so the same input gives the same
 * HTML, and nothing has to be told when the catalog changes: a changed product is a changed input.
 * A catalog page's HTML costs more CPU than all the rest of its request; on a hit the input is only
 * written out as a key (see inputKey) and looked up. Only pages for visitors who are not signed in are
 * kept (a signed-in customer's pages are theirs alone, and would only crowd the rest out), and no form
 * shown again with its errors.
 *
 * A page with a form carries its visitor's CSRF token: it is rendered with a placeholder, and each
 * response gets its own visitor's token in its place (made the usual way, cookie included; tokens are
 * hex or base64url, so there is nothing HTML would escape in them).
 */
export function memoizeRenders(render: ViewEngine, options: RenderMemoOptions): ViewEngine {
  const remembered = new Set(options.views.map((view) => path.join(options.viewsDir, `${view}.hbs`)));
  const maxChars = options.maxChars ?? 8 * 1024 * 1024;
  const pages = new Map<string, { html: string; hasToken: boolean }>();
  let chars = 0;
  const sizeOf = (key: string, page: { html: string }) => key.length + page.html.length;
  // Random per process, so no page content could ever contain it by chance or by design.
  const tokenSlot = `csrf-slot-${randomBytes(16).toString('hex')}`;

  const keep = (key: string, page: { html: string; hasToken: boolean }) => {
    const earlier = pages.get(key); // two requests for one page rendered it at the same time
    if (earlier) chars -= sizeOf(key, earlier);
    pages.set(key, page);
    chars += sizeOf(key, page);
    for (const [oldest, kept] of pages) {
      if (chars <= maxChars) break;
      pages.delete(oldest);
      chars -= sizeOf(oldest, kept);
    }
  };

  return (file, renderOptions, callback) => {
    const all = renderOptions as Record<string, unknown>;
    // A form shown again with its errors carries what one visitor typed (their token too): nobody else's page.
    if (!remembered.has(file) || all.currentUser || all.errors) return render(file, renderOptions, callback);
    const input: Record<string, unknown> = {};
    for (const name of Object.keys(all)) if (!NOT_INPUT.has(name)) input[name] = all[name];
    const csrfToken = all.csrfToken;
    const key = `${file}\n${inputKey(input)}`;
    const withToken = ({ html, hasToken }: { html: string; hasToken: boolean }) =>
      hasToken && typeof csrfToken === 'function' ? html.replaceAll(tokenSlot, String((csrfToken as () => unknown)())) : html;

    const page = pages.get(key);
    if (page) {
      pages.delete(key);
      pages.set(key, page); // now the most recently rendered
      return callback(null, withToken(page));
    }
    let hasToken = false;
    const slotted = {
      ...renderOptions,
      csrfToken: () => {
        hasToken = true;
        return tokenSlot;
      },
    };
    render(file, slotted, (error, html) => {
      if (error || typeof html !== 'string') return callback(error);
      const rendered = { html, hasToken };
      keep(key, rendered);
      callback(null, withToken(rendered));
    });
  };
}

/** Numbers for unchangeable objects, so a key names them instead of spelling out their content. */
const ids = new WeakMap<object, number>();
let lastId = 0;

/**
 * The render's input as text: its JSON, except that a part deepFreeze made unchangeable (a cached
 * catalog answer: a listing's cards, a product's variants) is written as its identity, {"#":12}. The
 * same object always holds the same content, so equal keys still mean equal input, and the bulk of a
 * catalog page's input costs a lookup instead of being written out on every request.
 */
export function inputKey(input: object): string {
  return JSON.stringify(input, (_name, value: unknown) => {
    if (typeof value !== 'object' || value === null || !isImmutable(value)) return value instanceof Map || value instanceof Set ? [...value] : value;
    let id = ids.get(value);
    if (id === undefined) ids.set(value, (id = ++lastId));
    return { '#': id };
  });
}
