import { runFromSource } from '../helpers/source-command.js';
import { shopsClosedAfterEach, startShop } from '../helpers/test-shop.js';

const probe = (env: Record<string, string>) => runFromSource('src/health/readiness-probe.ts', env);

describe("the image's HEALTHCHECK (src/health/readiness-probe.ts)", () => {
  const open = shopsClosedAfterEach();

  it('passes when the shop on PORT answers /health/ready, over loopback when the shop listens on every interface', async () => {
    const shop = await open();
    const port = new URL(shop.baseUrl).port;
    expect(await probe({ PORT: port, HOST: '127.0.0.1' })).toMatchObject({ code: 0 });
    expect(await probe({ PORT: port, HOST: '0.0.0.0' })).toMatchObject({ code: 0 });
    expect(await probe({ PORT: port })).toMatchObject({ code: 0 });
  });

  it('fails when nothing answers on PORT, and when the settings would not start a shop', async () => {
    const shop = await startShop();
    const port = new URL(shop.baseUrl).port;
    await shop.close();
    expect(await probe({ PORT: port })).toMatchObject({ code: 1 });
    expect(await probe({ PORT: 'eighty' })).toMatchObject({ code: 1 });
  });
});
