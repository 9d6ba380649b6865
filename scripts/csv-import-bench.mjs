// `npm run bench:import`: how long the product CSV import takes, and how much memory it needs, for a
// file of 10,000 variant rows (2,000 products in 5 sizes), through HTTP as the owner does it: the dry
// run, then applying it. A script, never a test: it prints numbers and fails only when something
// cannot start. The shop runs in this process (built, from dist/) so its peak memory can be sampled.
//
// Environment (all optional):
//   IMPORT_BENCH_DATABASE_URL  a MySQL/MariaDB database of its own (default: a temporary SQLite file)
//   IMPORT_BENCH_PRODUCTS=2000 (five rows each)   IMPORT_BENCH_SKIP_BUILD=1 (use dist/ as it is)
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const fromDist = (file) => import(pathToFileURL(path.join(root, 'dist', file)).href);
const products = Number(process.env.IMPORT_BENCH_PRODUCTS || 2000);
const OWNER = { email: 'owner@bench.test', password: 'bench-owner-password' };
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

if (process.env.IMPORT_BENCH_SKIP_BUILD !== '1') {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const { createShopApp } = await fromDist('src/app.factory.js');
const { loadConfig } = await fromDist('src/config/config.js');
const { CatalogEditor } = await fromDist('src/catalog/catalog-editor.service.js');

const varDir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-import-bench-'));
const databaseUrl = process.env.IMPORT_BENCH_DATABASE_URL;
const config = loadConfig({
  NODE_ENV: 'production',
  VAR_DIR: varDir,
  SEED_DEMO: '0',
  MAIL_WORKER: '0',
  LOG_LEVEL: 'error',
  ADMIN_EMAIL: OWNER.email,
  ADMIN_PASSWORD: OWNER.password,
  SESSION_SECRET: 'import-bench-secret-import-bench-secret-0',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const app = await createShopApp(config);
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const { rss, heapUsed } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeap = Math.max(peakHeap, heapUsed);
}, 20);
try {
  await app.get(CatalogEditor).createCategory({ slug: 'bench-kurtas', name: 'Bench Kurtas', position: 0 });
  const rows = [
    'product_slug,product_name,category_slug,status,description,seo_title,seo_description,colour,size,sku,price,compare_at_price,stock,low_stock_threshold',
  ];
  for (let p = 1; p <= products; p++) {
    for (const size of SIZES) {
      rows.push(
        `bench-kurta-${p},Bench Kurta ${p},bench-kurtas,draft,"A kurta for the benchmark, number ${p}.",,,Indigo,${size},BK-${p}-${size},2499.00,,${(p % 7) + 1},3`,
      );
    }
  }
  const csv = `${rows.join('\n')}\n`;
  const { rss: startRss, heapUsed: startHeap } = process.memoryUsage();
  peakRss = startRss;
  peakHeap = startHeap;

  const browser = cookieJar();
  await browser.submit('/login', '/login', OWNER);
  const started = performance.now();
  const page = await browser.get('/admin/csv');
  const form = new FormData();
  form.append('_csrf', csrfTokenIn(page.text));
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  const checked = await browser.request('POST', '/admin/csv/products', form);
  const importPath = checked.headers.get('location');
  if (!importPath) throw new Error(`the upload answered ${checked.status}`);
  const report = await browser.get(importPath);
  const dryRunMs = performance.now() - started;
  const dryRunPeakRss = peakRss;
  if (!report.text.includes('The file checks out')) throw new Error('the dry run found errors');

  const applyStarted = performance.now();
  const applied = await browser.request('POST', `${importPath}/apply`, new URLSearchParams({ _csrf: csrfTokenIn(report.text) }));
  if (applied.status !== 303) throw new Error(`apply answered ${applied.status}`);
  for (;;) {
    const now = await browser.get(importPath);
    if (!now.text.includes('http-equiv="refresh"')) {
      if (!now.text.includes('Imported:')) throw new Error('applying stopped');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const applyMs = performance.now() - applyStarted;
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `\nProduct CSV import, ${rows.length - 1} variant rows (${products} products, ${(csv.length / 1024 / 1024).toFixed(1)} MB), ${databaseUrl ? 'MySQL/MariaDB' : 'SQLite'}:`,
  );
  console.log(`  dry run (upload, every row checked):  ${(dryRunMs / 1000).toFixed(1)} s`);
  console.log(`  apply (batches of up to 25 products): ${(applyMs / 1000).toFixed(1)} s`);
  console.log(
    `  process memory (RSS): ${mb(startRss)} before, ${mb(dryRunPeakRss)} at the dry run's peak, ${mb(peakRss)} at the import's (+${mb(peakRss - startRss)}); JavaScript heap ${mb(startHeap)} before, ${mb(peakHeap)} at its peak`,
  );
} finally {
  clearInterval(sampler);
  await app.close();
  rmSync(varDir, { recursive: true, force: true });
}

function cookieJar() {
  const cookies = new Map();
  const jar = {
    async request(method, target, body) {
      const response = await fetch(new URL(target, base), {
        method,
        body,
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(';');
        const [name, ...value] = pair.split('=');
        cookies.set(name, value.join('='));
      }
      return Object.assign(response, { text: await response.text() });
    },
    get: (target) => jar.request('GET', target),
    async submit(pagePath, action, fields) {
      const page = await jar.get(pagePath);
      return jar.request('POST', action, new URLSearchParams({ _csrf: csrfTokenIn(page.text), ...fields }));
    },
  };
  return jar;
}

function csrfTokenIn(html) {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}
