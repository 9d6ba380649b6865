import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { In } from 'typeorm';
import { StoreSetting } from '../../src/settings/store-setting.entity.js';
import { Transactions } from '../../src/database/transactions.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

/** Transactions.afterCommit, the hook the catalog cache is invalidated through, against the real database. */
describe('work registered to run after a transaction commits', () => {
  let shop: TestShop;
  let transactions: Transactions;
  let key = 0;
  const aSetting = () => ({ key: `after-commit-${++key}`, value: 'x' });
  const settingExists = (setting: { key: string }) => shop.dataSource.getRepository(StoreSetting).existsBy({ key: setting.key });

  beforeAll(async () => {
    shop = await startShop();
    transactions = shop.get(Transactions);
  });
  afterAll(() => shop.close());
  afterEach(() => jest.restoreAllMocks());

  it('runs once the writes are committed, before run() returns, and once however often it was registered', async () => {
    const setting = aSetting();
    const seen: boolean[] = [];
    const callback = async () => {
      seen.push(await settingExists(setting));
    };
    await transactions.run(async (manager) => {
      await manager.insert(StoreSetting, setting);
      await transactions.afterCommit(manager, callback);
      await transactions.afterCommit(manager, callback);
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([true]);
  });

  it('never runs when the transaction rolls back', async () => {
    const callback = jest.fn<() => void>();
    await expect(
      transactions.run(async (manager) => {
        await manager.insert(StoreSetting, aSetting());
        await transactions.afterCommit(manager, callback);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(callback).not.toHaveBeenCalled();
  });

  it('runs at once for writes made outside a transaction', async () => {
    const callback = jest.fn<() => void>();
    await transactions.afterCommit(shop.dataSource.manager, callback);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('also follows a transaction opened with dataSource.transaction, committed or rolled back', async () => {
    const committed = jest.fn<() => void>();
    const rolledBack = jest.fn<() => void>();
    await shop.dataSource.transaction(async (manager) => {
      await transactions.afterCommit(manager, committed);
      expect(committed).not.toHaveBeenCalled();
    });
    await expect(
      shop.dataSource.transaction(async (manager) => {
        await transactions.afterCommit(manager, rolledBack);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(committed).toHaveBeenCalledTimes(1);
    expect(rolledBack).not.toHaveBeenCalled();
  });

  it('keeps a committed transaction committed when its after-commit work fails', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const setting = aSetting();
    const result = await transactions.run(async (manager) => {
      await manager.insert(StoreSetting, setting);
      await transactions.afterCommit(manager, () => Promise.reject(new Error('cache unreachable')));
      return 'placed';
    });
    expect(result).toBe('placed');
    expect(await settingExists(setting)).toBe(true);
  });

  it('runs work that needs a connection of its own even when every pooled connection is in a transaction', async () => {
    // More simultaneous transactions than the MySQL pool has connections (10): after-commit work that
    // waited for a connection while its transaction still held one would wait for ever.
    const settings = Array.from({ length: 15 }, aSetting);
    await Promise.all(
      settings.map((setting) =>
        transactions.run(async (manager) => {
          await manager.insert(StoreSetting, setting);
          await transactions.afterCommit(manager, async () => {
            expect(await settingExists(setting)).toBe(true);
          });
        }),
      ),
    );
    expect(await shop.dataSource.getRepository(StoreSetting).countBy({ key: In(settings.map((setting) => setting.key)) })).toBe(settings.length);
  });
});
