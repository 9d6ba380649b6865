import { Transactions } from '../../src/database/transactions.js';
import type { TestShop } from './test-shop.js';

/**
 * Holds the database's every connection until `release()`: MySQL/MariaDB's one pooled connection
 * (DB_POOL_SIZE=1), or SQLite's one connection through a transaction that does not end.
 */
export async function exhaustDatabase(shop: TestShop): Promise<{ release(): Promise<void> }> {
  if (shop.config.database.driver !== 'sqlite') {
    const runner = shop.dataSource.createQueryRunner();
    await runner.connect();
    return { release: () => runner.release() };
  }
  let end!: () => void;
  let started!: () => void;
  const holding = new Promise<void>((resolve) => (started = resolve));
  const transaction = shop.get(Transactions).run(() => {
    started();
    return new Promise<void>((resolve) => (end = resolve));
  });
  await holding;
  return {
    release: async () => {
      end();
      await transaction;
    },
  };
}
