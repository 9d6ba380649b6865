import { jest } from '@jest/globals';
import { serviceModule, type ServiceModule } from '../../../test/helpers/service-module.js';
import { SettingsModule } from '../../settings/settings.module.js';
import { SettingsService } from '../../settings/settings.service.js';
import { StoreSetting } from '../../settings/store-setting.entity.js';
import { sharedThroughDatabase } from './catalog-cache.providers.js';
import { MemoryCatalogStore } from './memory-cache-store.js';

/**
 * Two instances without Redis, each keeping entries in its own memory, sharing the generation and the
 * dropped tags' versions through store_setting rows on the driver this run uses (SQLite, or MySQL/MariaDB
 * when DATABASE_URL points at one).
 */
describe('MemoryCatalogStore instances sharing a real database', () => {
  let services: ServiceModule;
  let settings: SettingsService;

  beforeAll(async () => {
    services = await serviceModule(SettingsModule);
    settings = services.get(SettingsService);
  });
  afterAll(() => services.close());
  afterEach(() => jest.restoreAllMocks());

  const instance = async () => {
    const store = new MemoryCatalogStore(sharedThroughDatabase(settings));
    await store.poll();
    return store;
  };
  const keep = async (store: MemoryCatalogStore, key: string, text: string, tag?: string) =>
    store.write(key, (await store.read(key, tag)).generation, { text }, tag);
  const textOf = async (store: MemoryCatalogStore, key: string, tag?: string) => (await store.read(key, tag)).entry?.text;

  it("drops another instance's entries of a dropped product at its next poll, and only those, whatever the length of the slug", async () => {
    const longSlug = `product:${'lawn-kurta-with-hand-embroidered-neckline-'.repeat(4)}indigo`.slice(0, 168);
    const [here, there] = [await instance(), await instance()];
    await keep(there, 'productFacts:["long"]', 'Only 4 left', longSlug);
    await keep(there, 'productFacts:["dupatta"]', 'In stock', 'product:dupatta');
    await keep(there, 'listProducts:[]', 'long, dupatta');

    await here.drop([longSlug, 'stock-levels']);
    await there.poll();

    expect(await textOf(there, 'productFacts:["long"]', longSlug)).toBeUndefined();
    expect(await textOf(there, 'productFacts:["dupatta"]', 'product:dupatta')).toBe('In stock');
    expect(await textOf(there, 'listProducts:[]')).toBe('long, dupatta');
    // Dropped again later: a new version, seen as news again.
    await keep(there, 'productFacts:["long"]', 'Only 3 left', longSlug);
    await there.poll();
    expect(await textOf(there, 'productFacts:["long"]', longSlug)).toBe('Only 3 left');
    await here.drop([longSlug]);
    await there.poll();
    expect(await textOf(there, 'productFacts:["long"]', longSlug)).toBeUndefined();
  });

  it('forgets a dropped tag once every entry cached before the drop has expired: its row is deleted as it is read', async () => {
    const rows = services.dataSource.getRepository(StoreSetting);
    const rowsOf = async (slug: string) => (await rows.find()).filter((row) => row.key.startsWith('catalog_tag:') && row.value.includes(slug)).length;
    await settings.setCatalogTagVersions(new Map([['product:forgotten-kurta', 'v1']]));
    expect((await settings.catalogCacheVersions()).tags.get('product:forgotten-kurta')).toBe('v1');

    const sixMinutesOn = Date.now() + 6 * 60_000;
    jest.spyOn(Date, 'now').mockReturnValue(sixMinutesOn);
    await settings.setCatalogTagVersions(new Map([['product:fresh-kurta', 'v1']]));
    const { tags } = await settings.catalogCacheVersions();

    expect([tags.has('product:forgotten-kurta'), tags.get('product:fresh-kurta')]).toEqual([false, 'v1']);
    expect([await rowsOf('forgotten-kurta'), await rowsOf('fresh-kurta')]).toEqual([0, 1]);
  });
});
