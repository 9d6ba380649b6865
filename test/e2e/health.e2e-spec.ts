import { aProduct } from '../helpers/factories.js';
import { addToCart } from '../helpers/journeys.js';
import { Shopper } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describe('health checks (/health/live, /health/ready)', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  it('answers JSON: alive, and ready while the database answers', async () => {
    const live = await fetch(`${shop.baseUrl}/health/live`);
    expect({ status: live.status, type: live.headers.get('content-type'), body: await live.json() }).toEqual({
      status: 200,
      type: expect.stringMatching(/^application\/json/),
      body: { status: 'ok' },
    });
    const ready = await fetch(`${shop.baseUrl}/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ok', database: 'up' } });
  });

  it('answers 503 with a problem body naming the database when it is gone, also to a client that accepts HTML or has a session', async () => {
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, await aProduct(shop));
    const cookie = `anarkali.sid=${shopper.sessionId}`;
    await shop.dataSource.destroy();
    try {
      // The container's HEALTHCHECK fetches with Accept: */*; a person checking in a browser asks for HTML
      // first, and sends the shop's session cookie (whose session cannot be read now).
      const probes: Record<string, string>[] = [{ accept: '*/*' }, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, { accept: 'text/html', cookie }];
      for (const headers of probes) {
        const { accept } = headers;
        const ready = await fetch(`${shop.baseUrl}/health/ready`, { headers });
        const text = await ready.text();
        expect({ accept, status: ready.status, type: ready.headers.get('content-type') }).toEqual({
          accept,
          status: 503,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        expect(JSON.parse(text)).toEqual({ status: 503, title: 'The database does not answer.', reference: expect.stringMatching(/^[0-9a-f]{32}$/) });
        expect(text).not.toMatch(/at \w+ \(|node_modules|QueryFailed|TypeORM|Error/);
      }
    } finally {
      await shop.dataSource.initialize();
    }
  });
});
