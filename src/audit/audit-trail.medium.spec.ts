import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { QueryFilters } from '../common/query-filters.js';
import { Transactions } from '../database/transactions.js';
import type { Actor } from './actor.js';
import { AuditModule } from './audit.module.js';
import { type AuditFilter, AuditTrail } from './audit-trail.service.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

/**
 * The audit log's filters on the driver this run uses (SQLite, or MySQL/MariaDB when DATABASE_URL
 * points at one): entries recorded as the panel records them, then read back the way /admin/audit asks.
 */
describe('AuditTrail reading the log on a real database', () => {
  let services: ServiceModule;
  let sut: AuditTrail;
  const owner: Actor = { userId: 1, email: 'owner@anarkali.test', ip: '203.0.113.7' };
  const rida: Actor = { userId: 2, email: 'rida@example.test', ip: '198.51.100.23' };

  /** Records a change as `actor`, then dates it at `at` (an instant). */
  async function recorded(actor: Actor, at: string, change: Parameters<AuditTrail['record']>[2]): Promise<number> {
    await services.get(Transactions).run((manager) => sut.record(manager, actor, change));
    const [newest] = await services.dataSource.getRepository(AuditEntry).find({ order: { id: 'DESC' }, take: 1 });
    await services.dataSource.getRepository(AuditEntry).update({ id: newest.id }, { createdAt: new Date(at) });
    return newest.id;
  }

  const ids = async (filter: AuditFilter, page = 1) => (await sut.page(filter, page)).items.map((entry) => entry.id);
  const days = (from?: string, to?: string) => new QueryFilters({ from, to }).dayRange('from', 'to', 'Asia/Karachi');
  const entry: Record<string, number> = {};

  beforeAll(async () => {
    services = await serviceModule(AuditModule);
    sut = services.get(AuditTrail);
    // 23:30 on 27 November in Lahore, then 00:30 on the 28th there.
    entry.shipped = await recorded(rida, '2026-11-27T18:30:00.000Z', {
      action: 'order.status_changed',
      subject: { type: 'order', id: 'AK-2345ABCD' },
      before: { status: 'placed' },
      after: { status: 'shipped' },
    });
    entry.priced = await recorded(owner, '2026-11-27T19:30:00.000Z', {
      action: 'product.updated',
      subject: { type: 'product', id: 42 },
      before: { priceMinor: 249_900, name: 'Kurta' },
      after: { priceMinor: 299_900, name: '<script>alert(1)</script>' },
    });
    entry.invited = await recorded(owner, '2026-11-29T09:00:00.000Z', {
      action: 'staff.invited',
      subject: { type: 'staff_invitation', id: 7 },
      after: { email: 'later@example.test' },
    });
    entry.cancelled = await recorded(owner, '2026-11-30T09:00:00.000Z', {
      action: 'order.status_changed',
      subject: { type: 'order', id: 'AK-9999WXYZ' },
      before: { status: 'placed' },
      after: { status: 'cancelled' },
    });
  });
  afterAll(() => services.close());

  it('reads the log newest first, each entry with who, from where, and field by field what changed', async () => {
    const { items, total } = await sut.page({}, 1);
    expect(total).toBe(4);
    expect(items.map((row) => row.id)).toEqual([entry.cancelled, entry.invited, entry.priced, entry.shipped]);
    expect(items[2]).toMatchObject({
      actorEmail: 'owner@anarkali.test',
      ip: '203.0.113.7',
      action: 'product.updated',
      subjectType: 'product',
      subjectId: '42',
      changes: [
        { field: 'priceMinor', before: '249900', after: '299900' },
        { field: 'name', before: 'Kurta', after: '<script>alert(1)</script>' },
      ],
    });
    expect(items[1].changes).toEqual([{ field: 'email', after: 'later@example.test' }]);
  });

  it('offers the actions and the kinds of subject the log holds', async () => {
    expect(await sut.filterChoices()).toEqual({
      actions: ['order.status_changed', 'product.updated', 'staff.invited'],
      subjectTypes: ['order', 'product', 'staff_invitation'],
    });
  });

  it('filters by action, by part of the email of who did it, and by subject kind and id', async () => {
    expect(await ids({ action: 'order.status_changed' })).toEqual([entry.cancelled, entry.shipped]);
    expect(await ids({ actorEmail: 'RIDA' })).toEqual([entry.shipped]);
    expect(await ids({ actorEmail: 'example.test' })).toEqual([entry.shipped]);
    expect(await ids({ actorEmail: '%' })).toEqual([]);
    expect(await ids({ subjectType: 'order' })).toEqual([entry.cancelled, entry.shipped]);
    expect(await ids({ subjectType: 'order', subjectId: 'AK-2345ABCD' })).toEqual([entry.shipped]);
    expect(await ids({ subjectId: '42' })).toEqual([entry.priced]);
  });

  it('counts days from midnight in Pakistan', async () => {
    expect(await ids({ when: days(undefined, '2026-11-27') })).toEqual([entry.shipped]);
    expect(await ids({ when: days('2026-11-28', '2026-11-28') })).toEqual([entry.priced]);
    expect(await ids({ when: days('2026-11-29') })).toEqual([entry.cancelled, entry.invited]);
  });

  it('combines the filters: all of them must hold', async () => {
    expect(await ids({ action: 'order.status_changed', actorEmail: 'owner' })).toEqual([entry.cancelled]);
    expect(await ids({ action: 'order.status_changed', when: days('2026-11-28') })).toEqual([entry.cancelled]);
    expect(await ids({ action: 'staff.invited', subjectType: 'order' })).toEqual([]);
  });

  it('pages 50 entries at a time; a page past the last shows the last', async () => {
    for (let n = 0; n < 50; n++) await recorded(owner, '2026-10-01T09:00:00.000Z', { action: 'setting.changed', subject: { type: 'setting', id: 'x' } });
    const second = await sut.page({}, 2);
    expect(second).toMatchObject({ page: 2, pages: 2, total: 54 });
    expect(second.items).toHaveLength(4);
    expect((await sut.page({}, 9)).page).toBe(2);
    expect((await sut.page({ action: 'setting.changed' }, 1)).items[0].changes).toEqual([]);
  });
});
