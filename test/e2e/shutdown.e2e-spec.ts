import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { csrfTokenIn, Shopper } from '../helpers/shopper.js';
import { OWNER, redisEnv, startShop } from '../helpers/test-shop.js';

const COUNTERS: [string, () => Record<string, string>][] = [
  ['the database', () => ({})],
  ['Redis', redisEnv],
];

describe.each(COUNTERS)('a shop counting sign-ins in %s, when it is told to close', (_, counterEnv) => {
  it('still answers a sign-in that was on its way when it stopped taking requests', async () => {
    const shop = await startShop(counterEnv());
    let closing: Promise<void> | undefined;
    try {
      const server = shop.app.getHttpServer();
      const shopper = new Shopper(shop.baseUrl);
      const loginPage = await shopper.get('/login');
      const arrived = once(server, 'request');
      const signIn = shopper.postSlowly('/login', { _csrf: csrfTokenIn(loginPage.html), ...OWNER });
      await arrived;

      closing = shop.close();
      // The server stops listening only once the shutdown hooks before it have run: the sign-in is
      // read from here on, while the shop is closing.
      while (server.listening) await sleep(5);
      const answer = await signIn.finish();
      expect(answer.status).toBe(303);
      expect(answer.location).toBe('/');
    } finally {
      await (closing ?? shop.close());
    }
  });
});
