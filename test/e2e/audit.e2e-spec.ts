import type { FindOptionsWhere } from 'typeorm';
import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { OrderStatus } from '../../src/orders/entities/order.entity.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper } from '../helpers/shopper.js';
import { addStaffMember, invite } from '../helpers/staff.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';

describe("the audit log of the owner's panel", () => {
  let shop: TestShop;
  let owner: Shopper;
  let ownerId: number;

  beforeAll(async () => {
    // Behind the shop's proxy (the test itself), so each browser comes from an address of its own.
    shop = await startShop({ TRUST_PROXY: 'loopback' });
    owner = browserAt('203.0.113.50');
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
    ownerId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;
  });
  afterAll(() => shop.close());

  /** A browser at its own address behind the shop's TLS-terminating proxy. */
  const browserAt = (ip: string) => new Shopper(shop.baseUrl, { 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' });

  const entries = (where: FindOptionsWhere<AuditEntry>) => shop.dataSource.getRepository(AuditEntry).find({ where, order: { id: 'ASC' } });

  it('records an order moved by staff: who, from where, and the status before and after', async () => {
    await addStaffMember(shop, owner, { name: 'Rida Staff', email: 'rida@example.test', password: PASSWORD });
    const buyer = browserAt('192.0.2.77');
    await addToCart(buyer, await aProduct(shop));
    const number = (await checkout(buyer)).location?.split('/')[2] as string;
    const from = browserAt('198.51.100.23');
    expect((await from.submit('/login', '/login', { email: 'rida@example.test', password: PASSWORD })).status).toBe(303);

    expect((await from.submit(`/admin/orders/${number}`, `/admin/orders/${number}/status`, { status: OrderStatus.Confirmed })).status).toBe(303);

    const [entry] = await entries({ subjectType: 'order', subjectId: number });
    expect(entry).toMatchObject({
      action: 'order.status_changed',
      actorEmail: 'rida@example.test',
      ip: '198.51.100.23',
      before: JSON.stringify({ status: OrderStatus.Placed }),
      after: JSON.stringify({ status: OrderStatus.Confirmed }),
    });
  });

  it('records staff invited, withdrawn and removed, and the security setting, each by the owner', async () => {
    expect((await invite(owner, 'later@example.test')).status).toBe(303);
    const invited = (await entries({ action: 'staff.invited' })).find((entry) => entry.after?.includes('later@example.test'));
    expect(invited).toMatchObject({ actorUserId: ownerId, actorEmail: OWNER.email, ip: '203.0.113.50', subjectType: 'staff_invitation' });

    const page = await owner.get('/admin/staff');
    const withdraw = new RegExp(`/admin/staff/invitations/${invited?.subjectId}/withdraw`).exec(page.html)?.[0] as string;
    expect((await owner.submit('/admin/staff', withdraw, {})).status).toBe(303);
    expect(await entries({ action: 'staff.invitation_withdrawn', subjectId: invited?.subjectId ?? '' })).toHaveLength(1);

    await addStaffMember(shop, owner, { name: 'Temp Staff', email: 'temp@example.test', password: PASSWORD });
    const temp = await shop.dataSource.getRepository(User).findOneByOrFail({ email: 'temp@example.test' });
    expect(await entries({ action: 'staff.joined', subjectId: String(temp.id) })).toHaveLength(1);
    expect((await owner.submit('/admin/staff', `/admin/staff/${temp.id}/remove`, {})).status).toBe(303);
    expect(await entries({ action: 'staff.removed', subjectId: String(temp.id) })).toMatchObject([
      { actorUserId: ownerId, before: '{"role":"staff"}', after: '{"role":"customer"}' },
    ]);

    expect((await owner.submit('/admin/settings/security', '/admin/settings/security', {})).status).toBe(303);
    expect(await entries({ action: 'setting.changed', subjectId: 'require_two_factor' })).toMatchObject([
      { actorUserId: ownerId, before: '{"value":false}', after: '{"value":false}' },
    ]);
  });
});
