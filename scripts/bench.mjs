// `npm run bench`: the shop's storefront pages against the raw-stack baseline (../shared/bench/baseline),
// side by side on this machine, with autocannon on loopback. A script, never a test: it prints numbers
// and fails only when something cannot start, never because a page is slow.
//
//  1. builds the app (npm run build; retried while the build is broken, see BENCH_BUILD_ATTEMPTS);
//  2. copies the baseline to var/bench/baseline and installs its own packages there (npm ci, once);
//  3. seeds the benchmark database: the baseline's table (its seed.mjs) and the shop's catalog
//     (scripts/bench-seed.mjs: 2,000 products with variants and pictures, kept between runs);
//  4. starts the baseline (port 3900) and the shop (NODE_ENV=production, port 3901) and waits for both;
//  5. runs the baseline's compare.mjs for /products, one product page, a search and a filtered, sorted
//     listing, each against the baseline's /products, and prints the tables and a summary table of
//     every page's ratio;
//  6. signs in as the owner (the sign-in form, its CSRF token, then the session cookie) and loads the
//     dashboard (/admin, over the seeded 100,000 orders) and the product listing side by side with that
//     cookie, printing req/s, p50 and p99 of each;
//  7. places orders: carts prepared as shoppers fill them, then POST /checkout with 50 in flight beside
//     the baseline's POST /checkout (scripts/bench-checkout.mjs), printing orders/s, p50, p99 and the
//     ratio; a copy of everything goes to var/bench/last-run.md;
//  8. stops both servers, also on an error or Ctrl-C.
//
// Environment (all optional):
//   BENCH_DATABASE_URL    mariadb://root@127.0.0.1:3306/anarkali_bench (a database of its own: it is seeded and its sessions cleared)
//   BENCH_BASELINE_DIR    where the baseline's sources are (default ../shared/bench/baseline, else the copy in var/bench/baseline)
//   BENCH_SECONDS=10  BENCH_ROUNDS=2  BENCH_CONNECTIONS=50,200  BENCH_CHECKOUT_ORDERS=1000 (per target and round)
//   BENCH_SCENARIOS=pages,dashboard,checkout (which to run)
//   BENCH_BASELINE_PORT=3900  BENCH_SHOP_PORT=3901
//   BENCH_BUILD_ATTEMPTS=3 (a minute apart)  BENCH_SKIP_BUILD=1 (use dist/ as it is)
//   BENCH_SHOP_NODE_ARGS  flags for the shop's node, space-separated (e.g. --cpu-prof --cpu-prof-dir=var/bench/profiles)
//   BENCH_REDIS_URL       run the shop with REDIS_URL set (catalog cache and counters in Redis, under a key prefix of the run's own)
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchCheckout } from './bench-checkout.mjs';

const root = path.resolve(import.meta.dirname, '..');
const benchDir = path.join(root, 'var', 'bench');
const baselineCopy = path.join(benchDir, 'baseline');

const env = process.env;
const databaseUrl = env.BENCH_DATABASE_URL || 'mariadb://root@127.0.0.1:3306/anarkali_bench';
const seconds = positiveInt('BENCH_SECONDS', 10);
const rounds = positiveInt('BENCH_ROUNDS', 2);
const connections = (env.BENCH_CONNECTIONS || '50,200').split(',').map((c) => Number(c.trim()));
const baselinePort = positiveInt('BENCH_BASELINE_PORT', 3900);
const shopPort = positiveInt('BENCH_SHOP_PORT', 3901);
const buildAttempts = positiveInt('BENCH_BUILD_ATTEMPTS', 3);
const checkoutOrders = positiveInt('BENCH_CHECKOUT_ORDERS', 1000);
const SCENARIOS = ['pages', 'dashboard', 'checkout'];
const scenarios = new Set((env.BENCH_SCENARIOS || SCENARIOS.join(',')).split(',').map((name) => name.trim()));
for (const name of scenarios) {
  if (!SCENARIOS.includes(name)) {
    console.error(`bench: BENCH_SCENARIOS names ${SCENARIOS.join(', ')} (got "${name}")`);
    process.exit(2);
  }
}
const GOAL = { ratio: 0.5, p99: 100, connections: 200 };

/** Something the benchmark needs did not start: the one reason to exit non-zero. */
class SetupError extends Error {}

const children = new Set();
let stopping = false;

function positiveInt(name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench: ${name} must be a positive whole number (got "${raw}")`);
    process.exit(2);
  }
  return value;
}

const step = (text) => console.log(`\n== ${text}`);

/** Runs a command to completion; rejects with its output's tail when it fails. */
function run(command, args, { cwd = root, extraEnv = {}, quiet = false, timeoutMs = 10 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    const keep = (chunk, stream) => {
      output = (output + chunk).slice(-20_000);
      if (!quiet) stream.write(chunk);
    };
    child.stdout.on('data', (chunk) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk) => keep(chunk, process.stderr));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      children.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(output);
      else reject(Object.assign(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`), { output }));
    });
  });
}

async function build() {
  if (env.BENCH_SKIP_BUILD === '1') {
    if (!existsSync(path.join(root, 'dist/src/main.js'))) throw new SetupError('BENCH_SKIP_BUILD=1 but dist/src/main.js is missing');
    console.log('skipped (BENCH_SKIP_BUILD=1), using dist/ as it is');
    return;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await run('npm', ['run', 'build', '--silent'], { quiet: true, timeoutMs: 5 * 60_000 });
      console.log('built dist/');
      return;
    } catch (error) {
      console.error(error.output?.trim().split('\n').slice(-15).join('\n') ?? error.message);
      if (attempt >= buildAttempts) throw new SetupError(`npm run build failed ${attempt} time(s)`);
      // Someone may be half-way through an edit in src/: give them a minute.
      console.error(`build failed (attempt ${attempt} of ${buildAttempts}); retrying in 60 s`);
      await sleep(60_000);
    }
  }
}

/** Copies the baseline (read-only, maybe absent on this machine) into var/bench/baseline and installs its packages there. */
async function prepareBaseline() {
  const candidates = [env.BENCH_BASELINE_DIR, path.resolve(root, '../shared/bench/baseline')].filter(Boolean);
  const source = candidates.find((dir) => existsSync(path.join(dir, 'compare.mjs')));
  mkdirSync(baselineCopy, { recursive: true });
  let lockChanged = false;
  if (source) {
    for (const name of readdirSync(source)) {
      const from = path.join(source, name);
      if (!statSync(from).isFile()) continue;
      const to = path.join(baselineCopy, name);
      const content = readFileSync(from);
      if (existsSync(to) && readFileSync(to).equals(content)) continue;
      rmSync(to, { force: true }); // the source is read-only and copies keep their mode: replace, do not overwrite
      writeFileSync(to, content);
      if (name === 'package-lock.json' || name === 'package.json') lockChanged = true;
    }
    console.log(`baseline: ${path.relative(root, source) || source} → var/bench/baseline`);
  } else if (existsSync(path.join(baselineCopy, 'compare.mjs'))) {
    console.log(`baseline: ${candidates.join(' or ')} not found; using the earlier copy in var/bench/baseline`);
  } else {
    throw new SetupError(
      `the baseline is not at ${candidates.join(' or ')}: set BENCH_BASELINE_DIR to the folder holding compare.mjs, seed.mjs and server.mjs`,
    );
  }
  const installed = ['autocannon', 'handlebars', 'mysql2'].every((name) => existsSync(path.join(baselineCopy, 'node_modules', name, 'package.json')));
  if (installed && !lockChanged) {
    console.log('baseline: packages already installed');
    return;
  }
  // Its own node_modules under var/: nothing is installed in the shop's own tree.
  await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: baselineCopy, timeoutMs: 5 * 60_000 });
  console.log('baseline: npm ci done');
}

async function seed() {
  // The shop's tables first: its database is created with the shop's character set.
  const output = await run(process.execPath, [path.join(root, 'scripts/bench-seed.mjs')], {
    extraEnv: { BENCH_DATABASE_URL: databaseUrl },
    quiet: true,
    // 100,000 orders take a while on a busy machine.
    timeoutMs: 15 * 60_000,
  }).catch((error) => {
    throw Object.assign(new SetupError(`seeding the shop's catalog failed (is MariaDB/MySQL answering at ${redact(databaseUrl)}?)`), { output: error.output });
  });
  const lines = output.trim().split('\n');
  for (const line of lines) if (!line.startsWith('BENCH_SEED ')) console.log(line);
  const seeded = JSON.parse(lines.find((l) => l.startsWith('BENCH_SEED ')).slice('BENCH_SEED '.length));
  if (!seeded.productSlug) throw new SetupError('the seeded catalog has no product to load');
  await run(process.execPath, [path.join(baselineCopy, 'seed.mjs')], { cwd: baselineCopy, extraEnv: { DATABASE_URL: mysqlUrl(databaseUrl) } }).catch(
    (error) => {
      throw Object.assign(new SetupError('seeding the baseline table failed'), { output: error.output });
    },
  );
  return seeded;
}

/** mysql2 (the baseline's driver) reads any scheme, but say mysql:// to it plainly. */
const mysqlUrl = (url) => url.replace(/^mariadb:/, 'mysql:');
const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

function portTaken(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function startServer(name, args, extraEnv, readyUrl, timeoutMs) {
  if (await portTaken(extraEnv.PORT)) {
    throw new SetupError(`port ${extraEnv.PORT} is already in use (a server left over from another run?): stop it or set BENCH_${name.toUpperCase()}_PORT`);
  }
  const logFile = path.join(benchDir, `${name}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', log, log] });
  closeSync(log);
  children.add(child);
  child.once('exit', () => children.delete(child));
  const tail = () => readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new SetupError(
        `${name} exited while starting (${child.signalCode ?? `exit ${child.exitCode}`}); last lines of ${path.relative(root, logFile)}:\n${tail()}`,
      );
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) {
        console.log(`${name}: ready on ${new URL(readyUrl).origin} (pid ${child.pid}, log ${path.relative(root, logFile)})`);
        return child;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new SetupError(`${name} did not answer ${readyUrl} within ${timeoutMs / 1000} s; last lines of ${path.relative(root, logFile)}:\n${tail()}`);
}

/** SIGTERM, then SIGKILL if it has not gone within a few seconds. */
async function stop(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (await Promise.race([gone.then(() => true), sleep(graceMs).then(() => false)])) return;
  child.kill('SIGKILL');
  await Promise.race([gone, sleep(2000)]);
}

async function stopAll() {
  await Promise.all([...children].map((child) => stop(child)));
}

/** One request per page before measuring: a page that fails here would only measure an error page. */
async function checkPage(url, mustContain, headers = {}) {
  let response;
  try {
    response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new SetupError(`${url} did not answer: ${error.message}`);
  }
  const body = await response.text();
  if (response.status !== 200) throw new SetupError(`${url} answered ${response.status}, not 200`);
  if (mustContain && !body.includes(mustContain)) throw new SetupError(`${url} does not show "${mustContain}"`);
  return body.length;
}

/** A few hundred requests so both servers are past JIT warm-up and their pools are open before round one. */
async function warmUp(urls, requests = 300, concurrency = 10, headers = {}) {
  for (const url of urls) {
    let left = requests;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0)
          await fetch(url, { headers })
            .then((r) => r.arrayBuffer())
            .catch(() => undefined);
      }),
    );
  }
}

const ROW = /^\| (\S+) \| (\d+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| (\d+) \| (\d+) \| ([\d.]+) \|$/;

async function compare(page, baselineUrl) {
  const output = await run(
    process.execPath,
    [
      path.join(baselineCopy, 'compare.mjs'),
      '--connections',
      connections.join(','),
      '--seconds',
      String(seconds),
      '--rounds',
      String(rounds),
      `baseline=${baselineUrl}`,
      `${page.name}=${page.url}`,
    ],
    { cwd: baselineCopy, timeoutMs: (connections.length * rounds * 2 * (seconds + 15) + 60) * 1000 },
  );
  const rows = output
    .split('\n')
    .map((line) => line.trim().match(ROW))
    .filter(Boolean)
    .map(([, name, c, rps, p50, p99, non2xx, errors, ratio]) => ({
      name,
      connections: Number(c),
      rps: Number(rps),
      p50: Number(p50),
      p99: Number(p99),
      non2xx: Number(non2xx),
      errors: Number(errors),
      ratio: Number(ratio),
    }));
  return { table: output.trim(), rows };
}

function summarize(page, rows) {
  const at = Math.max(...connections.filter((c) => c <= GOAL.connections), Math.min(...connections));
  const base = rows.find((r) => r.name === 'baseline' && r.connections === at);
  const ours = rows.find((r) => r.name === page.name && r.connections === at);
  if (!base || !ours) return `${page.path}: no result at ${at} connections`;
  let line = `${page.path}: ${ours.ratio.toFixed(2)}× baseline req/s (${ours.rps} vs ${base.rps}), p99 ${ours.p99} ms (baseline ${base.p99} ms) at ${at} connections`;
  if (ours.non2xx || ours.errors) line += `; ${ours.non2xx} non-2xx, ${ours.errors} errors`;
  if (page.goal) {
    const met = at === GOAL.connections && ours.ratio >= GOAL.ratio && ours.p99 <= GOAL.p99 && ours.non2xx === 0 && ours.errors === 0;
    line += ` — goal (≥ ${GOAL.ratio * 100}% of baseline req/s, p99 ≤ ${GOAL.p99} ms at ${GOAL.connections} connections): ${met ? 'MET' : 'not met'}`;
  }
  return line;
}

/** Every page at every connection level in one table, each beside the baseline's run of the same round. */
function summaryTable(results) {
  const lines = ['| page | connections | req/s | p50 ms | p99 ms | baseline req/s | ratio |', '|---|---|---|---|---|---|---|'];
  for (const { page, rows } of results) {
    for (const c of connections) {
      const ours = rows.find((r) => r.name === page.name && r.connections === c);
      const base = rows.find((r) => r.name === 'baseline' && r.connections === c);
      if (!ours || !base) continue;
      lines.push(`| ${page.path} | ${c} | ${ours.rps} | ${ours.p50} | ${ours.p99} | ${base.rps} | ${ours.ratio.toFixed(2)} |`);
    }
  }
  return lines.join('\n');
}

function describeMachine(seeded) {
  const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8', timeout: 5000 });
  const head = git('rev-parse', '--short', 'HEAD');
  const commit =
    head.status === 0 ? head.stdout.trim() + (git('status', '--porcelain', '--untracked-files=no').stdout?.trim() ? ' + uncommitted changes' : '') : 'unknown';
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `node ${process.version}, ${seeded.server}, ${os.cpus().length} cores, load average ${load}, commit ${commit}, ${new Date().toISOString()}`;
}

/** Lets the shop finish the requests still queued when autocannon stopped (closed sockets do not cancel them), so stopping it does not fail them. */
async function drain(url, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const started = Date.now();
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.arrayBuffer().then(() => r.ok),
      () => false,
    );
    if (ok && Date.now() - started < 50) return;
    await sleep(200);
  }
}

/** The owner the shop is started with: the dashboard is measured signed in as them. */
const OWNER = { email: 'bench@anarkali.local', password: 'bench-password-123' };

/** Signs in as a browser does: the form's CSRF token and cookie, then the POST; answers the Cookie header of the signed-in session. */
async function signIn(origin, { email, password }) {
  const jar = new Map();
  const keep = (response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const form = await fetch(`${origin}/login`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  keep(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) throw new SetupError(`${origin}/login has no CSRF token`);
  const answer = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password }),
    signal: AbortSignal.timeout(10_000),
  });
  keep(answer);
  await answer.arrayBuffer();
  if (answer.status !== 303) throw new SetupError(`signing in as ${email} answered ${answer.status}, not 303`);
  return cookie();
}

/**
 * Signed-in pages with autocannon (the baseline's copy) carrying the session cookie, rounds alternating
 * the pages as compare.mjs does; each run bounded by BENCH_SECONDS, on loopback only.
 */
async function measureSignedIn(pages, cookie) {
  const autocannon = createRequire(path.join(baselineCopy, 'package.json'))('autocannon');
  const run = (url, c) =>
    new Promise((resolve, reject) =>
      autocannon({ url, connections: c, duration: seconds, headers: { cookie, accept: 'text/html' } }, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = [];
  for (const c of connections) {
    const seen = new Map(pages.map((page) => [page.path, []]));
    for (let round = 0; round < rounds; round++) for (const page of pages) seen.get(page.path).push(await run(page.url, c));
    for (const page of pages) {
      const results = seen.get(page.path);
      rows.push({
        path: page.path,
        connections: c,
        rps: Math.round(median(results.map((r) => r.requests.average))),
        p50: median(results.map((r) => r.latency.p50)),
        p99: median(results.map((r) => r.latency.p99)),
        non2xx: results.reduce((n, r) => n + r.non2xx, 0),
        errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
      });
    }
  }
  return [
    '| page (signed in as the owner) | connections | req/s | p50 ms | p99 ms | non-2xx | errors |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.path} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`),
  ].join('\n');
}

async function main() {
  mkdirSync(benchDir, { recursive: true });
  for (const c of connections)
    if (!Number.isInteger(c) || c < 1) throw new SetupError(`BENCH_CONNECTIONS must be numbers like 50,200 (got "${env.BENCH_CONNECTIONS}")`);

  step('build');
  await build();
  step('baseline');
  await prepareBaseline();
  step(`database ${redact(databaseUrl)}`);
  const seeded = await seed();

  step('servers');
  const baseline = `http://127.0.0.1:${baselinePort}`;
  const shop = `http://127.0.0.1:${shopPort}`;
  await startServer(
    'baseline',
    [path.join(baselineCopy, 'server.mjs')],
    { PORT: String(baselinePort), DATABASE_URL: mysqlUrl(databaseUrl) },
    `${baseline}/hello`,
    30_000,
  );
  await startServer(
    'shop',
    // As production runs it (the Dockerfile's CMD and ENV; test/helpers/shop-process.ts PRODUCTION_RUNTIME).
    ['--max-semi-space-size=8', ...(env.BENCH_SHOP_NODE_ARGS ? env.BENCH_SHOP_NODE_ARGS.split(' ') : []), path.join(root, 'dist/src/main.js')],
    {
      NODE_ENV: 'production',
      MALLOC_MMAP_THRESHOLD_: '65536',
      PORT: String(shopPort),
      DATABASE_URL: databaseUrl,
      // Where bench-seed.mjs drew the catalog's pictures and their thumbnails.
      VAR_DIR: path.join(benchDir, 'shop'),
      SEED_DEMO: '0',
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      // One instance of the benchmark must not start mailing digests of the benchmark's stock.
      JOBS: '0',
      // The checkout's confirmation emails stay queued, as the baseline's outbox rows do.
      MAIL_WORKER: '0',
      ...(env.BENCH_REDIS_URL ? { REDIS_URL: env.BENCH_REDIS_URL, REDIS_KEY_PREFIX: `anarkali-bench:${process.pid}:` } : {}),
    },
    `${shop}/health/ready`,
    90_000,
  );

  const machine = describeMachine(seeded);
  console.log(machine);
  const report = [
    `# npm run bench`,
    '',
    machine,
    '',
    `catalog: ${seeded.products} products, ${seeded.variants} variants, ${seeded.images} images, ${seeded.orders} orders (${seeded.database})`,
    '',
  ];
  const summary = [];
  const results = [];
  if (scenarios.has('pages')) {
    const pages = [
      { name: 'shop-products', path: '/products', url: `${shop}/products`, mustContain: 'class="card"', goal: true },
      { name: 'shop-product-page', path: `/products/${seeded.productSlug}`, url: `${shop}/products/${seeded.productSlug}`, mustContain: 'Add to cart' },
      { name: 'shop-search', path: '/products?q=kurta', url: `${shop}/products?q=kurta`, mustContain: 'class="card"' },
      { name: 'shop-filtered', path: '/products?size=M&sort=price_asc', url: `${shop}/products?size=M&sort=price_asc`, mustContain: 'class="card"' },
    ];
    const baselineUrl = `${baseline}/products`;
    const sizes = [`baseline /products ${await checkPage(baselineUrl)} B`];
    for (const page of pages) sizes.push(`${page.path} ${await checkPage(page.url, page.mustContain)} B`);
    console.log(`pages: ${sizes.join(', ')}`);
    await warmUp([baselineUrl, ...pages.map((p) => p.url)]);

    const minutes = (pages.length * connections.length * rounds * 2 * seconds) / 60;
    step(`load: ${pages.length} pages × ${connections.length} connection levels × ${rounds} rounds × 2 targets × ${seconds} s ≈ ${minutes.toFixed(1)} min`);
    for (const page of pages) {
      console.log(`\n### ${page.path} (shop, :${shopPort}) vs /products (baseline, :${baselinePort})\n`);
      const { table, rows } = await compare(page, baselineUrl);
      summary.push(summarize(page, rows));
      results.push({ page, rows });
      report.push(`### ${page.path} vs baseline /products`, '', table, '');
    }
    await drain(`${shop}/health/ready`); // answered after the queries already waiting for a pooled connection
  }

  let dashboard = '';
  if (scenarios.has('dashboard')) {
    step(`dashboard: signed in as ${OWNER.email}, over ${seeded.orders} orders`);
    const cookie = await signIn(shop, OWNER);
    const signedIn = [
      { path: '/admin', url: `${shop}/admin`, mustContain: 'Sales, last 30 days' },
      { path: '/products', url: `${shop}/products`, mustContain: 'class="card"' },
    ];
    for (const page of signedIn) console.log(`${page.path}: ${await checkPage(page.url, page.mustContain, { cookie })} B`);
    await warmUp(
      signedIn.map((page) => page.url),
      100,
      10,
      { cookie },
    );
    dashboard = await measureSignedIn(signedIn, cookie);
    console.log(dashboard);
    report.push('### The dashboard beside the product listing, signed in', '', dashboard, '');
    await drain(`${shop}/health/ready`);
  }

  if (scenarios.has('checkout')) {
    step(`checkout: ${checkoutOrders} orders per target × ${rounds} rounds, 50 in flight`);
    const checkout = await benchCheckout({
      shop,
      baseline,
      databaseUrl,
      baselineDir: baselineCopy,
      slug: seeded.productSlug,
      orders: checkoutOrders,
      rounds,
    }).catch((error) => {
      throw new SetupError(`the checkout scenario failed: ${error.message}`);
    });
    console.log(checkout.table);
    report.push('### POST /checkout beside the baseline', '', checkout.table, '');
    summary.push(checkout.summary);
  }

  step('summary');
  const overview = results.length > 0 ? summaryTable(results) : '';
  if (overview) console.log(overview);
  for (const line of summary) console.log(`- ${line}`);
  if (dashboard) console.log(`\n${dashboard}`);
  report.push('## Summary', '', overview, '', ...summary.map((l) => `- ${l}`), '', dashboard, '');
  writeFileSync(path.join(benchDir, 'last-run.md'), report.join('\n'));
  console.log(
    `\n(written to ${path.relative(root, path.join(benchDir, 'last-run.md'))}. Absolute numbers drift on shared machines; compare ratios, and rerun if the load average above was high: other work slows the baseline more than the shop)`,
  );
}

let shuttingDown;
function shutdown(signal) {
  if (stopping) return shuttingDown;
  stopping = true;
  console.error(`\nbench: ${signal}, stopping servers`);
  shuttingDown = stopAll().then(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
  return shuttingDown;
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Last resort if the process leaves without the orderly path: no server outlives the benchmark.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

let exitCode = 0;
try {
  await main();
} catch (error) {
  exitCode = 1;
  if (!stopping) {
    console.error(`\nbench: ${error instanceof SetupError ? error.message : (error.stack ?? error)}`);
    if (error.output) console.error(error.output.trim().split('\n').slice(-15).join('\n'));
  }
} finally {
  if (stopping) await shuttingDown; // a signal's handler is stopping the servers and will exit
  step('stopping servers');
  await stopAll();
  console.log('stopped');
}
process.exit(exitCode);
