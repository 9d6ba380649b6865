import type { QueryRunner } from 'typeorm';
import { phoneKeyOf } from '../../common/phone.js';

/**
 * Fills shop_order.phoneKey (added by AddCodRiskAndReminders) for orders placed before it, so the
 * cash-on-delivery risk count of an upgraded shop already knows their numbers; and lower-cases their
 * emails, which the count compares as stored. Plain SQL both drivers read alike.
 */
export async function backfillOrderRisk(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('UPDATE shop_order SET email = LOWER(email)');
  const orders: { id: number; phone: string }[] = await queryRunner.query('SELECT id, phone FROM shop_order WHERE phoneKey IS NULL');
  for (const order of orders) await queryRunner.query('UPDATE shop_order SET phoneKey = ? WHERE id = ?', [phoneKeyOf(order.phone), order.id]);
}
