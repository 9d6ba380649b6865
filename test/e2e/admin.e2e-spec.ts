import { OrderStatusChange } from '../../src/orders/entities/order-status-change.entity.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { routesOf, sampleUrl } from '../helpers/routes.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describe('the owner ships an order; nobody else gets into /admin', () => {
  let shop: TestShop;
  let number: string;

  beforeAll(async () => {
    shop = await startShop();
    const product = await aProduct(shop, { name: 'Anarkali Maxi Dress' });
    const guest = new Shopper(shop.baseUrl);
    await addToCart(guest, product);
    number = (await checkout(guest)).location?.split('/')[2] as string;
  });
  afterAll(() => shop.close());

  const adminRoutes = () => routesOf(shop).filter((route) => route.path.startsWith('/admin'));

  it('lets the owner see the new order, open it and mark it shipped, and the history grows', async () => {
    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);

    const list = await owner.get('/admin/orders');
    expect(list.status).toBe(200);
    expect(textOf(list.html)).toContain(number);
    expect(textOf(list.html)).toContain('Ayesha Khan');

    const detail = await owner.get(`/admin/orders/${number}`);
    expect(textOf(detail.html)).toContain('Anarkali Maxi Dress');
    expect(textOf(detail.html)).toContain('Mark as Shipped');

    const shipped = await owner.post(`/admin/orders/${number}/status`, { _csrf: csrfTokenIn(detail.html), status: 'shipped' });
    expect(shipped.status).toBe(303);
    const after = await owner.follow(shipped);
    expect(textOf(after.html)).toContain(`Order ${number} is now shipped.`);
    expect(textOf(after.html)).toContain('Mark as Delivered');

    const order = await shop.dataSource.getRepository(Order).findOneByOrFail({ number });
    expect(order.status).toBe(OrderStatus.Shipped);
    const history = await shop.dataSource.getRepository(OrderStatusChange).find({ where: { orderId: order.id }, order: { id: 'ASC' } });
    expect(history.map((h) => h.toStatus)).toEqual([OrderStatus.Placed, OrderStatus.Shipped]);

    // Shipping again is not a move the state machine allows: a message, and nothing changes.
    const again = await owner.post(`/admin/orders/${number}/status`, { _csrf: csrfTokenIn(after.html), status: 'shipped' });
    expect(textOf((await owner.follow(again)).html)).toContain('cannot be marked Shipped');
    expect(await shop.dataSource.getRepository(OrderStatusChange).countBy({ orderId: order.id })).toBe(2);
  });

  it('answers 403 to a signed-in customer on every /admin route', async () => {
    const customer = new Shopper(shop.baseUrl);
    await customer.submit('/register', '/register', { name: 'Curious Customer', email: 'curious@example.test', password: 'a-long-enough-password' });
    const token = csrfTokenIn((await customer.get('/')).html);
    expect(adminRoutes().length).toBeGreaterThanOrEqual(4);
    for (const route of adminRoutes()) {
      const url = sampleUrl(route.path).replace('AK-SAMPLE1', number);
      const response = route.method === 'GET' ? await customer.get(url) : await customer.post(url, { _csrf: token, status: 'cancelled' });
      expect({ route, status: response.status }).toEqual({ route, status: 403 });
    }
    expect((await shop.dataSource.getRepository(Order).findOneByOrFail({ number })).status).not.toBe(OrderStatus.Cancelled);
  });

  it('sends a visitor on every /admin route to sign in', async () => {
    for (const route of adminRoutes().filter((r) => r.method === 'GET')) {
      const response = await new Shopper(shop.baseUrl).get(sampleUrl(route.path));
      expect({ route, status: response.status, location: response.location?.split('?')[0] }).toEqual({ route, status: 303, location: '/login' });
    }
  });
});
