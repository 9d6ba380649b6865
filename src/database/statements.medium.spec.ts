import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { onMySql } from '../../test/helpers/test-shop.js';
import { SessionRecord } from '../sessions/entities/session.entity.js';
import {
  deleteStatement,
  insertAtCommit,
  insertRows,
  insertStatement,
  readAfterWrites,
  selectRows,
  type Statement,
  updateStatement,
  writeAtCommit,
} from './statements.js';
import { Transactions } from './transactions.js';

/** Statements written from TypeORM's metadata, and writes held back until commit, on the driver this run uses. */
describe('statements and writes at commit on a real database', () => {
  let services: ServiceModule;
  let transactions: Transactions;
  let sequence = 0;

  beforeAll(async () => {
    services = await serviceModule();
    transactions = services.get(Transactions);
  });
  afterAll(() => services.close());

  const send = ({ sql, parameters }: Statement) => services.dataSource.manager.query(sql, [...parameters]);
  const sessions = () => services.dataSource.getRepository(SessionRecord);
  const aSession = (overrides: Partial<SessionRecord> = {}) => ({
    id: `statements-${++sequence}`,
    expiresAt: new Date('2026-12-05T10:11:12.345Z'),
    userId: null,
    data: '{"cart":1}',
    ...overrides,
  });

  it('writes and reads values as TypeORM does: a date to the millisecond, a null, text', async () => {
    const row = aSession();
    await send(insertStatement(services.dataSource.manager, SessionRecord, [row]));

    expect(await sessions().findOneByOrFail({ id: row.id })).toEqual(row);
    expect(await selectRows(services.dataSource.manager, SessionRecord, ['expiresAt', 'userId', 'data'], { id: row.id })).toEqual([
      { expiresAt: row.expiresAt, userId: null, data: row.data },
    ]);
  });

  it('updates and deletes by the given properties, a null condition matching null', async () => {
    const [kept, changed] = [aSession({ userId: 7 }), aSession()];
    await sessions().insert([kept, changed]);
    const later = new Date('2027-01-01T00:00:00.000Z');

    await send(updateStatement(services.dataSource.manager, SessionRecord, { expiresAt: later }, { id: changed.id, userId: null }));
    expect((await sessions().findOneByOrFail({ id: changed.id })).expiresAt).toEqual(later);
    expect((await sessions().findOneByOrFail({ id: kept.id })).expiresAt).toEqual(kept.expiresAt);

    await writeAtCommit(services.dataSource.manager, deleteStatement(services.dataSource.manager, SessionRecord, { id: kept.id }));
    expect(await sessions().findOneBy({ id: kept.id })).toBeNull();
  });

  it('holds writes back until the transaction commits, then sends them all', async () => {
    const [first, second] = [aSession(), aSession()];
    let seenInside: unknown[] = [];

    await transactions.run(async (manager) => {
      await insertAtCommit(manager, SessionRecord, [first]);
      await writeAtCommit(manager, insertStatement(manager, SessionRecord, [second]));
      // Documented: nothing later in the same transaction reads what waits for the commit.
      seenInside = await manager.findBy(SessionRecord, { id: first.id });
    });

    expect(seenInside).toEqual([]);
    expect(await sessions().countBy([{ id: first.id }, { id: second.id }])).toBe(2);
  });

  it('drops held-back writes when the transaction fails, with everything else it wrote', async () => {
    const [written, held] = [aSession(), aSession()];

    await expect(
      transactions.run(async (manager) => {
        await insertRows(manager, SessionRecord, [written]);
        await insertAtCommit(manager, SessionRecord, [held]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');

    expect(await sessions().countBy([{ id: written.id }, { id: held.id }])).toBe(0);
  });

  it('fails the transaction when a held-back write fails at the commit, and keeps none of it', async () => {
    const existing = aSession();
    await sessions().insert(existing);
    const [written, fine] = [aSession(), aSession()];

    await expect(
      transactions.run(async (manager) => {
        await insertRows(manager, SessionRecord, [written]);
        await insertAtCommit(manager, SessionRecord, [fine]);
        await insertAtCommit(manager, SessionRecord, [{ ...existing, data: 'a second row with the same id' }]);
      }),
    ).rejects.toThrow();

    expect(await sessions().countBy([{ id: written.id }, { id: fine.id }])).toBe(0);
    expect((await sessions().findOneByOrFail({ id: existing.id })).data).toBe(existing.data);
  });

  it('writes at once outside a transaction run by Transactions', async () => {
    const row = aSession();
    await insertAtCommit(services.dataSource.manager, SessionRecord, [row]);
    expect(await sessions().countBy({ id: row.id })).toBe(1);
  });

  it('skips a row that breaks a unique key when asked to ignore it', async () => {
    const existing = aSession();
    await sessions().insert(existing);

    await insertAtCommit(services.dataSource.manager, SessionRecord, [{ ...existing, data: 'ignored' }], { orIgnore: true });
    expect((await sessions().findOneByOrFail({ id: existing.id })).data).toBe(existing.data);
  });

  it('reads rows after writes in one go, the read seeing the writes', async () => {
    const row = aSession();
    await sessions().insert(row);

    const read = await transactions.run((manager) =>
      readAfterWrites<{ data: string }>(manager, [updateStatement(manager, SessionRecord, { data: 'updated' }, { id: row.id })], {
        sql: `SELECT ${manager.connection.driver.escape('data')} FROM ${manager.connection.driver.escape('session')} WHERE ${manager.connection.driver.escape('id')} = ?`,
        parameters: [row.id],
      }),
    );

    expect(read).toEqual([{ data: 'updated' }]);
  });

  // Through mysql2's internals: it offers no other way to see the cache, whose slots it allocates at once.
  (onMySql() ? it : it.skip)('keeps no slots for prepared statements it never makes in each pooled connection', async () => {
    const runner = services.dataSource.createQueryRunner();
    try {
      const connection = (await runner.connect()) as { _statements: { max: number } };
      expect(connection._statements.max).toBeLessThanOrEqual(16);
    } finally {
      await runner.release();
    }
  });
});
