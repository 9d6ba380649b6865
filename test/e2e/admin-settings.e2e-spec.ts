import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jest } from '@jest/globals';
import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { SettingsService } from '../../src/settings/settings.service.js';
import { aProduct } from '../helpers/factories.js';
import { aPdf, aPng } from '../helpers/pictures.js';
import { csrfTokenIn, type PageResponse, Shopper, textOf, type UploadFixture } from '../helpers/shopper.js';
import { OWNER, redisEnv, sameDatabaseAs, shopsClosedAfterEach, type TestShop } from '../helpers/test-shop.js';

const SETTINGS = {
  shopName: 'Chandni Chowk Clothing',
  contactEmail: 'hello@chandni.example',
  contactPhone: '+92 300 1234567',
  currency: 'USD',
  homeHeading: 'Summer lawn is here',
  homeText: 'Light cotton for hot days.\n\nFree delivery over $50.',
};

async function signedInOwner(shop: TestShop): Promise<Shopper> {
  const owner = new Shopper(shop.baseUrl);
  expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  return owner;
}

/** Sends the settings form as the owner's browser does (multipart, with the page's token), with `logo` if given. */
async function saveSettings(owner: Shopper, fields: Record<string, string>, logo?: UploadFixture): Promise<PageResponse> {
  const token = csrfTokenIn((await owner.get('/admin/settings')).html);
  return owner.postMultipart('/admin/settings', { _csrf: token, ...SETTINGS, ...fields }, logo ? [logo] : []);
}

const visitor = (shop: TestShop, path: string) => new Shopper(shop.baseUrl).get(path);

/** Polls `check` until it holds, for a while; whether it ever did. */
async function eventually(check: () => Promise<boolean>, attempts = 100): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

describe('the store settings at /admin/settings', () => {
  const open = shopsClosedAfterEach();

  it("shows the new name, contact details, currency and home page text on the shop's pages at once, remembered pages included, and audits each change", async () => {
    const shop = await open();
    const product = await aProduct(shop, { name: 'Settings Kurta', priceMinor: 250_000 });
    // Each page rendered twice before the change: the second came from the render memo.
    for (let visit = 0; visit < 2; visit++) {
      const home = await visitor(shop, '/');
      expect(home.html).toContain('— Anarkali</title>');
      expect(textOf(home.html)).toContain('Clothes made in Lahore, for every day and every occasion');
      expect(textOf((await visitor(shop, `/products/${product.slug}`)).html)).toContain('Rs 2,500');
    }
    const owner = await signedInOwner(shop);

    const saved = await saveSettings(owner, {});
    expect(saved.status).toBe(303);
    expect(textOf((await owner.follow(saved)).html)).toContain('The store settings were saved.');

    const home = await visitor(shop, '/');
    expect(home.html).toContain('<title>Summer lawn is here — Chandni Chowk Clothing</title>');
    expect(home.html).toContain('aria-label="Chandni Chowk Clothing home"');
    expect(home.html).toContain('<p>Light cotton for hot days.</p><p>Free delivery over $50.</p>');
    expect(home.html).toContain('href="mailto:hello@chandni.example"');
    expect(home.html).toContain('<meta property="og:site_name" content="Chandni Chowk Clothing">');
    expect(home.html).not.toContain('Anarkali');
    const productPage = await visitor(shop, `/products/${product.slug}`);
    expect(productPage.html).toContain('— Chandni Chowk Clothing</title>');
    expect(textOf(productPage.html)).toContain('$2,500');
    expect(textOf(productPage.html)).not.toContain('Rs');
    const api = (await (await fetch(`${shop.baseUrl}/api/v1/products/${product.slug}`)).json()) as { variants: { price: { currency: string } }[] };
    expect(api.variants[0].price.currency).toBe('USD');

    const changes = await shop.dataSource.getRepository(AuditEntry).find({ where: { action: 'setting.changed' }, order: { id: 'ASC' } });
    expect(changes.map((entry) => [entry.subjectId, entry.before, entry.after])).toEqual([
      ['shop_name', '{"value":"Anarkali"}', '{"value":"Chandni Chowk Clothing"}'],
      ['contact_email', '{"value":""}', '{"value":"hello@chandni.example"}'],
      ['contact_phone', '{"value":""}', '{"value":"+92 300 1234567"}'],
      ['currency', '{"value":"PKR"}', '{"value":"USD"}'],
      ['home_heading', '{"value":"Clothes made in Lahore, for every day and every occasion"}', '{"value":"Summer lawn is here"}'],
      ['home_text', expect.stringContaining('Lawn kurtas'), JSON.stringify({ value: SETTINGS.homeText })],
    ]);
    expect(changes.every((entry) => entry.actorEmail === OWNER.email)).toBe(true);
  });

  it('reads the settings once for many page views, not once per page', async () => {
    const shop = await open();
    const product = await aProduct(shop);
    const reads = jest.spyOn(shop.get(SettingsService), 'storeSettings');
    for (const path of ['/', '/products', `/products/${product.slug}`, `/categories/${product.categorySlug}`, '/cart', '/', '/products']) {
      expect((await visitor(shop, path)).status).toBe(200);
    }
    expect(reads.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it.each([
    ['memory (the default)', () => ({})],
    ['Redis', redisEnv],
  ])('shows a change on a second instance sharing the database, with the catalog cache in %s', async (_store, storeEnv) => {
    const first = await open(storeEnv());
    const sharedRedis: Record<string, string> = first.config.redis ? { REDIS_URL: first.config.redis.url, REDIS_KEY_PREFIX: first.config.redis.keyPrefix } : {};
    const second = await open({ ...sameDatabaseAs(first), ...sharedRedis });
    const product = await aProduct(first, { priceMinor: 250_000 });
    for (const shop of [first, second])
      for (let visit = 0; visit < 2; visit++) expect(textOf((await visitor(shop, `/products/${product.slug}`)).html)).toContain('Rs 2,500');

    expect((await saveSettings(await signedInOwner(first), { shopName: 'Second Instance Shop', currency: 'GBP' })).status).toBe(303);

    const updated = async () => {
      const page = await visitor(second, `/products/${product.slug}`);
      return page.html.includes('— Second Instance Shop</title>') && textOf(page.html).includes('£2,500');
    };
    if (first.config.redis) {
      // One generation in Redis for every instance: the other one knows at once.
      expect(await updated()).toBe(true);
    } else {
      // Each instance reads the shared generation from the database every second: the other one knows by its next read.
      expect(await eventually(updated)).toBe(true);
    }
  });

  it('takes a logo through the same checks as product pictures, shows it in the header, and removes the old file once replaced', async () => {
    const shop = await open();
    const owner = await signedInOwner(shop);
    const logoFile = (url: string) => path.join(shop.config.varDir, url);

    const refused = await saveSettings(owner, { shopName: 'Not Saved' }, { field: 'logo', name: 'logo.png', content: aPdf(), type: 'image/png' });
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('“logo.png” is not a picture');
    expect(refused.html).toContain('value="Not Saved"');
    expect((await shop.get(SettingsService).storeSettings()).shopName).toBe('Anarkali');

    expect((await saveSettings(owner, {}, { field: 'logo', name: 'our logo.png', content: await aPng(), type: 'image/png' })).status).toBe(303);
    const first = (await shop.get(SettingsService).storeSettings()).logoUrl as string;
    expect(first).toMatch(/^\/uploads\/shop\/logo-[0-9a-f]{24}\.webp$/);
    expect(existsSync(logoFile(first))).toBe(true);
    expect((await visitor(shop, '/')).html).toContain(`<img src="${first}" alt="" class="logo__image">`);
    expect((await fetch(`${shop.baseUrl}${first}`)).status).toBe(200);

    // Saving without a file keeps the logo; a new file replaces it, and the old file goes.
    expect((await saveSettings(owner, { homeHeading: 'Still the same logo' })).status).toBe(303);
    expect((await shop.get(SettingsService).storeSettings()).logoUrl).toBe(first);
    expect((await saveSettings(owner, {}, { field: 'logo', name: 'new.png', content: await aPng('#123456'), type: 'image/png' })).status).toBe(303);
    const second = (await shop.get(SettingsService).storeSettings()).logoUrl as string;
    expect(second).not.toBe(first);
    expect([existsSync(logoFile(first)), existsSync(logoFile(second))]).toEqual([false, true]);

    expect((await saveSettings(owner, { removeLogo: '1' })).status).toBe(303);
    expect((await shop.get(SettingsService).storeSettings()).logoUrl).toBeNull();
    expect(existsSync(logoFile(second))).toBe(false);
    expect((await visitor(shop, '/')).html).not.toContain('logo__image');
  });

  it('refuses a bad email, phone, currency or an empty name with 422, the form kept and nothing changed', async () => {
    const shop = await open();
    const owner = await signedInOwner(shop);
    const refused = await saveSettings(owner, { shopName: '', contactEmail: 'not-an-email', contactPhone: 'call me', currency: 'BTC', homeText: 'Kept text' });
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/id="shopName-error">Please enter the name of the shop/);
    expect(refused.html).toMatch(/id="contactEmail-error">Please enter an email address/);
    expect(refused.html).toMatch(/id="contactPhone-error">Please enter a phone number/);
    expect(refused.html).toMatch(/id="currency-error">Please choose one of PKR, USD/);
    expect(refused.html).toContain('>Kept text</textarea>');
    expect(await shop.get(SettingsService).storeSettings()).toMatchObject({ shopName: 'Anarkali', currency: 'PKR', contactEmail: '' });
    expect(await shop.dataSource.getRepository(AuditEntry).countBy({ action: 'setting.changed' })).toBe(0);
  });

  it('is the owner’s alone: staff get 403, and the page says prices are not converted', async () => {
    const shop = await open();
    const owner = await signedInOwner(shop);
    const page = await owner.get('/admin/settings');
    expect(textOf(page.html)).toContain('Prices are not converted');
    expect(page.html).toContain('href="/admin/settings/security"');
    expect(page.html).toContain('<a href="/admin/settings" aria-current="page">Settings</a>');
    const { addStaffMember } = await import('../helpers/staff.js');
    const staff = await addStaffMember(shop, owner, { name: 'Settings Staff', email: 'settings-staff@example.test', password: 'a-long-enough-password' });
    expect((await staff.get('/admin/settings')).status).toBe(403);
    const token = csrfTokenIn((await staff.get('/admin')).html);
    expect((await staff.postMultipart('/admin/settings', { _csrf: token, ...SETTINGS }, [])).status).toBe(403);
    expect((await shop.get(SettingsService).storeSettings()).shopName).toBe('Anarkali');
  });
});
