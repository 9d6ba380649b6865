import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SoldOutError } from '../catalog/catalog.errors.js';
import { claimingUnlocked } from '../database/dialect.js';
import { deleteStatement, readAfterWrites, statementOf, updateStatement, writeAtCommit } from '../database/statements.js';
import { Transactions } from '../database/transactions.js';
import { SignInHooks } from '../sessions/sign-in-hooks.js';
import type { VariantSummary } from '../catalog/catalog.types.js';
import { summaryOf, VariantLookups } from '../catalog/variant-lookups.service.js';
import { CartHoldsStockError } from './cart.errors.js';
import { CartLine } from './entities/cart-line.entity.js';
import { Cart } from './entities/cart.entity.js';

export const MAX_LINE_QUANTITY = 20;

export interface CartLineView extends VariantSummary {
  lineId: number;
  quantity: number;
  lineTotalMinor: number;
  /** More in the cart than on hand: shown as a warning, and checkout will refuse it. */
  shortBy: number;
}

export interface CartView {
  cartId: number | null;
  lines: CartLineView[];
  itemCount: number;
  subtotalMinor: number;
  isEmpty: boolean;
}

/** A cart left untouched, claimed for its one reminder (see the reminders module's CartReminders). */
export interface AbandonedCart {
  cartId: number;
  userId: number | null;
  /** The email a guest gave at checkout; a signed-in shopper's is their account's. */
  email: string | null;
  /** False when another run claimed it between the look and the claim: nothing to send. */
  claimed: boolean;
  lines: CartLineView[];
}

/** What an add to cart did: the line may have taken fewer than asked for (a line holds at most MAX_LINE_QUANTITY). */
export interface AddedToCart {
  cartId: number;
  /** The product and variant, as a shopper reads them ("Ravi Kurta (M / Indigo)"). */
  description: string;
  requested: number;
  added: number;
}

export interface CartItemRequest {
  productSlug: string;
  size?: string;
  colour?: string;
  quantity: number;
}

@Injectable()
export class CartService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly variants: VariantLookups,
    private readonly signInHooks: SignInHooks,
  ) {}

  /** A visitor who signs in keeps what they chose: their cart merges into the account's (cartForSignIn). */
  onModuleInit(): void {
    this.signInHooks.register(async ({ userId, previous }) => ({ cartId: await this.cartForSignIn(userId, previous.cartId) }));
  }

  /**
   * Adds the chosen variant to the cart (making one if needed). A line holds at most MAX_LINE_QUANTITY,
   * so the answer says how many were really added; more than the shelf holds is refused: SoldOutError
   * when the cart held none, CartHoldsStockError (saying what the cart holds) when it did.
   */
  async addItem(cartId: number | undefined, item: CartItemRequest, userId?: number): Promise<AddedToCart> {
    const variant = await this.variants.pickVariant(item.productSlug, item.size, item.colour);
    return this.transactions.run(async (manager) => {
      const id = await this.openCart(manager, cartId, userId);
      const existing = await manager.findOneBy(CartLine, { cartId: id, variantId: variant.id });
      const inCart = existing?.quantity ?? 0;
      const quantity = Math.min(inCart + item.quantity, MAX_LINE_QUANTITY);
      const [summary] = (await this.variants.summarizeWithin(manager, [variant.id])).values();
      const description = `${summary.productName} (${summary.label})`;
      if (quantity > summary.stock) {
        if (inCart === 0) throw new SoldOutError(variant.id, description, summary.stock);
        throw new CartHoldsStockError(description, inCart, summary.stock);
      }
      if (existing && quantity !== inCart) await manager.update(CartLine, { id: existing.id }, { quantity });
      else if (!existing) await manager.insert(CartLine, { cartId: id, variantId: variant.id, quantity });
      return { cartId: id, description, requested: item.quantity, added: quantity - inCart };
    });
  }

  /** The shopper's cart, locked for this transaction before anything in it is read (see lockCarts). */
  private async openCart(manager: EntityManager, cartId: number | undefined, userId: number | undefined): Promise<number> {
    if (cartId && (await this.lockCarts(manager, [cartId])).length) return cartId;
    if (!userId) return Number((await manager.insert(Cart, { userId: null, updatedAt: new Date() })).identifiers[0].id);
    // Makes the account's cart or touches the one it has, in one statement: two first adds of one
    // customer take turns on one row, where a look-then-insert let both insert (a deadlock or, without
    // gap locks, a duplicate key on cart.userId).
    await manager.upsert(Cart, { userId, updatedAt: new Date() }, ['userId']);
    return (await manager.findOneByOrFail(Cart, { userId })).id;
  }

  /**
   * Locks these carts for the rest of the caller's transaction by touching them, and answers the ids
   * of those that exist. Call it before reading anything: a second submit of the same form then waits
   * here and reads what the first one wrote (on MySQL a transaction's reads see the database as of its
   * first read, so the lock must come first). Carts are locked in id order, so two transactions that
   * both lock the same two carts cannot deadlock each other.
   */
  private async lockCarts(manager: EntityManager, cartIds: (number | undefined)[]): Promise<number[]> {
    const ids = [...new Set(cartIds.filter((id): id is number => id !== undefined))].sort((a, b) => a - b);
    const locked: number[] = [];
    for (const id of ids) if ((await manager.update(Cart, { id }, { updatedAt: new Date() })).affected) locked.push(id);
    return locked;
  }

  /** Sets a line's quantity; zero removes it. Scoped to the shopper's own cart. */
  async setQuantity(cartId: number | undefined, lineId: number, quantity: number): Promise<void> {
    if (!cartId) return;
    if (quantity <= 0) await this.dataSource.manager.delete(CartLine, { id: lineId, cartId });
    else await this.dataSource.manager.update(CartLine, { id: lineId, cartId }, { quantity: Math.min(quantity, MAX_LINE_QUANTITY) });
  }

  async removeLine(cartId: number | undefined, lineId: number): Promise<void> {
    if (cartId) await this.dataSource.manager.delete(CartLine, { id: lineId, cartId });
  }

  /** The shopper's cart as the cart page shows it, read outside any transaction. */
  view(cartId: number | undefined): Promise<CartView> {
    return this.viewWithin(this.dataSource.manager, cartId);
  }

  /** The cart with each line's product, price and stock as `manager`'s transaction sees them. */
  private async viewWithin(manager: EntityManager, cartId: number | undefined): Promise<CartView> {
    const lines = cartId ? await manager.find(CartLine, { where: { cartId }, order: { id: 'ASC' } }) : [];
    const variants = await this.variants.summarizeWithin(
      manager,
      lines.map((line) => line.variantId),
    );
    return cartViewOf(
      cartId,
      lines.flatMap((line) => {
        const variant = variants.get(line.variantId);
        return variant ? [{ variant, lineId: line.id, quantity: line.quantity }] : [];
      }),
    );
  }

  async itemCount(cartId: number | undefined): Promise<number> {
    if (!cartId) return 0;
    const row = await this.dataSource
      .createQueryBuilder(CartLine, 'l')
      .select('COALESCE(SUM(l.quantity), 0)', 'count')
      .where('l.cartId = :cartId', { cartId })
      .getRawOne<{ count: number | string }>();
    return Number(row?.count ?? 0);
  }

  /**
   * Takes the cart for checkout inside the caller's transaction, locked first, so a second checkout of
   * the same cart (a double submit) waits, then finds it empty.
   */
  async lockForCheckout(manager: EntityManager, cartId: number, guestEmail: string | null = null): Promise<CartView> {
    // The touch that locks it also readies it for after the order, which commits with this transaction
    // or not at all: its next contents are a new cart to the abandoned-cart reminder, and a guest's email
    // stays with it for that reminder. One statement: each is a round trip every order in flight waits for.
    // The lines are read with their variants in the same round trip as the lock.
    const after = guestEmail === null ? {} : { email: guestEmail.trim().toLowerCase() };
    const lock = updateStatement(manager, Cart, { updatedAt: new Date(), reminderSentAt: null, ...after }, { id: cartId });
    const linesWithVariants = this.variants
      .summaryQuery(manager)
      .innerJoin(CartLine, 'l', 'l.variantId = v.id')
      .addSelect(['l.id AS lineId', 'l.quantity AS quantity'])
      .where('l.cartId = :cartId', { cartId })
      .orderBy('l.id', 'ASC');
    const rows = await readAfterWrites<Record<string, unknown>>(manager, [lock], statementOf(linesWithVariants));
    return cartViewOf(
      cartId,
      rows.map((row) => ({ variant: summaryOf(row), lineId: Number(row.lineId), quantity: Number(row.quantity) })),
    );
  }

  /** Empties the cart, in its order's transaction (lockForCheckout has readied the cart row for what follows). */
  async empty(manager: EntityManager, cartId: number): Promise<void> {
    await writeAtCommit(manager, deleteStatement(manager, CartLine, { cartId }));
  }

  /**
   * Claims, in the caller's transaction, the cart that has waited longest among those last changed
   * within `untouched` that hold something, have someone to remind (an account, or a guest's email) and
   * were not reminded yet: the row is locked skipping those another instance holds (SKIP LOCKED), then
   * marked reminded with a conditional update, so each cart is claimed once however many runs race.
   * Null when there is none.
   */
  async claimAbandoned(manager: EntityManager, untouched: { after: Date; until: Date }, now: Date): Promise<AbandonedCart | null> {
    const cart = await claimingUnlocked(
      manager
        .createQueryBuilder(Cart, 'c')
        .where('c.reminderSentAt IS NULL')
        .andWhere('c.updatedAt > :after AND c.updatedAt <= :until', untouched)
        .andWhere('(c.userId IS NOT NULL OR c.email IS NOT NULL)')
        .andWhere('EXISTS (SELECT 1 FROM cart_line l WHERE l.cartId = c.id)')
        .orderBy('c.updatedAt', 'ASC')
        .limit(1),
    ).getOne();
    if (!cart) return null;
    const claim = await manager
      .createQueryBuilder()
      .update(Cart)
      .set({ reminderSentAt: now })
      .where('id = :id AND reminderSentAt IS NULL', { id: cart.id })
      .execute();
    const claimed = claim.affected === 1;
    return { cartId: cart.id, userId: cart.userId, email: cart.email, claimed, lines: claimed ? (await this.viewWithin(manager, cart.id)).lines : [] };
  }

  /**
   * Keeps the email a guest typed at checkout on their cart, so a cart left behind (even after a refused
   * checkout) can be reminded of. Its own write, outside the order's transaction, for that reason; a
   * no-op when the cart has it already.
   */
  async rememberEmail(cartId: number, email: string): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.dataSource.manager
      .createQueryBuilder()
      .update(Cart)
      .set({ email: address })
      .where('id = :cartId AND userId IS NULL', { cartId })
      .andWhere('(email IS NULL OR email <> :address)', { address })
      .execute();
  }

  /**
   * The cart a shopper has after signing in: the one they were filling as a visitor, merged into the
   * cart kept on their account (quantities added), so nothing they chose is lost on either side. Both
   * carts are locked before they are read: a second submit of the sign-in form waits and finds the
   * visitor's cart merged, and a line added to either cart meanwhile is merged rather than lost.
   */
  async cartForSignIn(userId: number, visitorCartId: number | undefined): Promise<number | undefined> {
    // Looked up before the transaction, to lock both carts in id order: a read inside it would fix
    // what it sees (on MySQL) before the locks are taken.
    const knownAccountCart = await this.dataSource.manager.findOneBy(Cart, { userId });
    return this.transactions.run(async (manager) => {
      await this.lockCarts(manager, [visitorCartId, knownAccountCart?.id]);
      // The account's cart as it is now, also when it was made since the lookup (a first Add to cart in
      // another browser), or when there is none: then no other transaction can make one until this ends.
      await manager.update(Cart, { userId }, { updatedAt: new Date() });
      const accountCart = await manager.findOneBy(Cart, { userId });
      const visitorCart = visitorCartId ? await manager.findOneBy(Cart, { id: visitorCartId }) : null;
      if (!visitorCart || visitorCart.id === accountCart?.id) return accountCart?.id;
      if (!accountCart) {
        await manager.update(Cart, { id: visitorCart.id }, { userId });
        return visitorCart.id;
      }
      const [visitorLines, accountLines] = await Promise.all([
        manager.findBy(CartLine, { cartId: visitorCart.id }),
        manager.findBy(CartLine, { cartId: accountCart.id }),
      ]);
      for (const line of visitorLines) {
        const same = accountLines.find((l) => l.variantId === line.variantId);
        if (same) await manager.update(CartLine, { id: same.id }, { quantity: Math.min(same.quantity + line.quantity, MAX_LINE_QUANTITY) });
        else await manager.insert(CartLine, { cartId: accountCart.id, variantId: line.variantId, quantity: line.quantity });
      }
      await manager.delete(CartLine, { cartId: visitorCart.id });
      await manager.delete(Cart, { id: visitorCart.id });
      return accountCart.id;
    });
  }
}

/** A cart's view from its lines (in the cart's order), each with its variant's summary. */
function cartViewOf(cartId: number | undefined, lines: { variant: VariantSummary; lineId: number; quantity: number }[]): CartView {
  const views = lines.map(({ variant, lineId, quantity }): CartLineView => ({
    ...variant,
    lineId,
    quantity,
    lineTotalMinor: variant.priceMinor * quantity,
    shortBy: Math.max(0, quantity - variant.stock),
  }));
  return {
    cartId: cartId ?? null,
    lines: views,
    itemCount: views.reduce((n, line) => n + line.quantity, 0),
    subtotalMinor: views.reduce((sum, line) => sum + line.lineTotalMinor, 0),
    isEmpty: views.length === 0,
  };
}
