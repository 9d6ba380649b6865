import { type EntityManager, type EntityTarget, type FindOptionsWhere, In } from 'typeorm';
import type { Transactions } from '../database/transactions.js';

/** Rows deleted per statement: each batch is short, so a purge never holds the database for long. */
export const PURGE_BATCH = 500;

/** How long delivered mail and untouched guest carts are kept. */
export const KEEP_DAYS = 30;
export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * 24 * 60 * 60_000);

/**
 * Deletes the rows `old` matches (one condition, or several of which any), PURGE_BATCH at a time, until
 * none is left or the shop begins to stop; answers how many went. Each batch picks ids, then deletes
 * those ids only while they still match: a row touched in between (a cart a shopper came back to) stays.
 * `alongside` deletes what belongs to the rows that went (a cart's lines), in the same transaction.
 */
export async function purgeInBatches<T extends { id: number }>(
  transactions: Transactions,
  entity: EntityTarget<T>,
  old: FindOptionsWhere<T> | FindOptionsWhere<T>[],
  stopping?: AbortSignal,
  alongside?: (manager: EntityManager, goneIds: number[]) => Promise<unknown>,
): Promise<number> {
  const conditions = Array.isArray(old) ? old : [old];
  let purged = 0;
  while (!stopping?.aborted) {
    const picked = (
      await transactions.repository(entity).find({ select: { id: true } as never, where: conditions, order: { id: 'ASC' } as never, take: PURGE_BATCH })
    ).map((row) => row.id);
    if (picked.length === 0) break;
    purged += await transactions.run(async (manager) => {
      const { affected } = await manager.delete(
        entity,
        conditions.map((condition) => ({ ...condition, id: In(picked) })),
      );
      if (alongside && affected) {
        const kept = new Set((await manager.find(entity, { select: { id: true } as never, where: { id: In(picked) } as never })).map((row) => row.id));
        await alongside(
          manager,
          picked.filter((id) => !kept.has(id)),
        );
      }
      return affected ?? 0;
    });
    if (picked.length < PURGE_BATCH) break;
  }
  return purged;
}
