import type { QueryRunner } from 'typeorm';

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

/** common/phone.ts's phoneKeyOf as it was when this migration was written (a migration runs the rules of its day). */
function phoneKeyOf(phone: string): string | null {
  const digits = phone
    .replace(/\D/g, '')
    .replace(/^(?:0092|92(?=3\d{9}$)|0)/, '')
    .slice(0, 20);
  return digits === '' ? null : digits;
}
