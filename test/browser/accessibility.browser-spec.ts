import type { Browser, BrowserContext, Page } from 'playwright-core';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { expectAccessible, VIEWPORTS } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, screenshot } from '../helpers/browser.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: the storefront is accessible', () => {
  let shop: TestShop;
  let browser: Browser;
  let kurta: ProductFixture;

  beforeAll(async () => {
    shop = await startShop({ SEED_DEMO: '1' });
    kurta = await aProduct(shop, { name: 'Basant Block-Print Kurta', stock: 6, priceMinor: 429_900, sizes: ['S', 'M', 'L'], colours: ['Indigo', 'Rose'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  for (const viewport of VIEWPORTS) {
    describe(`at ${viewport.width}×${viewport.height} (${viewport.name})`, () => {
      let context: BrowserContext;
      let page: Page;
      const visit = async (path: string, name: string, status = 200) => {
        // The page itself must have rendered: a friendly error page passing axe proves nothing about this page.
        expect((await page.goto(`${shop.baseUrl}${path}`))?.status()).toBe(status);
        await expectAccessible(page, `${viewport.name}-${name}`);
      };

      beforeAll(async () => {
        context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
        page = await context.newPage();
      });
      afterAll(async () => {
        await context?.close();
      });

      it('has no serious violations on the home page', () => visit('/', 'home'));
      it('has no serious violations on the listing', () => visit('/products', 'listing'));
      it('has no serious violations on a search with a filter', () => visit('/products?q=kurta&size=M', 'listing-search'));
      it('has no serious violations on a category page', () => visit('/categories/women', 'category'));
      it('has no serious violations on a product page', () => visit(`/products/${kurta.slug}`, 'product'));

      it('has no serious violations on the cart with an item', async () => {
        await page.goto(`${shop.baseUrl}/products/${kurta.slug}`);
        await page.getByLabel('Size').selectOption('M');
        await page.getByRole('button', { name: 'Add to cart' }).click();
        await page.waitForURL('**/cart');
        await expectAccessible(page, `${viewport.name}-cart`);
      });

      it('has no serious violations on checkout', () => visit('/checkout', 'checkout'));
      it('has no serious violations on the help pages', async () => {
        await visit('/pages/shipping', 'shipping');
        await visit('/pages/returns', 'returns');
        await visit('/pages/contact', 'contact');
      });

      it('has no serious violations on checkout after an empty submit', async () => {
        await page.goto(`${shop.baseUrl}/checkout`);
        await page.getByRole('button', { name: 'Place order' }).click();
        await page.getByText('Please enter your full name').first().waitFor();
        await expectAccessible(page, `${viewport.name}-checkout-errors`);
      });

      it('has no serious violations on the order confirmation', async () => {
        await page.getByLabel('Full name').fill('Ayesha Khan');
        await page.getByLabel('Email').fill('ayesha@example.test');
        await page.getByLabel('Phone').fill('0300 1234567');
        await page.getByLabel('Address').fill('12 Mall Road');
        await page.getByLabel('City').fill('Lahore');
        await page.getByLabel('Postal code').fill('54000');
        await page.getByRole('button', { name: 'Place order' }).click();
        await page.waitForURL(/\/confirmation$/);
        await expectAccessible(page, `${viewport.name}-confirmation`);
      });

      it('has no serious violations on the empty cart', () => visit('/cart', 'cart-empty'));
      it('has no serious violations on sign-in and registration', async () => {
        await visit('/login', 'login');
        await visit('/register', 'register');
      });
      it('has no serious violations on a missing page', () => visit('/products/no-such-thing', 'not-found', 404));
      it('has no serious violations on password reset', () => visit('/password/forgot', 'password-forgot'));

      it("has no serious violations on a customer's account pages", async () => {
        await page.goto(`${shop.baseUrl}/register`);
        await page.getByLabel('Name').fill('Hina Qureshi');
        await page.getByLabel('Email').fill(`hina-${viewport.name}@example.test`);
        await page.getByLabel('Password').fill('a-long-enough-password');
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.waitForURL(/\/register\/check-email$/);
        await expectAccessible(page, `${viewport.name}-check-email`);
        // Registering signs nobody in: the new customer signs in.
        await page.getByRole('link', { name: 'Sign in', exact: true }).last().click();
        await page.getByLabel('Email').fill(`hina-${viewport.name}@example.test`);
        await page.getByLabel('Password').fill('a-long-enough-password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${shop.baseUrl}/`);
        await visit('/account', 'account');
        await visit('/account/orders', 'account-orders');
        await visit('/account/addresses', 'addresses');
        await visit('/account/addresses/new', 'address-new');
        await visit('/', 'home-signed-in');
      });
    });
  }

  for (const viewport of VIEWPORTS) {
    describe(`with the keyboard only, ${viewport.name}`, () => {
      let context: BrowserContext;
      let page: Page;

      beforeAll(async () => {
        context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
        page = await context.newPage();
      });
      afterAll(async () => {
        await context?.close();
      });

      /** What has focus now, and whether it shows: an outline of at least 2px or a box shadow on :focus-visible. */
      const focused = () =>
        page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
          return {
            tag: element.tagName.toLowerCase(),
            id: element.id,
            name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' '),
            href: element.getAttribute('href') ?? '',
            visible: element.matches(':focus-visible') && (outline || style.boxShadow !== 'none'),
          };
        });
      const seen = new Set<string>();
      const invisible: string[] = [];

      /** Tabs forward (or back) until `wanted` matches the focused element; every stop on the way must show its focus. */
      async function tabTo(wanted: (element: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, key = 'Tab'): Promise<void> {
        const stops: string[] = [];
        for (let stop = 0; stop < 80; stop += 1) {
          await page.keyboard.press(key);
          const element = await focused();
          if (!element) continue;
          seen.add(element.tag);
          if (!element.visible) invisible.push(`${page.url()} ${element.tag}#${element.id} "${element.name}"`);
          stops.push(`${element.tag}${element.id ? `#${element.id}` : ''} "${element.name}"`);
          if (wanted(element)) return;
        }
        throw new Error(`Could not reach the wanted element with ${key} on ${page.url()}; focus went to: ${stops.join(', ')}`);
      }

      /** Presses a key that follows a link or submits a form, and waits for the next page to load. */
      async function pressAndLoad(key: string): Promise<void> {
        await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
      }

      it('goes from the home page to Place order, with the skip link first and focus always visible', async () => {
        expect((await page.goto(`${shop.baseUrl}/`))?.status()).toBe(200);
        await page.keyboard.press('Tab');
        expect(await focused()).toMatchObject({ tag: 'a', name: 'Skip to content', visible: true });
        await page.keyboard.press('Enter');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement))).toBe(true);

        // Back to the top: the header's search, navigation and cart link are reachable too.
        await page.goto(`${shop.baseUrl}/`);
        await tabTo((element) => element.href === '/cart');
        await tabTo((element) => element.href === `/products/${kurta.slug}`);
        await screenshot(page, `a11y-${viewport.name}-keyboard-home`);
        await pressAndLoad('Enter');
        expect(page.url()).toMatch(new RegExp(`/products/${kurta.slug}$`));

        await tabTo((element) => element.id === 'size');
        await page.keyboard.press('ArrowDown');
        await tabTo((element) => element.id === 'colour');
        await page.keyboard.press('ArrowDown');
        await tabTo((element) => element.id === 'quantity');
        await page.keyboard.press('ArrowUp');
        expect(await page.locator('#size').inputValue()).toBe('M');
        expect(await page.locator('#colour').inputValue()).toBe('Rose');
        expect(await page.locator('#quantity').inputValue()).toBe('2');
        await tabTo((element) => element.name === 'Add to cart');
        await screenshot(page, `a11y-${viewport.name}-keyboard-product`);
        await pressAndLoad('Enter');
        expect(page.url()).toMatch(/\/cart$/);
        await page.getByText('M / Rose').first().waitFor();

        // The cart opens from the header link as well.
        await tabTo((element) => element.href === '/cart');
        await pressAndLoad('Enter');
        await tabTo((element) => element.name === 'Checkout' && element.tag === 'a');
        await pressAndLoad('Enter');
        expect(page.url()).toMatch(/\/checkout$/);

        for (const [id, text] of [
          ['fullName', 'Ayesha Khan'],
          ['email', 'ayesha@example.test'],
          ['phone', '0300 1234567'],
          ['address', '12 Mall Road'],
          ['city', 'Lahore'],
          ['postalCode', '54000'],
        ]) {
          await tabTo((element) => element.id === id);
          await page.keyboard.type(text);
        }
        await tabTo((element) => element.name === 'Place order');
        // Shift+Tab walks back through the delivery and payment choices without getting stuck.
        await tabTo((element) => element.id === 'postalCode', 'Shift+Tab');
        await tabTo((element) => element.name === 'Place order');
        await screenshot(page, `a11y-${viewport.name}-keyboard-checkout`);
        await pressAndLoad('Space');
        expect(page.url()).toMatch(/\/confirmation$/);
        await page.getByRole('heading', { name: /Thank you/ }).waitFor();

        expect(invisible).toEqual([]);
        expect([...seen].sort()).toEqual(expect.arrayContaining(['a', 'button', 'input', 'select']));
      });
    });
  }
});
