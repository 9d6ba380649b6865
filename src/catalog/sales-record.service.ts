import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { CoPurchase } from './entities/co-purchase.entity.js';
import { ProductUnavailableError } from './catalog.errors.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';

/** A line of an order as the catalog counts it. */
export interface SoldLine {
  variantId: number;
  quantity: number;
  /** The variant's product, when the caller has it (a cart line does): saves looking it up. */
  productId?: number;
}

/**
 * What the catalog learns from each order, inside the order's transaction: units sold per product (the
 * "popular" sort) and which products were bought together (the product page's related products).
 * Neither drops a cached page: both may lag by the cache's lifetime (a minute), which no shopper can
 * tell, while dropping every page at every sale would be felt.
 */
@Injectable()
export class SalesRecord {
  /** Counts an order placed; ProductUnavailableError when one of its products has left the shop meanwhile. */
  async orderPlaced(manager: EntityManager, lines: SoldLine[]): Promise<void> {
    await this.count(manager, lines, 1);
  }

  /** Takes a cancelled order back out of the counts. */
  async orderCancelled(manager: EntityManager, lines: SoldLine[]): Promise<void> {
    await this.count(manager, lines, -1);
  }

  private async count(manager: EntityManager, lines: SoldLine[], sign: 1 | -1): Promise<void> {
    if (lines.length === 0) return;
    const known = lines.every((line) => line.productId !== undefined);
    const variants = known
      ? lines.map((line) => ({ id: line.variantId, productId: line.productId as number }))
      : await manager.find(Variant, { select: { id: true, productId: true }, where: { id: In(lines.map((l) => l.variantId)) } });
    const productOf = new Map(variants.map((v) => [v.id, v.productId]));
    const units = new Map<number, number>();
    for (const line of lines) {
      const productId = productOf.get(line.variantId);
      if (productId !== undefined) units.set(productId, (units.get(productId) ?? 0) + sign * line.quantity);
    }
    // Products in id order after every stock row, so two orders never wait on each other's rows in opposite orders.
    const productIds = [...units.keys()].sort((a, b) => a - b);
    for (const productId of productIds) {
      const update = manager
        .createQueryBuilder()
        .update(Product)
        .set({ unitsSold: () => 'unitsSold + :quantity' })
        .where('id = :productId', { productId, quantity: units.get(productId) });
      // A sale counts only a product still in the shop: the update reads the row as last committed and
      // holds it, so an owner archiving it at this moment either goes first (and the order is refused)
      // or waits until the order is in.
      if (sign > 0) update.andWhere('status = :published', { published: ProductStatus.Published });
      if ((await update.execute()).affected === 0 && sign > 0) {
        const product = await manager.findOne(Product, { select: { name: true }, where: { id: productId } });
        throw new ProductUnavailableError(product?.name ?? 'this product');
      }
    }
    await this.countPairs(manager, productIds, sign);
  }

  /** Every ordered pair of the order's products gains (or loses) one order: two statements, however many products. */
  private async countPairs(manager: EntityManager, productIds: number[], sign: 1 | -1): Promise<void> {
    if (productIds.length < 2) return;
    if (sign > 0) {
      const pairs = productIds.flatMap((productId) =>
        productIds.filter((other) => other !== productId).map((otherProductId) => ({ productId, otherProductId, orderCount: 0 })),
      );
      await manager.createQueryBuilder().insert().into(CoPurchase).values(pairs).orIgnore().updateEntity(false).execute();
    }
    const update = manager
      .createQueryBuilder()
      .update(CoPurchase)
      .set({ orderCount: () => `orderCount + ${sign}` })
      .where('productId IN (:...productIds) AND otherProductId IN (:...productIds) AND productId <> otherProductId', { productIds });
    // Orders placed before the counts existed were counted by the migration, so this guards only against a miscount.
    if (sign < 0) update.andWhere('orderCount > 0');
    await update.execute();
  }
}
