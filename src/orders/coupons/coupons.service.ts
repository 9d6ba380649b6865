import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CategoryEditor } from '../../catalog/category-editor.service.js';
import { formatMoney } from '../../common/money.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { readingLatest } from '../../database/dialect.js';
import { insertAtCommit } from '../../database/statements.js';
import type { Order } from '../entities/order.entity.js';
import { CouponRefusedError } from '../orders.errors.js';
import { CouponCategory } from './coupon-category.entity.js';
import { type CouponRefusal, type CouponTerms } from './coupon-terms.js';
import { CouponUse } from './coupon-use.entity.js';
import { Coupon } from './coupon.entity.js';

/** Who uses a coupon: counted by account, and by the email given (a guest has only that). */
export interface CouponCustomer {
  userId: number | null;
  email: string;
}

/** Codes are kept and compared in capitals, trimmed. */
export const couponCode = (text: string): string => text.trim().toUpperCase();

/**
 * Coupons as checkout uses them: their terms, the uses a customer already holds, taking a use in the
 * order's transaction and giving it back when the order is cancelled.
 */
@Injectable()
export class Coupons {
  private readonly dates: Intl.DateTimeFormat;

  constructor(
    private readonly categories: CategoryEditor,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.dates = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: config.storeTimeZone });
  }

  /** The code's terms as `manager` sees them (its categories widened to their sub-categories); null for a code nobody made. */
  async termsFor(manager: EntityManager, code: string): Promise<CouponTerms | null> {
    const coupon = await manager.findOneBy(Coupon, { code: couponCode(code) });
    if (!coupon) return null;
    const own = await manager.findBy(CouponCategory, { couponId: coupon.id });
    const categoryIds = await this.categories.withSubcategories(
      manager,
      own.map((row) => row.categoryId),
    );
    return { ...coupon, categoryIds };
  }

  /**
   * The orders this customer holds the coupon on: by their account, or by the email given. With
   * `latest`, as last committed rather than as the transaction's snapshot saw them (see take).
   */
  async usesBy(manager: EntityManager, couponId: number, customer: CouponCustomer, latest = false): Promise<number> {
    const query = manager
      .createQueryBuilder(CouponUse, 'u')
      .where('u.couponId = :couponId', { couponId })
      .andWhere(customer.userId === null ? 'u.email = :email' : '(u.email = :email OR u.userId = :userId)', {
        email: customer.email.toLowerCase(),
        userId: customer.userId,
      });
    return (latest ? readingLatest(query) : query).getCount();
  }

  /**
   * Takes one use of the coupon for an order being placed, in its transaction. The count goes up only
   * while it is under the limit (a conditional update: of shoppers racing for the last use exactly one
   * gets it). That update holds the coupon's row until the order commits, so every other order using
   * this coupon waits here; the customer's own uses are then counted as last committed, so a second
   * order of theirs racing this one finds the first's use. recordUse then names the order.
   */
  async claim(manager: EntityManager, terms: Omit<CouponTerms, 'categoryIds'>, customer: CouponCustomer, currency: string): Promise<void> {
    const taken = await manager
      .createQueryBuilder()
      .update(Coupon)
      .set({ usesCount: () => 'usesCount + 1' })
      .where('id = :id', { id: terms.id })
      .andWhere('(maxUses IS NULL OR usesCount < maxUses)')
      .execute();
    if (taken.affected !== 1) throw new CouponRefusedError(this.refusalMessage(terms, 'used_up', currency));
    if (terms.maxUsesPerCustomer !== null && (await this.usesBy(manager, terms.id, customer, true)) >= terms.maxUsesPerCustomer) {
      throw new CouponRefusedError(this.refusalMessage(terms, 'customer_limit', currency));
    }
  }

  async recordUse(manager: EntityManager, terms: Pick<CouponTerms, 'id'>, orderId: number, customer: CouponCustomer): Promise<void> {
    await insertAtCommit(manager, CouponUse, [{ couponId: terms.id, orderId, userId: customer.userId, email: customer.email.toLowerCase() }]);
  }

  /**
   * Takes the coupon's use again for a cancelled order that comes back (paid after it was released), in
   * the caller's transaction, as claim takes one: only while the coupon's limits allow, total and the
   * customer's own. Answers false, taking nothing, when they no longer do (or the coupon is gone); true
   * when the order holds its use again (or used no coupon).
   */
  async retake(manager: EntityManager, order: Pick<Order, 'id' | 'couponCode' | 'userId' | 'email' | 'currency'>): Promise<boolean> {
    if (order.couponCode === null) return true;
    const coupon = await manager.findOneBy(Coupon, { code: order.couponCode });
    if (!coupon) return false;
    const customer = { userId: order.userId, email: order.email };
    try {
      // A savepoint: a use counted and then refused for the customer's limit is given back with it.
      await manager.transaction(async (savepoint) => {
        await this.claim(savepoint, coupon, customer, order.currency);
        await this.recordUse(savepoint, coupon, order.id, customer);
      });
      return true;
    } catch (error) {
      if (error instanceof CouponRefusedError) return false;
      throw error;
    }
  }

  /** Gives back the use a cancelled order held, if it held one. */
  async release(manager: EntityManager, orderId: number): Promise<void> {
    const use = await manager.findOneBy(CouponUse, { orderId });
    if (!use) return;
    const removed = await manager.delete(CouponUse, { id: use.id });
    if (removed.affected === 1) {
      await manager
        .createQueryBuilder()
        .update(Coupon)
        .set({ usesCount: () => 'usesCount - 1' })
        .where('id = :id AND usesCount > 0', { id: use.couponId })
        .execute();
    }
  }

  /** Why the code cannot be used, as the shopper reads it beside the coupon field. */
  refusalMessage(terms: Pick<CouponTerms, 'code' | 'startsAt' | 'endsAt' | 'minSubtotalMinor'>, reason: CouponRefusal, currency: string): string {
    const code = `“${terms.code}”`;
    switch (reason) {
      case 'unknown':
        return `We do not know the code ${code}. Please check it.`;
      case 'not_started':
        return `The code ${code} can be used from ${this.dates.format(terms.startsAt ?? new Date())}.`;
      case 'expired':
        return `The code ${code} expired on ${this.dates.format(terms.endsAt ?? new Date())}.`;
      case 'used_up':
        return `The code ${code} has been used up.`;
      case 'below_minimum':
        return `The code ${code} needs items worth at least ${formatMoney(terms.minSubtotalMinor, currency)} in your cart.`;
      case 'customer_limit':
        return `You have already used the code ${code} as many times as it allows.`;
      case 'nothing_eligible':
        return `The code ${code} is for other categories than the items in your cart.`;
    }
  }
}
