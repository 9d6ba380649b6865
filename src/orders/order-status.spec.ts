import { OrderStatus, PaymentMethod } from './entities/order.entity.js';
import { movesByHand, NEXT_STATUSES, RESTOCK_ON_CANCEL, STATUS_LABELS } from './order-status.js';

describe('the order state machine', () => {
  it('lets a placed cash-on-delivery order be shipped, then delivered', () => {
    expect(NEXT_STATUSES[OrderStatus.Placed]).toContain(OrderStatus.Shipped);
    expect(NEXT_STATUSES[OrderStatus.Shipped]).toEqual([OrderStatus.Delivered]);
  });

  it('lets a prepaid order be paid as soon as it is placed', () => {
    expect(NEXT_STATUSES[OrderStatus.Placed]).toContain(OrderStatus.Paid);
  });

  it('moves a cancelled order only to paid (a card payment that arrived after the release), and never a refunded one', () => {
    expect(NEXT_STATUSES[OrderStatus.Cancelled]).toEqual([OrderStatus.Paid]);
    expect(NEXT_STATUSES[OrderStatus.Refunded]).toEqual([]);
  });

  it('never goes back to placed; only a risky order awaiting confirmation goes on to it, confirmed by its customer', () => {
    for (const from of Object.values(OrderStatus)) if (from !== OrderStatus.AwaitingConfirmation) expect(NEXT_STATUSES[from]).not.toContain(OrderStatus.Placed);
    expect(NEXT_STATUSES[OrderStatus.AwaitingConfirmation]).toEqual([OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.Cancelled]);
  });
});

/**
 * Every move, allowed or refused, written out once: a change to NEXT_STATUSES must change this table
 * too, so it is always deliberate. Rows are where an order is, columns where it may go.
 */
const { Placed, Confirmed, Paid, Shipped, Delivered, Cancelled, Refunded, AwaitingConfirmation, Refused } = OrderStatus;
const COLUMNS = [Placed, Confirmed, Paid, Shipped, Delivered, Cancelled, Refunded, AwaitingConfirmation, Refused];
const o = true;
const _ = false;
// prettier-ignore
const MOVES: Record<OrderStatus, boolean[]> = {
  //                      placed confirmed paid shipped delivered cancelled refunded awaiting refused
  [Placed]:               [_,     o,        o,   o,      _,        o,        _,       _,       _],
  [Confirmed]:            [_,     _,        o,   o,      _,        o,        _,       _,       _],
  [Paid]:                 [_,     _,        _,   o,      _,        _,        o,       _,       _],
  [Shipped]:              [_,     _,        _,   _,      o,        _,        _,       _,       _],
  [Delivered]:            [_,     _,        _,   _,      _,        _,        o,       _,       _],
  [Cancelled]:            [_,     _,        o,   _,      _,        _,        _,       _,       _],
  [Refunded]:             [_,     _,        _,   _,      _,        _,        _,       _,       _],
  [AwaitingConfirmation]: [o,     o,        _,   _,      _,        o,        _,       _,       _],
  [Refused]:              [_,     _,        _,   _,      _,        _,        _,       _,       _],
};

describe('every move of the order state machine', () => {
  it('has a row and a column in the table for every status there is', () => {
    expect([...COLUMNS].sort()).toEqual(Object.values(OrderStatus).sort());
    expect(Object.keys(MOVES).sort()).toEqual(Object.values(OrderStatus).sort());
    expect(Object.keys(NEXT_STATUSES).sort()).toEqual(Object.values(OrderStatus).sort());
  });

  const moves = COLUMNS.flatMap((from) => COLUMNS.map((to, column) => ({ from, to, allowed: MOVES[from][column] })));
  it.each(moves.map((move) => ({ ...move, verdict: move.allowed ? 'allows' : 'refuses' })))('$verdict $from → $to', ({ from, to, allowed }) => {
    expect(NEXT_STATUSES[from].includes(to)).toBe(allowed);
  });
});

describe('cancelling an order', () => {
  const RESTOCKED = [Placed, Confirmed, AwaitingConfirmation];
  const NOT_RESTOCKED = [Paid, Shipped, Delivered, Cancelled, Refunded, Refused];

  it('is decided for every status there is', () => {
    expect([...RESTOCKED, ...NOT_RESTOCKED].sort()).toEqual(Object.values(OrderStatus).sort());
  });

  it.each(RESTOCKED)('puts the units of a %s order back on the shelf, as they have not left', (status) => {
    expect(RESTOCK_ON_CANCEL.has(status)).toBe(true);
  });

  it.each(NOT_RESTOCKED)('puts nothing back for a %s order', (status) => {
    expect(RESTOCK_ON_CANCEL.has(status)).toBe(false);
  });

  it('puts the units back from every status an order may be cancelled from', () => {
    for (const status of COLUMNS) if (NEXT_STATUSES[status].includes(Cancelled)) expect(RESTOCK_ON_CANCEL.has(status)).toBe(true);
  });
});

describe('the moves the order page offers as buttons', () => {
  const { CashOnDelivery, BankTransfer, Stripe, Safepay } = PaymentMethod;

  it('are every next move of a cash-on-delivery order', () => {
    for (const status of COLUMNS.filter((s) => s !== Cancelled && s !== AwaitingConfirmation))
      expect(movesByHand(status, CashOnDelivery)).toEqual(NEXT_STATUSES[status]);
  });

  it('let the owner confirm or cancel an order awaiting confirmation, leaving "placed" to the customer’s link', () => {
    expect(movesByHand(AwaitingConfirmation, CashOnDelivery)).toEqual([Confirmed, Cancelled]);
  });

  it.each([BankTransfer, Stripe, Safepay])('leave paid and refunded of a %s order to its payment section', (method) => {
    expect(movesByHand(Placed, method)).toEqual([Confirmed, Shipped, Cancelled]);
    expect(movesByHand(Paid, method)).toEqual([Shipped]);
    expect(movesByHand(Delivered, method)).toEqual([]);
  });

  it.each(Object.values(PaymentMethod))('never revive a cancelled %s order: only a late payment does', (method) => {
    expect(movesByHand(Cancelled, method)).toEqual([]);
  });
});

describe('status labels', () => {
  it('names every status as the owner and the customer read it', () => {
    expect(STATUS_LABELS).toEqual({
      [Placed]: 'Placed',
      [Confirmed]: 'Confirmed',
      [Paid]: 'Paid',
      [Shipped]: 'Shipped',
      [Delivered]: 'Delivered',
      [Cancelled]: 'Cancelled',
      [Refunded]: 'Refunded',
      [AwaitingConfirmation]: 'Awaiting confirmation',
      [Refused]: 'Refused',
    });
  });
});
