import { OrderStatus } from './entities/order.entity.js';
import { movesByHand, NEXT_STATUSES, RESTOCK_ON_CANCEL, REVENUE_STATUSES, STATUS_LABELS } from './order-status.js';

describe('the order state machine', () => {
  it('lets a placed order be confirmed, shipped, then delivered, whatever way it is paid', () => {
    expect(NEXT_STATUSES[OrderStatus.Placed]).toContain(OrderStatus.Confirmed);
    expect(NEXT_STATUSES[OrderStatus.Confirmed]).toContain(OrderStatus.Shipped);
    expect(NEXT_STATUSES[OrderStatus.Shipped]).toEqual([OrderStatus.Delivered, OrderStatus.Refused]);
  });

  it('has no "paid" status: payment is the payment record’s own', () => {
    expect(Object.values(OrderStatus)).not.toContain('paid');
  });

  it('moves a cancelled order only back to placed (a card payment that arrived after the release), and never a refunded one', () => {
    expect(NEXT_STATUSES[OrderStatus.Cancelled]).toEqual([OrderStatus.Placed]);
    expect(NEXT_STATUSES[OrderStatus.Refunded]).toEqual([]);
  });

  it('goes back to placed only from a risky order confirmed by its customer, or a cancelled one revived by a late payment', () => {
    for (const from of Object.values(OrderStatus))
      if (from !== OrderStatus.AwaitingConfirmation && from !== OrderStatus.Cancelled) expect(NEXT_STATUSES[from]).not.toContain(OrderStatus.Placed);
    expect(NEXT_STATUSES[OrderStatus.AwaitingConfirmation]).toEqual([OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.Cancelled]);
  });
});

/**
 * Every move, allowed or refused, written out once: a change to NEXT_STATUSES must change this table
 * too, so it is always deliberate. Rows are where an order is, columns where it may go.
 */
const { Placed, Confirmed, Shipped, Delivered, Refused, Cancelled, Refunded, AwaitingConfirmation } = OrderStatus;
const COLUMNS = [Placed, Confirmed, Shipped, Delivered, Refused, Cancelled, Refunded, AwaitingConfirmation];
const o = true;
const _ = false;
// prettier-ignore
const MOVES: Record<OrderStatus, boolean[]> = {
  //                      placed confirmed shipped delivered refused cancelled refunded awaiting
  [Placed]:               [_,     o,        o,      _,        _,      o,        o,       _],
  [Confirmed]:            [_,     _,        o,      _,        _,      o,        o,       _],
  [Shipped]:              [_,     _,        _,      o,        o,      _,        _,       _],
  [Delivered]:            [_,     _,        _,      _,        _,      _,        o,       _],
  [Refused]:              [_,     _,        _,      _,        _,      _,        o,       _],
  [Cancelled]:            [o,     _,        _,      _,        _,      _,        _,       _],
  [Refunded]:             [_,     _,        _,      _,        _,      _,        _,       _],
  [AwaitingConfirmation]: [o,     o,        _,      _,        _,      o,        _,       _],
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
  const NOT_RESTOCKED = [Shipped, Delivered, Refused, Cancelled, Refunded];

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
  it('are every next move but refunded, which the payment section makes with its amount', () => {
    for (const status of COLUMNS.filter((s) => s !== Cancelled && s !== AwaitingConfirmation))
      expect(movesByHand(status)).toEqual(NEXT_STATUSES[status].filter((s) => s !== Refunded));
  });

  it('let the owner confirm or cancel an order awaiting confirmation, leaving "placed" to the customer’s link', () => {
    expect(movesByHand(AwaitingConfirmation)).toEqual([Confirmed, Cancelled]);
  });

  it('never revive a cancelled order: only a late payment does', () => {
    expect(movesByHand(Cancelled)).toEqual([]);
  });
});

describe('revenue', () => {
  it('counts orders on their way or delivered, never cancelled, refused or refunded ones', () => {
    expect([...REVENUE_STATUSES].sort()).toEqual([Confirmed, Delivered, Placed, Shipped].sort());
  });
});

describe('status labels', () => {
  it('names every status as the owner and the customer read it', () => {
    expect(STATUS_LABELS).toEqual({
      [Placed]: 'Placed',
      [Confirmed]: 'Confirmed',
      [Shipped]: 'Shipped',
      [Delivered]: 'Delivered',
      [Refused]: 'Refused / returned to sender',
      [Cancelled]: 'Cancelled',
      [Refunded]: 'Refunded',
      [AwaitingConfirmation]: 'Awaiting confirmation',
    });
  });
});
