import path from 'node:path';
import { deepFreeze } from '../common/immutable.js';
import { inputKey, memoizeRenders, type ViewEngine } from './render-memo.js';

const VIEWS = '/shop/views';
const listing = path.join(VIEWS, 'catalog/listing.hbs');
const cart = path.join(VIEWS, 'cart/cart.hbs');

/** A stand-in for Handlebars: writes out the title, and the CSRF token when the page has a form. */
function fakeEngine() {
  const renders: string[] = [];
  const engine: ViewEngine = (file, options, callback) => {
    const { title, form, csrfToken } = options as { title?: string; form?: boolean; csrfToken?: () => string };
    renders.push(file);
    callback(null, `<h1>${title}</h1>${form && csrfToken ? `<input name="_csrf" value="${csrfToken()}">` : ''}`);
  };
  return { engine, renders };
}

function render(engine: ViewEngine, file: string, options: object): Promise<string> {
  return new Promise((resolve, reject) => engine(file, options, (error, html) => (error ? reject(error instanceof Error ? error : new Error('render failed')) : resolve(html ?? ''))));
}

describe('memoizeRenders', () => {
  it('renders a page once for the same input, again when anything in it differs', async () => {
    const { engine, renders } = fakeEngine();
    const sut = memoizeRenders(engine, { viewsDir: VIEWS, views: ['catalog/listing'] });
    const settings = { views: VIEWS };

    expect(await render(sut, listing, { settings, title: 'Kurtas', cartCount: 0 })).toBe('<h1>Kurtas</h1>');
    expect(await render(sut, listing, { settings: { other: true }, title: 'Kurtas', cartCount: 0 })).toBe('<h1>Kurtas</h1>');
    expect(renders).toHaveLength(1);
    await render(sut, listing, { settings, title: 'Kurtas', cartCount: 1 });
    await render(sut, listing, { settings, title: 'Shirts', cartCount: 0 });
    expect(renders).toHaveLength(3);
  });

  it('renders again once the store settings change, though the cached settings are keyed by identity', async () => {
    const { engine, renders } = fakeEngine();
    const sut = memoizeRenders(engine, { viewsDir: VIEWS, views: ['catalog/listing'] });
    // The layout locals as app.factory sets them per request, from the frozen answer of the catalog cache.
    const before = deepFreeze({ shopName: 'Anarkali', currency: 'PKR' });
    const after = deepFreeze({ shopName: 'Anarkali', currency: 'USD' });
    for (let i = 0; i < 2; i++) await render(sut, listing, { title: 'Kurtas', shop: before, currency: before.currency });
    expect(renders).toHaveLength(1);
    await render(sut, listing, { title: 'Kurtas', shop: after, currency: after.currency });
    expect(renders).toHaveLength(2);
    // Equal settings from a new generation (a new object) are a new input too: never the old page by accident.
    await render(sut, listing, { title: 'Kurtas', shop: deepFreeze({ ...after }), currency: after.currency });
    expect(renders).toHaveLength(3);
  });

  it('never keeps a signed-in customer\'s page, nor a view it was not asked to keep', async () => {
    const { engine, renders } = fakeEngine();
    const sut = memoizeRenders(engine, { viewsDir: VIEWS, views: ['catalog/listing'] });
    for (let i = 0; i < 2; i++) {
      await render(sut, listing, { title: 'Kurtas', currentUser: { id: 7 } });
      await render(sut, cart, { title: 'Cart' });
    }
    expect(renders).toHaveLength(4);
  });

  it('never keeps a form shown again with its errors: it holds what one visitor typed', async () => {
    const { engine, renders } = fakeEngine();
    const sut = memoizeRenders(engine, { viewsDir: VIEWS, views: ['catalog/listing'] });
    for (let i = 0; i < 2; i++) await render(sut, listing, { title: 'Kurta', form: { _csrf: 'token-of-ayesha', quantity: '0' }, errors: { quantity: 'Quantity must be at least 1' } });
    expect(renders).toHaveLength(2);
  });

  it('gives every response of a page with a form its own visitor\'s token', async () => {
    const { engine, renders } = fakeEngine();
    const sut = memoizeRenders(engine, { viewsDir: VIEWS, views: ['catalog/listing'] });
    const page = (token: string) => render(sut, listing, { title: 'Kurta', form: true, csrfToken: () => token });
    expect(await page('token-of-ayesha')).toBe('<h1>Kurta</h1><input name="_csrf" value="token-of-ayesha">');
    expect(await page('token-of-bilal')).toBe('<h1>Kurta</h1><input name="_csrf" value="token-of-bilal">');
    expect(renders).toHaveLength(1);
  });

  it('forgets the pages rendered least recently once it holds its most', async () => {
    const { engine, renders } = fakeEngine();
    const sut = memoizeRenders(engine, { viewsDir: VIEWS, views: ['catalog/listing'], maxChars: 120 });
    for (const title of ['a', 'b', 'a', 'c', 'a']) await render(sut, listing, { title });
    // Each page takes 55 characters of key and HTML, so two fit: "b", read least recently, went to make room for "c".
    await render(sut, listing, { title: 'b' });
    expect(renders.length).toBe(4);
  });
});

describe('inputKey', () => {
  it('writes unchangeable parts by identity and everything else in full', () => {
    const cards = deepFreeze([{ name: 'Kurta', soldOut: false }]);
    const key = inputKey({ title: 'All', result: { items: cards, page: 1 } });
    expect(key).toMatch(/^\{"title":"All","result":\{"items":\{"#":\d+\},"page":1\}\}$/);
    expect(inputKey({ title: 'All', result: { items: cards, page: 1 } })).toBe(key);
    expect(inputKey({ title: 'All', result: { items: deepFreeze([{ name: 'Kurta', soldOut: false }]), page: 1 } })).not.toBe(key);
    expect(inputKey({ title: 'All', result: { items: [{ name: 'Kurta', soldOut: false }], page: 1 } })).toBe(
      '{"title":"All","result":{"items":[{"name":"Kurta","soldOut":false}],"page":1}}',
    );
    expect(inputKey({ assets: new Map([['/css/shop.css', '/css/shop.1.css']]) })).toBe('{"assets":[["/css/shop.css","/css/shop.1.css"]]}');
  });
});
