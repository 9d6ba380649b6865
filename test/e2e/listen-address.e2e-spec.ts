import type { AddressInfo } from 'node:net';
import { shopsClosedAfterEach } from '../helpers/test-shop.js';

describe('the address the shop listens on (HOST)', () => {
  const open = shopsClosedAfterEach();

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['', '::'],
  ])('HOST=%p listens on %p and answers there', async (host, address) => {
    const shop = await open({ HOST: host });
    expect((shop.app.getHttpServer().address() as AddressInfo).address).toBe(address);
    expect((await fetch(`${shop.baseUrl}/health/live`)).status).toBe(200);
  });
});
