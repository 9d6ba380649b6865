import { once } from 'node:events';
import net from 'node:net';
import { exhaustDatabase } from '../helpers/exhaust-database.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart } from '../helpers/journeys.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { shopsClosedAfterEach, type TestShop } from '../helpers/test-shop.js';

/** Opens a raw connection and writes `text`, leaving the rest of the request unsent; answers what the server sends back, and when it closes. */
async function sendPart(shop: TestShop, text: string): Promise<{ socket: net.Socket; answer: Promise<string> }> {
  const { hostname, port } = new URL(shop.baseUrl);
  const socket = net.connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(text);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  return { socket, answer: once(socket, 'close').then(() => received) };
}

describe('a shop under pressure', () => {
  const open = shopsClosedAfterEach();

  it('answers 503 with Retry-After when every database connection stays busy past DB_ACQUIRE_TIMEOUT_MS, stays alive, and serves again after', async () => {
    const shop = await open({ DB_POOL_SIZE: '1', DB_ACQUIRE_TIMEOUT_MS: '300' });
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, await aProduct(shop, { name: 'Jhelum Kurta' }));
    const busy = await exhaustDatabase(shop);
    try {
      const cart = await shopper.get('/cart');
      expect({ status: cart.status, retryAfter: cart.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '5' });
      expect(textOf(cart.html)).toContain('We cannot answer just now. Please try again in a few seconds.');
      const live = await fetch(`${shop.baseUrl}/health/live`);
      expect({ status: live.status, body: await live.json() }).toEqual({ status: 200, body: { status: 'ok' } });
      const ready = await fetch(`${shop.baseUrl}/health/ready`);
      expect(ready.status).toBe(503);
    } finally {
      await busy.release();
    }
    const cart = await shopper.get('/cart');
    expect(cart.status).toBe(200);
    expect(textOf(cart.html)).toContain('Jhelum Kurta');
  });

  it('refuses a form over 1 MB or 10,000 fields and a JSON body over 100 kB with 413, before reading them whole', async () => {
    const shop = await open();
    const shopper = new Shopper(shop.baseUrl);
    const _csrf = csrfTokenIn((await shopper.get('/login')).html);
    const tooLong = await shopper.post('/login', { _csrf, email: 'a@example.test', password: 'x'.repeat(1_100_000) });
    expect(tooLong.status).toBe(413);
    expect(textOf(tooLong.html)).toContain('Request not accepted');
    const tooMany = await shopper.postForm('/login', [['_csrf', _csrf], ...Array.from({ length: 10_001 }, (_, i): [string, string] => [`f${i}`, '1'])]);
    expect(tooMany.status).toBe(413);
    const json = await fetch(`${shop.baseUrl}/api/v1/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(150_000) }),
    });
    expect(json.status).toBe(413);
  });

  it('answers 408 and closes the connection of a client whose headers, or whole request, come too slowly, and closes idle connections', async () => {
    const shop = await open({ HTTP_HEADERS_TIMEOUT_MS: '300', HTTP_REQUEST_TIMEOUT_MS: '600', HTTP_KEEP_ALIVE_TIMEOUT_MS: '200' });
    const headersOnly = await sendPart(shop, 'GET /health/live HTTP/1.1\r\nHost: shop\r\n');
    expect(await headersOnly.answer).toMatch(/^HTTP\/1\.1 408 /);

    const bodyTrickle = await sendPart(
      shop,
      'POST /login HTTP/1.1\r\nHost: shop\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=',
    );
    const trickle = setInterval(() => bodyTrickle.socket.write('a'), 100);
    try {
      expect(await bodyTrickle.answer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }

    const idle = await sendPart(shop, 'GET /health/live HTTP/1.1\r\nHost: shop\r\n\r\n');
    // Closed by the shop once idle for HTTP_KEEP_ALIVE_TIMEOUT_MS: the answer resolves only when the socket closes.
    expect(await idle.answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
