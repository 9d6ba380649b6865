import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import type { Request } from 'express';
import { signingKey } from '../common/signing-key.js';
import { SESSION_SECRET } from '../sessions/session-secret.js';
import type { Order } from './entities/order.entity.js';

/**
 * Signed links to one order for a customer without an account (from the confirmation email, the
 * tracking page): `?token=` proves the link came from the shop. The token is an HMAC of the order's
 * number under a key of its own, so it opens that order's pages and nothing else.
 */
export class OrderLinks {
  private readonly key: KeyObject;

  constructor(sessionSecret: string) {
    this.key = signingKey(sessionSecret, 'anarkali order link v1');
  }

  token(orderNumber: string): string {
    return createHmac('sha256', this.key).update(orderNumber).digest('base64url');
  }

  verifies(orderNumber: string, token: unknown): boolean {
    if (typeof token !== 'string' || token.length === 0) return false;
    const expected = Buffer.from(this.token(orderNumber));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

export const orderLinksProvider: Provider = {
  provide: OrderLinks,
  inject: [SESSION_SECRET],
  useFactory: (secret: string) => new OrderLinks(secret),
};

/** Who is asking for an order's pages: the signed-in customer, the orders this session placed, a signed link's token. */
export interface OrderViewer {
  userId?: number;
  placedInSession: string[];
  token?: unknown;
}

/** The viewer of a request, with the token of its `?token=` (or a form's `token` field). */
export function orderViewerOf(req: Request): OrderViewer {
  const token: unknown = (req.query as Record<string, unknown>).token ?? (req.body as Record<string, unknown> | undefined)?.token;
  return { userId: req.user?.id, placedInSession: req.session?.placedOrders ?? [], token };
}

/**
 * Whether the viewer may see and act on this order as its customer: it is theirs (signed in), this
 * session placed it, or they hold its signed link. The one guard of the customer's order pages
 * (receipt, invoice, return request).
 */
export function mayActOnOrder(order: Pick<Order, 'number' | 'userId'>, viewer: OrderViewer, links: OrderLinks): boolean {
  if (order.userId !== null && order.userId === viewer.userId) return true;
  return viewer.placedInSession.includes(order.number) || links.verifies(order.number, viewer.token);
}
