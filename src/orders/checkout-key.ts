import { randomBytes } from 'node:crypto';

/**
 * The checkout form's idempotency key: made when the page is shown, for the cart it shows, and stored
 * on the order it places (shop_order.checkoutKey, unique). Submitting the same form again (a double
 * click, a retry after a dropped connection, back and resubmit) finds that order instead of placing
 * another; of simultaneous submits the unique index lets exactly one insert.
 *
 * It names its cart ("<cartId>.<random>"), so a key is honoured only for the cart it was made for: a
 * form carried to another session (another cart) is refused as out of date and never shows the order
 * placed with it. Once the order empties the cart, the next checkout page makes a new key: the key
 * expires with the cart's contents.
 */
export function newCheckoutKey(cartId: number): string {
  return `${cartId}.${randomBytes(16).toString('base64url')}`;
}

const KEY = /^(\d{1,12})\.[A-Za-z0-9_-]{22}$/;

export function isCheckoutKey(text: string): boolean {
  return KEY.test(text);
}

/** Whether the key was made for this cart. */
export function checkoutKeyFits(key: string, cartId: number | undefined): boolean {
  const match = KEY.exec(key);
  return match !== null && cartId !== undefined && Number(match[1]) === cartId;
}
