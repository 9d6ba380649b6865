import { parse } from 'csv-parse/sync';
import { systemActor } from '../../src/audit/actor.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout, checkoutFormIn, DELIVERY } from '../helpers/journeys.js';
import { aCoupon, CITY_RATES, setPricing } from '../helpers/pricing.js';
import { Shopper } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describe('products and orders as CSV', () => {
  let shop: TestShop;
  let owner: Shopper;

  beforeAll(async () => {
    shop = await startShop();
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => shop.close());

  async function download(path: string) {
    const response = await owner.get(path);
    return { ...response, rows: response.status === 200 ? parse<Record<string, string>>(response.html, { columns: true, bom: true }) : [] };
  }

  it('exports one row per variant with the product, category, colour, size, SKU, prices, stock and status', async () => {
    const kurta = await aProduct(shop, { name: 'Ravi Cotton Kurta', sizes: ['S', 'M'], colours: ['Indigo'], priceMinor: 249_950, stock: 7 });

    const exported = await download('/admin/csv/products.csv');

    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="products-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = exported.rows.filter((row) => row.product_slug === kurta.slug);
    expect(rows).toEqual([
      expect.objectContaining({
        product_name: 'Ravi Cotton Kurta',
        category_slug: kurta.categorySlug,
        status: 'published',
        colour: 'Indigo',
        size: 'S',
        price: '2499.50',
        compare_at_price: '',
        stock: '7',
      }),
      expect.objectContaining({ size: 'M', sku: `${kurta.slug}-M-Indigo`.toUpperCase() }),
    ]);
  });

  it('exports a cell a spreadsheet would run as a formula as plain text', async () => {
    const trap = await aProduct(shop, { name: '=HYPERLINK("http://evil.example","Click")' });

    const exported = await download('/admin/csv/products.csv');

    expect(exported.rows.find((row) => row.product_slug === trap.slug)?.product_name).toBe('\'=HYPERLINK("http://evil.example","Click")');
  });

  it('exports the orders of a range of days, both days included, and refuses a day that is not a date', async () => {
    const buyer = new Shopper(shop.baseUrl);
    await addToCart(buyer, await aProduct(shop, { name: 'Lawn Dupatta', priceMinor: 120_000 }), { quantity: 2 });
    const number = (await checkout(buyer)).location?.split('/')[2] as string;
    const placed = (await shop.dataSource.getRepository(Order).findOneByOrFail({ number })).placedAt.toISOString().slice(0, 10);

    const same = await download(`/admin/csv/orders.csv?from=${placed}&to=${placed}`);
    expect(same.rows.find((row) => row.number === number)).toMatchObject({ items: '2', subtotal: '2400.00', currency: 'PKR', customer_name: 'Ayesha Khan' });
    const later = new Date(Date.parse(placed) + 86_400_000).toISOString().slice(0, 10);
    expect((await download(`/admin/csv/orders.csv?from=${later}`)).rows.find((row) => row.number === number)).toBeUndefined();
    expect((await download('/admin/csv/orders.csv?from=yesterday')).status).toBe(422);
    expect((await download(`/admin/csv/orders.csv?from=${later}&to=${placed}`)).status).toBe(422);
  });

  it('exports each order’s discount and coupon, delivery, COD fee, tax and payment, in major units as every amount is, and its courier once shipped', async () => {
    await setPricing(shop, CITY_RATES, { rateBasisPoints: 1700, inclusive: false });
    await aCoupon(shop, { code: 'CSV10', percentBasisPoints: 1000 });
    const buyer = new Shopper(shop.baseUrl);
    await addToCart(buyer, await aProduct(shop, { name: 'Chikan Kurta', priceMinor: 199_999 }), { quantity: 3 });
    // The summary with the coupon first, as the shopper sees it before placing the order.
    const summary = await buyer.post('/checkout/totals', { ...checkoutFormIn((await buyer.get('/checkout')).html), ...DELIVERY, couponCode: 'csv10' });
    const placed = await buyer.post('/checkout', { ...checkoutFormIn(summary.html), ...DELIVERY, couponCode: 'csv10' });
    const number = placed.location?.split('/')[2] as string;

    const row = (await download('/admin/csv/orders.csv')).rows.find((exported) => exported.number === number);

    // 3 × Rs 1,999.99, 10% off, Lahore's standard rate, the Rs 50 COD fee, 17% on top of the discounted goods.
    expect(row).toMatchObject({
      payment_method: 'cod',
      subtotal: '5999.97',
      discount: '600.00',
      coupon_code: 'CSV10',
      shipping: '150.00',
      cod_fee: '50.00',
      tax: '917.99',
      tax_included: 'no',
      total: '6517.96',
      payment_status: 'pending',
      refunded: '0.00',
      carrier: '',
      tracking_number: '',
    });

    await shop
      .get(OrdersService)
      .changeStatus(number, OrderStatus.Shipped, systemActor('Owner (test)'), { shipment: { carrier: 'leopards', trackingNumber: 'LE7781229' } });
    const shipped = (await download('/admin/csv/orders.csv')).rows.find((exported) => exported.number === number);
    expect(shipped).toMatchObject({ status: 'shipped', carrier: 'Leopards Courier', tracking_number: 'LE7781229' });
  });
});
