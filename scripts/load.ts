// `npm run load`: the compiled shop on MariaDB under N virtual shoppers, for a bounded time. A script, not a
// test: it prints what it measured, and fails (exit 1) only on an answer of 500 or more, a request that got
// no answer, or, when P99_GOAL_MS is set, a page whose p99 is over it.
//
//  1. builds the shop (npm run build; LOAD_SKIP_BUILD=1 uses dist/ as it is);
//  2. seeds a catalog with scripts/bench-seed.mjs (LOAD_PRODUCTS published products in five categories,
//     size × colour variants, a few sizes sold out) into DATABASE_URL, or by default into a fresh database
//     on 127.0.0.1:3306 that is dropped at the end;
//  3. starts `node dist/src/main.js` on a loopback port (NODE_ENV=production; DB_POOL_SIZE, REDIS_URL and
//     the other settings of this environment that the shop reads are passed on);
//  4. runs SHOPPERS shoppers for DURATION_S seconds. Each visit is a new browser (its own cookies): the
//     home page, a category or two, a search now and then, a few product pages, and for some an Add to
//     cart with a size in stock, the cart, and for some of those the checkout (CSRF tokens from the
//     forms, cash on delivery), with THINK_MS (±50 %) between steps. No browser, no scripts or pictures;
//  5. prints the shop's resident memory every 10 s, then per step: requests, p50, p99 and answers by status;
//     throughput, orders placed, errors, and memory after warm-up and at its peak; the last line starts
//     with `load: summary` (CI's summary shows it);
//  6. stops the shop (SIGTERM) and drops the database it made.
//
//   npm run load -- --shoppers=500 --duration=60 --think=1000
//
// Environment (the options above win): SHOPPERS=50 DURATION_S=30 THINK_MS=1000 LOAD_PRODUCTS=500
// DATABASE_URL=mysql://root@127.0.0.1:3306/<fresh> P99_GOAL_MS (off) LOAD_SKIP_BUILD=0.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { checkoutFormIn, DELIVERY } from '../test/helpers/journeys.js';
import { buildShop, type ShopProcess, spawnShop, untilReady } from '../test/helpers/shop-process.js';
import { csrfTokenIn, type PageResponse, Shopper } from '../test/helpers/shopper.js';
import { seedShop } from './bench-seed.mjs';

const { values: options } = parseArgs({
  options: { shoppers: { type: 'string' }, duration: { type: 'string' }, think: { type: 'string' }, products: { type: 'string' } },
});
const env = process.env;
const SHOPPERS = whole('shoppers', options.shoppers ?? env.SHOPPERS, 50, 1, 5_000);
const DURATION_S = whole('duration', options.duration ?? env.DURATION_S, 30, 1, 3_600);
const THINK_MS = whole('think', options.think ?? env.THINK_MS, 1_000, 0, 60_000);
const PRODUCTS = whole('products', options.products ?? env.LOAD_PRODUCTS, 500, 10, 20_000);
const P99_GOAL_MS = env.P99_GOAL_MS ? whole('P99_GOAL_MS', env.P99_GOAL_MS, 0, 1, 60_000) : undefined;
/**
 * Memory is sampled this often. Growth compares the median of the samples in the window right after the
 * warm-up with the median of the last window (each as long as the warm-up): a single sample lands
 * anywhere in the garbage collector's cycle, which moves the resident size by ±20 MB under load.
 */
const SAMPLE_MS = 10_000;
const WARM_UP_MS = Math.min(60_000, Math.max(SAMPLE_MS, Math.floor((DURATION_S * 1000) / 5 / SAMPLE_MS) * SAMPLE_MS));
/** Steps that fetch a page (GET), as a p99 goal reads "pages". */
const PAGES = ['home', 'category', 'search', 'product', 'cart', 'checkout page', 'confirmation'];
const SEARCHES = ['kurta', 'linen shirt', 'lawn', 'dupatta', 'cotton', 'maxi dress', 'kids'];
/** Settings of the shop that a run may set in its environment, passed on to the shop's process. */
const PASSED_ON = ['DB_POOL_SIZE', 'DB_ACQUIRE_TIMEOUT_MS', 'REDIS_URL', 'REDIS_KEY_PREFIX', 'LOG_LEVEL', 'NODE_OPTIONS'];
/** glibc's allocator settings (MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_, …), passed on for trying them on the shop. */
const ALLOCATOR_SETTING = /^MALLOC_[A-Z_]+$/;

function whole(name: string, value: string | undefined, fallback: number, least: number, most: number): number {
  const number = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isInteger(number) || number < least || number > most) {
    console.error(`load: ${name} must be a whole number from ${least} to ${most} (got "${value}")`);
    process.exit(2);
  }
  return number;
}

interface StepStats {
  durations: number[];
  statuses: Record<string, number>;
}

/** What every shopper saw, by step. */
class Tally {
  readonly steps = new Map<string, StepStats>();
  readonly failures: string[] = [];
  orders = 0;
  requests = 0;

  record(step: string, ms: number, status: number | string): void {
    let stats = this.steps.get(step);
    if (!stats) this.steps.set(step, (stats = { durations: [], statuses: {} }));
    stats.durations.push(ms);
    stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
    this.requests += 1;
  }

  /** Answers of 500 and more and requests that got no answer, by step and status. */
  errors(): Record<string, number> {
    const errors: Record<string, number> = {};
    for (const [step, stats] of this.steps) {
      for (const [status, count] of Object.entries(stats.statuses)) if (!/^[1-4]\d\d$/.test(status)) errors[`${step} ${status}`] = count;
    }
    return errors;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];
const chance = (p: number) => Math.random() < p;

/** Links of `kind` ("products", "categories") on a page: their slugs, each once. */
function slugsIn(html: string, kind: string): string[] {
  return [...new Set([...html.matchAll(new RegExp(`href="/${kind}/([a-z0-9-]+)"`, 'g'))].map((match) => match[1]))];
}

/** An in-stock choice on a product page's Add to cart form: a size not marked disabled, a colour not sold out. */
function choiceIn(html: string): Record<string, string> | undefined {
  const form = /<form[^>]*action="\/cart\/items"[\s\S]*?<\/form>/.exec(html)?.[0];
  if (!form || /<button[^>]*disabled/.test(form)) return undefined;
  const options = (name: string) => {
    const select = new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?</select>`).exec(form)?.[0] ?? '';
    return [...select.matchAll(/<option value="([^"]*)"([^>]*)>([^<]*)/g)]
      .filter(([, , attributes, label]) => !/disabled/.test(attributes) && !/sold out/.test(label))
      .map(([, value]) => value);
  };
  const [sizes, colours] = [options('size'), options('colour')];
  const choice: Record<string, string> = { product: /name="product" value="([^"]+)"/.exec(form)?.[1] ?? '', quantity: '1' };
  if (/name="size"/.test(form)) {
    if (sizes.length === 0) return undefined;
    choice.size = pick(sizes);
  }
  if (/name="colour"/.test(form)) {
    if (colours.length === 0) return undefined;
    choice.colour = pick(colours);
  }
  return choice;
}

/** When the shoppers stop: the end of the run, or at once on Ctrl-C (the shop is then stopped and the database dropped). */
const end = { at: Infinity };
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (end.at = 0));

/** One virtual shopper: visit after visit, each a new browser, until the end. */
async function shopper(baseUrl: string, categories: string[], tally: Tally): Promise<void> {
  const think = () => sleep(Math.min(Math.max(0, end.at - Date.now()), THINK_MS * (0.5 + Math.random())));
  while (Date.now() < end.at) {
    const browser = new Shopper(baseUrl);
    const step = async (name: string, request: () => Promise<PageResponse>): Promise<PageResponse | undefined> => {
      if (Date.now() >= end.at) return undefined;
      const started = performance.now();
      try {
        const answer = await request();
        tally.record(name, performance.now() - started, answer.status);
        return answer;
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        tally.record(name, performance.now() - started, cause?.code ?? 'no answer');
        if (tally.failures.length < 20) tally.failures.push(`${name}: ${String(cause?.code ?? error)}`);
        return undefined;
      }
    };
    const home = await step('home', () => browser.get('/'));
    if (home?.status !== 200) continue;
    await think();
    let products: string[] = [];
    for (let i = chance(0.3) ? 2 : 1; i > 0; i--) {
      const category = await step('category', () => browser.get(`/categories/${pick(categories)}`));
      if (category?.status === 200) products = slugsIn(category.html, 'products');
      await think();
    }
    if (chance(0.3)) {
      const results = await step('search', () => browser.get(`/products?q=${encodeURIComponent(pick(SEARCHES))}`));
      if (results?.status === 200 && slugsIn(results.html, 'products').length > 0) products = slugsIn(results.html, 'products');
      await think();
    }
    if (products.length === 0) continue;
    let chosen: Record<string, string> | undefined;
    let page: PageResponse | undefined;
    for (let i = 1 + Math.floor(Math.random() * 3); i > 0; i--) {
      page = await step('product', () => browser.get(`/products/${pick(products)}`));
      chosen = page?.status === 200 ? choiceIn(page.html) : undefined;
      await think();
    }
    if (!page || !chosen || !chance(0.4)) continue;
    const added = await step('add to cart', () => browser.post('/cart/items', { _csrf: csrfTokenIn(page.html), ...chosen }));
    if (added?.status !== 303) continue;
    await step('cart', () => browser.get('/cart'));
    await think();
    if (!chance(0.5)) continue;
    const form = await step('checkout page', () => browser.get('/checkout'));
    if (form?.status !== 200) continue;
    await think();
    const placed = await step('place order', () => browser.post('/checkout', { ...checkoutFormIn(form.html), ...DELIVERY }));
    if (placed?.status !== 303 || !/^\/orders\/[^/]+\/confirmation$/.test(placed.location ?? '')) continue;
    tally.orders += 1;
    await step('confirmation', () => browser.get(placed.location as string));
    await think();
  }
}

/** The middle of these memory samples, in MB. */
function medianMb(samples: { mb: number }[]): number {
  const sorted = samples.map((sample) => sample.mb).sort((x, y) => x - y);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** The shop process's resident memory in MB, from /proc. */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

/**
 * Where the shop's memory is, from its own /metrics (the loopback may read it): the V8 heap in use and
 * reserved, its biggest spaces, and memory outside the heap (buffers); "" when it did not answer.
 */
async function heapOf(baseUrl: string): Promise<string> {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(2_000) })).text();
    const mb = (pattern: RegExp) => Math.round(Number(pattern.exec(text)?.[1] ?? NaN) / 1024 / 1024);
    const space = (name: string) => mb(new RegExp(`^nodejs_heap_space_size_used_bytes\\{space="${name}"\\} (\\S+)`, 'm'));
    return (
      `heap ${mb(/^nodejs_heap_size_used_bytes (\S+)/m)}/${mb(/^nodejs_heap_size_total_bytes (\S+)/m)} MB ` +
      `(old ${space('old')}, new ${space('new')}, large objects ${space('large_object')}, code ${space('code')}), ` +
      `external ${mb(/^nodejs_external_memory_bytes (\S+)/m)} MB`
    );
  } catch {
    return '';
  }
}

/** A fresh database of the run's own on the MariaDB at 127.0.0.1:3306, made by the seeding and dropped at the end. */
function freshDatabase(): { url: string; drop(): Promise<void> } {
  const name = `anarkali_load_${Date.now().toString(36)}_${process.pid}`;
  return {
    url: `mysql://root@127.0.0.1:3306/${name}`,
    async drop() {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}

async function main(): Promise<number> {
  const fresh = env.DATABASE_URL ? undefined : freshDatabase();
  const databaseUrl = env.DATABASE_URL ?? (fresh as { url: string }).url;
  if (!/^(mysql|mariadb):\/\//.test(databaseUrl))
    throw new Error('npm run load needs MySQL or MariaDB: DATABASE_URL=mysql://… (or none, for a fresh database on 127.0.0.1:3306)');
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-load-'));
  let shop: ShopProcess | undefined;
  try {
    if (env.LOAD_SKIP_BUILD !== '1') {
      console.log('load: npm run build');
      buildShop();
    }
    const seeded = await seedShop({ databaseUrl, products: PRODUCTS, orders: 0, log: (line) => console.log(`load: ${line}`) });
    const passedOn = Object.fromEntries(
      Object.keys(env)
        .filter((name) => (PASSED_ON.includes(name) || ALLOCATOR_SETTING.test(name)) && env[name])
        .map((name) => [name, env[name] as string]),
    );
    shop = await spawnShop({
      DATABASE_URL: databaseUrl,
      VAR_DIR: varDir,
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      ...passedOn,
    });
    await untilReady(shop.baseUrl, shop.child);
    const { baseUrl } = shop;
    const pid = shop.child.pid as number;
    const categories = slugsIn((await new Shopper(shop.baseUrl).get('/')).html, 'categories');
    if (categories.length === 0) throw new Error('the home page links to no category');
    const node = spawnSync(process.execPath, ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(
      `load: ${SHOPPERS} shoppers for ${DURATION_S} s, think ${THINK_MS} ms ±50 %, on ${shop.baseUrl} (${seeded.server}, ${seeded.products} products, node ${node}, ${os.cpus().length} cores, pool ${passedOn.DB_POOL_SIZE ?? 'default'}${passedOn.REDIS_URL ? ', Redis' : ''})`,
    );

    const tally = new Tally();
    const started = Date.now();
    end.at = Math.min(end.at, started + DURATION_S * 1000);
    const memory: { at: number; mb: number }[] = [{ at: 0, mb: rssMb(pid) }];
    console.log(`load: [  0 s] shop rss ${memory[0].mb} MB`);
    let requestsBefore = 0;
    const sampleMemory = async () => {
      const sample = { at: Date.now() - started, mb: rssMb(pid) };
      const heap = await heapOf(baseUrl);
      memory.push(sample);
      const rate = ((tally.requests - requestsBefore) / (SAMPLE_MS / 1000)).toFixed(0);
      requestsBefore = tally.requests;
      const errors = Object.values(tally.errors()).reduce((sum, count) => sum + count, 0);
      console.log(
        `load: [${String(Math.round(sample.at / 1000)).padStart(3)} s] shop rss ${sample.mb} MB${heap ? ` (${heap})` : ''}, ${tally.requests} requests (${rate}/s), ${tally.orders} orders, ${errors} errors`,
      );
    };
    const sampler = setInterval(() => void sampleMemory(), SAMPLE_MS);
    // Shoppers start spread over the first think time, as people arrive, not all in one instant.
    await Promise.all(
      Array.from({ length: SHOPPERS }, async (_, i) => {
        await sleep((THINK_MS * i) / SHOPPERS);
        await shopper(baseUrl, categories, tally);
      }),
    );
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    memory.push({ at: Date.now() - started, mb: rssMb(pid) });

    console.log(`\n${'step'.padEnd(15)}${'requests'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}   answers`);
    const pageDurations: number[] = [];
    for (const [name, stats] of tally.steps) {
      const sorted = stats.durations.sort((x, y) => x - y);
      if (PAGES.includes(name)) pageDurations.push(...sorted);
      const answers = Object.entries(stats.statuses)
        .map(([status, count]) => `${status}: ${count}`)
        .join(', ');
      console.log(
        `${name.padEnd(15)}${String(sorted.length).padStart(10)}${percentile(sorted, 50).toFixed(0).padStart(9)}${percentile(sorted, 99).toFixed(0).padStart(9)}   ${answers}`,
      );
    }
    pageDurations.sort((x, y) => x - y);
    const pagesP99 = Math.round(percentile(pageDurations, 99));
    const errors = tally.errors();
    const errorCount = Object.values(errors).reduce((sum, count) => sum + count, 0);
    const afterWarmUp = memory.filter((sample) => sample.at >= WARM_UP_MS);
    const firstWindow = afterWarmUp.filter((sample) => sample.at < 2 * WARM_UP_MS);
    const lastWindow = afterWarmUp.filter((sample) => sample.at >= memory[memory.length - 1].at - WARM_UP_MS);
    const warm = medianMb(firstWindow.length > 0 ? firstWindow : memory.slice(-1));
    const last = medianMb(lastWindow.length > 0 ? lastWindow : memory.slice(-1));
    const peak = Math.max(...memory.map((sample) => sample.mb));
    const growth = ((100 * (last - warm)) / warm).toFixed(1);
    console.log(`\nthroughput: ${(tally.requests / seconds).toFixed(1)} requests/s over ${seconds.toFixed(0)} s; ${tally.orders} orders placed`);
    console.log(`pages (GET) p50 ${Math.round(percentile(pageDurations, 50))} ms, p99 ${pagesP99} ms${P99_GOAL_MS ? ` (goal ${P99_GOAL_MS} ms)` : ''}`);
    console.log(`errors (5xx and no answer): ${errorCount === 0 ? 'none' : JSON.stringify(errors)}`);
    for (const failure of tally.failures) console.log(`  ${failure}`);
    console.log(
      `shop memory (rss): start ${memory[0].mb} MB; median ${warm} MB in the ${WARM_UP_MS / 1000} s after warm-up, ${last} MB in the last ${WARM_UP_MS / 1000} s (${growth} %); peak ${peak} MB`,
    );
    const goalMissed = P99_GOAL_MS !== undefined && pagesP99 > P99_GOAL_MS;
    console.log(
      `load: summary ${SHOPPERS} shoppers × ${DURATION_S} s: ${tally.requests} requests (${(tally.requests / seconds).toFixed(0)}/s), ${tally.orders} orders, pages p99 ${pagesP99} ms, ${errorCount} errors, rss ${warm}→${last} MB (${growth} %, peak ${peak} MB)`,
    );
    if (shop.stderr()) console.log(`the shop wrote on standard error:\n${shop.stderr()}`);
    return errorCount > 0 || goalMissed ? 1 : 0;
  } finally {
    await shop?.stop();
    await fresh?.drop().catch((error: unknown) => console.error(`load: could not drop the database: ${String(error)}`));
    rmSync(varDir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
});
