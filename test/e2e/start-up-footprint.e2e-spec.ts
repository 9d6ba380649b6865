import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/common/paths.js';
import { buildShop, spawnShop, untilReady } from '../helpers/shop-process.js';
import { Shopper } from '../helpers/shopper.js';
import { freshTestStorage, storageEnv } from '../helpers/test-shop.js';

/**
 * Libraries only some shops use, loaded the first time they are needed: each adds megabytes to every
 * process that loads it (libvips for pictures, the Redis client, Stripe's SDK; docs/deploy.md).
 */
const ON_DEMAND: Record<string, RegExp> = {
  sharp: /\/node_modules\/sharp\//,
  '@redis/client': /\/node_modules\/@redis\/client\//,
  stripe: /\/node_modules\/stripe\//,
};

describe('a shop process, for the libraries it loads', () => {
  // The compiled shop, as `npm start` and the Docker image run it.
  beforeAll(buildShop, 180_000);

  /** Where every module came from that a shop started with `env` loaded while it started and served two pages. */
  async function modulesLoadedBy(env: Record<string, string>): Promise<string[]> {
    const storage = freshTestStorage();
    const logDir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-modules-'));
    const moduleLog = path.join(logDir, 'modules.txt');
    const shop = await spawnShop({
      ...storageEnv(storage.config),
      SEED_DEMO: '0',
      ...env,
      MODULE_LOG: moduleLog,
      NODE_OPTIONS: `--import ${path.join(projectRoot, 'test', 'helpers', 'module-log.js')}`,
    });
    try {
      await untilReady(shop.baseUrl, shop.child);
      const shopper = new Shopper(shop.baseUrl);
      expect((await shopper.get('/')).status).toBe(200);
      expect((await shopper.get('/products')).status).toBe(200);
    } finally {
      await shop.stop();
      await storage.remove();
    }
    const modules = readFileSync(moduleLog, 'utf8').split('\n');
    rmSync(logDir, { recursive: true, force: true });
    return modules;
  }

  const loaded = (modules: string[]) => Object.keys(ON_DEMAND).filter((name) => modules.some((url) => ON_DEMAND[name].test(url)));

  it('serves the storefront without the picture, Redis or card-payment libraries loaded', async () => {
    const modules = await modulesLoadedBy({});
    // The log saw the shop's own modules and its usual libraries, so an empty answer below means something.
    expect(modules.some((url) => url.endsWith('/dist/src/main.js'))).toBe(true);
    expect(modules.some((url) => url.includes('/node_modules/typeorm/'))).toBe(true);
    expect(loaded(modules)).toEqual([]);
  });

  it("loads Stripe's SDK when the shop has Stripe keys, before it serves", async () => {
    const modules = await modulesLoadedBy({ STRIPE_SECRET_KEY: 'sk_test_footprint', STRIPE_WEBHOOK_SECRET: 'whsec_footprint' });
    expect(loaded(modules)).toEqual(['stripe']);
  });
});
