import { aProduct } from '../../test/helpers/factories.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { OWNER } from '../../test/helpers/test-shop.js';
import type { Actor } from '../audit/actor.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { AuthModule } from '../auth/auth.module.js';
import { User } from '../auth/entities/user.entity.js';
import { NotFoundError } from '../common/errors.js';
import { CatalogModule } from './catalog.module.js';
import { StockAdjustmentError } from './catalog.errors.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { InventoryService, type StockAdjustment } from './inventory.service.js';
import { StockReason } from './stock-reason.js';

/**
 * Stock changed by hand in the panel (received, returned, damaged, corrected), proven on a real
 * database: the ledger row says who and why, the audit log has the change, and stock never goes
 * below zero, not even when two people take the last units at once.
 */
describe('InventoryService.adjust on a real database', () => {
  let services: ServiceModule;
  let sut: InventoryService;
  let owner: Actor;

  beforeAll(async () => {
    services = await serviceModule(CatalogModule, AuthModule);
    sut = services.get(InventoryService);
    const ownerId = (await services.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;
    owner = { userId: ownerId, email: OWNER.email, ip: '203.0.113.9' };
  });
  afterAll(() => services.close());

  const variantWith = async (stock: number) => (await aProduct(services, { stock })).variantIds[0];
  const ledgerOf = async (variantId: number) =>
    (await services.dataSource.getRepository(StockMovement).find({ where: { variantId }, order: { id: 'ASC' } })).map(
      ({ delta, reason, reference, userId, note }) => ({ delta, reason, reference, userId, note }),
    );
  const auditOf = (variantId: number) =>
    services.dataSource.getRepository(AuditEntry).find({ where: { subjectType: 'variant', subjectId: String(variantId) }, order: { id: 'ASC' } });
  const adjust = (change: StockAdjustment) => sut.adjust(change, owner);

  it('receives stock with a ledger row naming who and why, and an audit row of the stock before and after', async () => {
    const variantId = await variantWith(2);

    expect(await adjust({ variantId, delta: 12, reason: StockReason.Received, note: 'Delivery note 14' })).toMatchObject({ stock: 14 });

    expect(await sut.stockOf(variantId)).toBe(14);
    expect(await ledgerOf(variantId)).toEqual([
      { delta: 2, reason: StockReason.Initial, reference: null, userId: null, note: null },
      { delta: 12, reason: StockReason.Received, reference: null, userId: owner.userId, note: 'Delivery note 14' },
    ]);
    const [entry] = await auditOf(variantId);
    expect(entry).toMatchObject({ action: 'stock.adjusted', actorUserId: owner.userId, actorEmail: OWNER.email, ip: '203.0.113.9' });
    expect(JSON.parse(entry.before ?? '')).toEqual({ stock: 2 });
    expect(JSON.parse(entry.after ?? '')).toEqual({ stock: 14, delta: 12, reason: 'received', note: 'Delivery note 14' });
  });

  it.each([
    { reason: StockReason.Damaged, delta: -3, stock: 7 },
    { reason: StockReason.Returned, delta: 1, stock: 11 },
    { reason: StockReason.Correction, delta: -10, stock: 0 },
    { reason: StockReason.Correction, delta: 4, stock: 14 },
  ])('takes $reason by $delta from 10 to $stock', async ({ reason, delta, stock }) => {
    const variantId = await variantWith(10);

    await adjust({ variantId, delta, reason, note: null });

    expect(await sut.stockOf(variantId)).toBe(stock);
    expect((await ledgerOf(variantId)).at(-1)).toEqual({ delta, reason, reference: null, userId: owner.userId, note: null });
  });

  it('refuses a change that would take stock below zero, naming what is on hand, and writes nothing', async () => {
    const variantId = await variantWith(3);

    const refused = adjust({ variantId, delta: -4, reason: StockReason.Damaged, note: 'Moth damage' });

    await expect(refused).rejects.toThrow(StockAdjustmentError);
    await expect(refused).rejects.toMatchObject({ field: 'delta', status: 422, message: 'Only 3 on hand: stock cannot go below zero, so enter -3 or more.' });
    expect(await sut.stockOf(variantId)).toBe(3);
    expect(await ledgerOf(variantId)).toHaveLength(1);
    expect(await auditOf(variantId)).toEqual([]);
  });

  it.each([
    { reason: StockReason.Received, delta: -2, message: 'Received units arrive: enter a positive number, such as 2.' },
    { reason: StockReason.Returned, delta: -1, message: 'Returned units arrive: enter a positive number, such as 1.' },
    { reason: StockReason.Damaged, delta: 2, message: 'Damaged units leave the shelf: enter a negative number, such as -2.' },
    { reason: StockReason.Correction, delta: 0, message: 'Enter how many units arrive (such as 12) or leave (such as -2).' },
  ])('refuses $reason by $delta: it goes the wrong way', async ({ reason, delta, message }) => {
    const variantId = await variantWith(5);

    await expect(adjust({ variantId, delta, reason, note: null })).rejects.toMatchObject({ field: 'delta', message });

    expect(await sut.stockOf(variantId)).toBe(5);
    expect(await auditOf(variantId)).toEqual([]);
  });

  it('lets exactly one of two people write off the same last 4 units at the same moment', async () => {
    const variantId = await variantWith(5);

    const outcomes = await Promise.allSettled([1, 2].map(() => adjust({ variantId, delta: -4, reason: StockReason.Damaged, note: null })));

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { field: 'delta', message: expect.stringMatching(/^Only 1 on hand/) },
    });
    expect(await sut.stockOf(variantId)).toBe(1);
    expect(await auditOf(variantId)).toHaveLength(1);
  });

  it('answers not found for a variant that does not exist', async () => {
    await expect(adjust({ variantId: 987_654, delta: 1, reason: StockReason.Received, note: null })).rejects.toThrow(NotFoundError);
  });
});
