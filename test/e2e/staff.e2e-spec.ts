import { SessionRecord } from '../../src/auth/entities/session.entity.js';
import { Role, User } from '../../src/auth/entities/user.entity.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';

describe('the owner manages staff at /admin/staff', () => {
  let shop: TestShop;
  let owner: Shopper;

  beforeAll(async () => {
    shop = await startShop();
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => shop.close());

  const users = () => shop.dataSource.getRepository(User);

  async function signedIn(email: string, password = PASSWORD): Promise<Shopper> {
    const shopper = new Shopper(shop.baseUrl);
    expect((await shopper.submit('/login', '/login', { email, password })).status).toBe(303);
    return shopper;
  }

  async function addStaff(fields: Record<string, string>) {
    return owner.submit('/admin/staff', '/admin/staff', fields);
  }

  it('creates a staff account who can work on orders but cannot manage staff or security', async () => {
    const added = await addStaff({ name: 'Sadia Staff', email: 'Sadia@Example.test', password: PASSWORD });
    expect(added.status).toBe(303);
    const list = await owner.follow(added);
    expect(textOf(list.html)).toContain('A staff account for sadia@example.test was created.');
    expect(textOf(list.html)).toContain('Sadia Staff');
    expect((await users().findOneByOrFail({ email: 'sadia@example.test' })).role).toBe(Role.Staff);

    const staff = await signedIn('sadia@example.test');
    expect((await staff.get('/admin/orders')).status).toBe(200);
    expect((await staff.get('/admin/staff')).status).toBe(403);
    expect((await staff.get('/admin/settings/security')).status).toBe(403);
    const token = csrfTokenIn((await staff.get('/admin/orders')).html);
    expect((await staff.post('/admin/staff', { _csrf: token, email: 'friend@example.test', name: 'Friend', password: PASSWORD })).status).toBe(403);
    expect(await users().countBy({ email: 'friend@example.test' })).toBe(0);
  });

  it('shows the Staff and Security links to the owner only', async () => {
    const ownerPanel = (await owner.get('/admin')).html;
    expect(ownerPanel).toContain('<a href="/admin/staff">Staff</a>');
    expect(ownerPanel).toContain('<a href="/admin/settings/security">Security</a>');
    const staffPanel = (await (await signedIn('sadia@example.test')).get('/admin')).html;
    expect(staffPanel).not.toContain('href="/admin/staff"');
    expect(staffPanel).not.toContain('href="/admin/settings/security"');
  });

  it('promotes an existing customer by email alone, and refuses someone who is already staff', async () => {
    const customer = new Shopper(shop.baseUrl);
    expect((await registerAndSignIn(customer, { name: 'Kamran Customer', email: 'kamran@example.test', password: PASSWORD })).status).toBe(303);
    expect((await customer.get('/admin/orders')).status).toBe(403);

    const promoted = await addStaff({ email: 'kamran@example.test', name: '', password: '' });
    expect(promoted.status).toBe(303);
    expect(textOf((await owner.follow(promoted)).html)).toContain('kamran@example.test is now staff.');
    // The role is read on every request: the open session has the panel at once.
    expect((await customer.get('/admin/orders')).status).toBe(200);

    const again = await addStaff({ email: 'kamran@example.test' });
    expect(again.status).toBe(422);
    expect(textOf(again.html)).toContain('This person is already staff.');
    const theOwner = await addStaff({ email: OWNER.email });
    expect(theOwner.status).toBe(422);
    expect((await users().findOneByOrFail({ email: OWNER.email })).role).toBe(Role.Owner);
  });

  it('asks for a name and a valid initial password when nobody has the email yet', async () => {
    const noName = await addStaff({ email: 'newbie@example.test', password: PASSWORD });
    expect(noName.status).toBe(422);
    expect(textOf(noName.html)).toContain('enter their name');
    expect(noName.html).toContain('value="newbie@example.test"');
    const noPassword = await addStaff({ email: 'newbie@example.test', name: 'New Bie' });
    expect(noPassword.status).toBe(422);
    expect(textOf(noPassword.html)).toContain('choose an initial password');
    const short = await addStaff({ email: 'newbie@example.test', name: 'New Bie', password: 'short' });
    expect(short.status).toBe(422);
    expect(textOf(short.html)).toContain('at least 10 characters');
    const badEmail = await addStaff({ email: 'not-an-email', name: 'New Bie', password: PASSWORD });
    expect(badEmail.status).toBe(422);
    expect(await users().countBy({ email: 'newbie@example.test' })).toBe(0);
  });

  it('removing a staff member makes them a customer and ends every session they had', async () => {
    await addStaff({ name: 'Rashid Removed', email: 'rashid@example.test', password: PASSWORD });
    const rashid = await users().findOneByOrFail({ email: 'rashid@example.test' });
    const laptop = await signedIn('rashid@example.test');
    const phone = await signedIn('rashid@example.test');
    expect((await laptop.get('/admin/orders')).status).toBe(200);
    expect(await shop.dataSource.getRepository(SessionRecord).countBy({ userId: rashid.id })).toBe(2);

    const list = await owner.get('/admin/staff');
    const removed = await owner.post(`/admin/staff/${rashid.id}/remove`, { _csrf: csrfTokenIn(list.html) });
    expect(removed.status).toBe(303);
    expect(textOf((await owner.follow(removed)).html)).toContain('Rashid Removed is no longer staff and has been signed out everywhere.');

    expect((await users().findOneByOrFail({ id: rashid.id })).role).toBe(Role.Customer);
    expect(await shop.dataSource.getRepository(SessionRecord).countBy({ userId: rashid.id })).toBe(0);
    for (const device of [laptop, phone]) {
      const bounced = await device.get('/admin/orders');
      expect(bounced.status).toBe(303);
      expect(bounced.location).toBe('/login?next=%2Fadmin%2Forders');
    }
    // Signing in again gives a customer's account, without the panel.
    expect((await (await signedIn('rashid@example.test')).get('/admin/orders')).status).toBe(403);
  });

  it('never removes the owner', async () => {
    const me = await users().findOneByOrFail({ email: OWNER.email });
    const list = await owner.get('/admin/staff');
    expect(list.html).not.toContain(`/admin/staff/${me.id}/remove`);
    const tried = await owner.post(`/admin/staff/${me.id}/remove`, { _csrf: csrfTokenIn(list.html) });
    expect(textOf((await owner.follow(tried)).html)).toContain('The owner cannot be removed.');
    expect((await users().findOneByOrFail({ id: me.id })).role).toBe(Role.Owner);
    expect((await owner.get('/admin/staff')).status).toBe(200);
  });
});
