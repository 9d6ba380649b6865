import type { Provider } from '@nestjs/common';
import type { Request } from 'express';
import { SignedLinks } from '../common/signed-links.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SESSION_SECRET } from '../sessions/session-secret.js';
import type { Order } from './entities/order.entity.js';

/**
 * Signed links to one order for a customer without an account (the order's emails, the tracking page):
 * the token proves the link came from the shop. It is an HMAC of the order's number under a key of its
 * own, so it opens that order's pages (tracking, receipt, invoice, return request) and nothing else.
 */
export class OrderLinks {
  private readonly links: SignedLinks;

  constructor(
    sessionSecret: string,
    private readonly publicUrl: string,
  ) {
    this.links = new SignedLinks(sessionSecret, 'anarkali order link v1');
  }

  token(orderNumber: string): string {
    return this.links.signatureOf(orderNumber);
  }

  verifies(orderNumber: string, token: unknown): boolean {
    return typeof token === 'string' && token.length > 0 && this.links.holds(orderNumber, token);
  }

  /** The order's tracking page, opened without asking for its email: the link in every email about the order. */
  trackingUrl(orderNumber: string): string {
    return `${this.publicUrl}/orders/track/${encodeURIComponent(orderNumber)}?t=${this.token(orderNumber)}`;
  }
}

export const orderLinksProvider: Provider = {
  provide: OrderLinks,
  inject: [SESSION_SECRET, APP_CONFIG],
  useFactory: (secret: string, config: AppConfig) => new OrderLinks(secret, config.publicUrl),
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
