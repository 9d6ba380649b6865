import { StoreSetting } from '../../src/settings/store-setting.entity.js';
import { Transactions } from '../../src/database/transactions.js';
import { onMySql, startShop, type TestShop } from '../helpers/test-shop.js';

/**
 * InnoDB ends one of two transactions that wait on each other with a deadlock error. Transactions.run
 * runs the loser again, so a shopper never sees a 500 because a background job touched the same rows.
 */
(onMySql() ? describe : describe.skip)('a transaction ended by a deadlock (MySQL/MariaDB)', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  it('is run again and both transactions commit', async () => {
    const settings = shop.dataSource.getRepository(StoreSetting);
    await settings.insert([
      { key: 'deadlock-a', value: '0' },
      { key: 'deadlock-b', value: '0' },
    ]);
    const transactions = shop.get(Transactions);
    let bothHoldOneRow!: () => void;
    const firstRowsTaken = new Promise<void>((resolve) => (bothHoldOneRow = resolve));
    let holding = 0;
    let attempts = 0;
    // Each takes one row, waits until the other holds the other row, then asks for it: a deadlock.
    const crosswise = (first: string, second: string) =>
      transactions.run(async (manager) => {
        attempts += 1;
        await manager.update(StoreSetting, { key: first }, { value: `${attempts}` });
        if (++holding === 2) bothHoldOneRow();
        await firstRowsTaken;
        await manager.update(StoreSetting, { key: second }, { value: `${attempts}` });
      });

    const outcomes = await Promise.allSettled([crosswise('deadlock-a', 'deadlock-b'), crosswise('deadlock-b', 'deadlock-a')]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(attempts).toBe(3);
  });
});
