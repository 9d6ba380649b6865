import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The row of `entity` with this id (null when there is none), locked on MySQL/MariaDB until
 * `manager`'s transaction ends, so transactions that lock one row take turns. SQLite needs no lock
 * (Transactions.run runs one transaction at a time): there it is a plain read.
 */
export async function lockRow<T extends ObjectLiteral & { id: number }>(manager: EntityManager, entity: EntityTarget<T>, id: number): Promise<T | null> {
  const query = manager.createQueryBuilder(entity, 'locked').where('locked.id = :id', { id });
  if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
  return query.getOne();
}
