import { aProduct } from '../helpers/factories.js';
import { addToCart } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describe('Add to cart says what happened', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  /** Adds and answers what the shopper reads next: the cart after the redirect, or the refused product page. */
  async function add(shopper: Shopper, product: Awaited<ReturnType<typeof aProduct>>, quantity: number) {
    const response = await addToCart(shopper, product, { quantity });
    return { status: response.status, text: textOf(response.status === 303 ? (await shopper.follow(response)).html : response.html) };
  }

  it('offers a quantity of 1 on the product page', async () => {
    const scarf = await aProduct(shop, { name: 'Lawn Scarf' });
    const page = await new Shopper(shop.baseUrl).get(`/products/${scarf.slug}`);
    expect(page.html).toMatch(/<input id="quantity" name="quantity" type="number"[^>]* value="1"/);
  });

  it('tells a shopper whose cart holds every unit there is that it does, not that the item just sold out', async () => {
    const shawl = await aProduct(shop, { name: 'Pashmina Shawl', stock: 3 });
    const shopper = new Shopper(shop.baseUrl);
    expect((await add(shopper, shawl, 3)).text).toContain('Added to your cart.');

    const refused = await add(shopper, shawl, 1);

    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Your cart already holds all 3 of Pashmina Shawl (M / Indigo) we have.');
    expect(refused.text).not.toContain('sold out');
    expect(textOf((await shopper.get('/cart')).html)).toContain('Cart 3');
  });

  it('tells how many more there are when the cart holds some and asks for more than the rest', async () => {
    const kurta = await aProduct(shop, { name: 'Chikankari Kurta', stock: 5 });
    const shopper = new Shopper(shop.baseUrl);
    await add(shopper, kurta, 2);

    const refused = await add(shopper, kurta, 4);

    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Only 3 more of Chikankari Kurta (M / Indigo) are available: your cart already holds 2.');
  });

  it('says nothing was added when the line already holds the most one can buy at a time', async () => {
    const socks = await aProduct(shop, { name: 'Cotton Socks', stock: 50 });
    const shopper = new Shopper(shop.baseUrl);
    await add(shopper, socks, 20);

    const again = await add(shopper, socks, 1);

    expect(again.status).toBe(303);
    expect(again.text).toContain('Your cart already holds 20 of Cotton Socks (M / Indigo), the most you can buy at a time: nothing was added.');
    expect(again.text).not.toContain('Added to your cart.');
    expect(again.text).toContain('Cart 20');
  });

  it('says how many were added when the line could take only some', async () => {
    const socks = await aProduct(shop, { name: 'Silk Socks', stock: 50 });
    const shopper = new Shopper(shop.baseUrl);
    await add(shopper, socks, 18);

    const capped = await add(shopper, socks, 5);

    expect(capped.text).toContain('Added 2 of Silk Socks (M / Indigo) to your cart: 20 is the most you can buy at a time.');
    expect(capped.text).toContain('Cart 20');
  });
});

describe('the cart and checkout show the chosen colour', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  it("pictures the colour in the cart and at checkout, not the product's first picture", async () => {
    const kurta = await aProduct(shop, { name: 'Two-Tone Kurta', colours: ['Indigo', 'Rust'] });
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, kurta, { colour: 'Rust' });

    for (const page of ['/cart', '/checkout']) {
      const html = (await shopper.get(page)).html;
      expect(html).toContain(`src="/uploads/products/${kurta.slug}-Rust.svg"`);
      expect(html).not.toContain(`${kurta.slug}-Indigo.svg`);
    }
  });
});
