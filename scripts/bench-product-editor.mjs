// `node scripts/bench-product-editor.mjs` (after `npm run build`): how long the product editor takes to
// save a 4 colour × 6 size grid, the owner's heaviest everyday form. A script, never a test: it prints
// numbers and asserts nothing.
//
// It starts the built shop (NODE_ENV=production) on a fresh database of its own: a temporary SQLite file,
// or with BENCH_DATABASE_URL (mariadb://root@127.0.0.1:3306/anarkali_bench_editor) a MySQL/MariaDB
// database it makes and drops. The owner signs in, one product with 24 variants is created through the
// editor's form, then it is saved BENCH_SAVES times (default 15), each save changing every price and
// every stock (24 ledger rows, 24 audit rows), over HTTP (POST → 303) as a browser sends it. It prints
// the median and the slowest save, and the same for ProductEditor.saveProduct called directly.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

const root = path.resolve(import.meta.dirname, '..');
const saves = Number(process.env.BENCH_SAVES || 15);
const databaseUrl = process.env.BENCH_DATABASE_URL;
const OWNER = { email: 'owner@bench.test', password: 'bench-owner-password-1' };
const COLOURS = ['Indigo', 'Rust', 'Sage', 'Ivory'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

const { createShopApp, listenOn } = await import(path.join(root, 'dist/src/app.factory.js'));
const { loadConfig } = await import(path.join(root, 'dist/src/config/config.js'));
const { CatalogEditor } = await import(path.join(root, 'dist/src/catalog/catalog-editor.service.js'));
const { ProductEditor } = await import(path.join(root, 'dist/src/catalog/product-editor.service.js'));
const { ProductOption } = await import(path.join(root, 'dist/src/catalog/entities/option-value.entity.js'));

const varDir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-bench-editor-'));
process.env.NODE_ENV = 'production';
const config = loadConfig({
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  VAR_DIR: varDir,
  SEED_DEMO: '0',
  MAIL_WORKER: '0',
  LOG_LEVEL: 'error',
  ADMIN_EMAIL: OWNER.email,
  ADMIN_PASSWORD: OWNER.password,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const app = await createShopApp(config);
try {
  await listenOn(app, config, 0);
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const catalog = app.get(CatalogEditor);
  const category = await catalog.createCategory({ slug: 'kurtas', name: 'Kurtas', position: 0 });
  await catalog.defineOptionValues(
    ProductOption.Colour,
    COLOURS.map((value) => ({ value })),
  );
  await catalog.defineOptionValues(
    ProductOption.Size,
    SIZES.map((value) => ({ value })),
  );

  const browser = cookieJar(base);
  await browser.post('/login', { email: OWNER.email, password: OWNER.password, _csrf: await browser.token('/login') });
  const cells = COLOURS.flatMap((colour) => SIZES.map((size) => ({ colour, size, sku: `BENCH-${colour}-${size}`.toUpperCase() })));
  const form = (round, stockShown) => [
    ['name', 'Bench Lawn Kurta'],
    ['slug', 'bench-lawn-kurta'],
    ['description', 'A kurta saved again and again.'],
    ['categoryId', String(category.id)],
    ['status', 'draft'],
    ['seoTitle', ''],
    ['seoDescription', ''],
    ...COLOURS.map((colour) => ['colours', colour]),
    ...SIZES.map((size) => ['sizes', size]),
    ...cells.flatMap((cell, i) => [
      [`variants[${i}][colour]`, cell.colour],
      [`variants[${i}][size]`, cell.size],
      [`variants[${i}][sku]`, cell.sku],
      [`variants[${i}][price]`, `${2000 + round}.00`],
      [`variants[${i}][compareAtPrice]`, ''],
      [`variants[${i}][stock]`, String(10 + round)],
      [`variants[${i}][stockShown]`, stockShown === undefined ? '' : String(stockShown)],
      [`variants[${i}][lowStockThreshold]`, '3'],
    ]),
    ['intent', 'save'],
  ];

  const created = await browser.post('/admin/products', [...form(0), ['_csrf', await browser.token('/admin/products/new')]]);
  if (created.status !== 303) throw new Error(`creating the product answered ${created.status}`);
  const editor = created.headers.get('location');
  const overHttp = [];
  for (let round = 1; round <= saves; round++) {
    const token = await browser.token(editor);
    const started = performance.now();
    const saved = await browser.post(editor, [...form(round, 10 + round - 1), ['_csrf', token]]);
    overHttp.push(performance.now() - started);
    if (saved.status !== 303) throw new Error(`save ${round} answered ${saved.status}`);
  }

  const editorService = app.get(ProductEditor);
  const productId = Number(editor.split('/').pop());
  const actor = { userId: 1, email: OWNER.email, ip: '127.0.0.1' };
  const direct = [];
  for (let round = 1; round <= saves; round++) {
    const stock = 10 + saves + round;
    const input = {
      id: productId,
      name: 'Bench Lawn Kurta',
      slug: 'bench-lawn-kurta',
      description: 'A kurta saved again and again.',
      categoryId: category.id,
      status: 'draft',
      seoTitle: null,
      seoDescription: null,
      variants: cells.map((cell) => ({ ...cell, priceMinor: 300_000 + round * 100, compareAtPriceMinor: null, stock, lowStockThreshold: 3 })),
    };
    const started = performance.now();
    await editorService.saveProduct(input, actor);
    direct.push(performance.now() - started);
  }
  const driver = databaseUrl ? 'MySQL/MariaDB' : 'SQLite';
  console.log(`Product editor, 4 colours × 6 sizes (24 variants, every price and stock changed), ${saves} saves each, ${driver}:`);
  console.log(`  POST /admin/products/:id → 303   median ${median(overHttp).toFixed(1)} ms   slowest ${Math.max(...overHttp).toFixed(1)} ms`);
  console.log(`  ProductEditor.saveProduct        median ${median(direct).toFixed(1)} ms   slowest ${Math.max(...direct).toFixed(1)} ms`);
} finally {
  await app.close();
  if (databaseUrl) {
    const server = new URL(databaseUrl);
    const name = server.pathname.slice(1);
    server.pathname = '/';
    const connection = await mysql.createConnection({ uri: server.toString() });
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.end();
  }
  rmSync(varDir, { recursive: true, force: true });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Just enough of a browser: cookies kept, forms posted urlencoded, the page's CSRF token read. */
function cookieJar(base) {
  const cookies = new Map();
  const send = async (method, url, body) => {
    const response = await fetch(new URL(url, base), {
      method,
      body,
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/html' },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair.split('=');
      cookies.set(name, value.join('='));
    }
    return response;
  };
  return {
    async token(url) {
      const html = await (await send('GET', url)).text();
      return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    },
    async post(url, fields) {
      const response = await send('POST', url, new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields)));
      await response.arrayBuffer();
      return response;
    },
  };
}
