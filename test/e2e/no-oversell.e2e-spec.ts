import { InventoryService } from '../../src/catalog/inventory.service.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkoutFormIn, DELIVERY } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describe('fifty shoppers, five in stock', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  it('sells the last units to exactly five of 50 simultaneous buyers and tells the rest it sold out', async () => {
    const product = await aProduct(shop, { stock: 5, name: 'Basant Silk Dupatta' });
    const [variantId] = product.variantIds;
    const shoppers = Array.from({ length: 50 }, () => new Shopper(shop.baseUrl));
    const forms: ReturnType<typeof checkoutFormIn>[] = [];
    for (const shopper of shoppers) {
      expect((await addToCart(shopper, product)).status).toBe(303);
      forms.push(checkoutFormIn((await shopper.get('/checkout')).html));
    }

    const results = await Promise.all(shoppers.map((shopper, i) => shopper.post('/checkout', { ...forms[i], ...DELIVERY })));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 303)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(45);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(textOf(refused.html)).toContain('Sorry, Basant Silk Dupatta (M / Indigo) just sold out.');
    }

    const catalog = shop.get(InventoryService);
    const stockLeft = await catalog.stockOf(variantId);
    const sold = await catalog.unitsSold(variantId);
    expect(stockLeft).toBe(0);
    expect(sold).toBe(5);
    expect(sold + stockLeft).toBe(5);
    expect(await shop.dataSource.getRepository(Order).count()).toBe(5);

    // The 45 who missed out still have the dupatta in their cart, with a warning.
    for (const [i, result] of results.entries()) {
      if (result.status !== 409) continue;
      const cart = await shoppers[i].get('/cart');
      expect(textOf(cart.html)).toContain('Basant Silk Dupatta');
      expect(textOf(cart.html)).toContain('Only 0 left');
    }
  });
});
