import { OrderStatus } from './entities/order.entity.js';
import { NEXT_STATUSES } from './order-status.js';

describe('the order state machine', () => {
  it('lets a placed cash-on-delivery order be shipped, then delivered', () => {
    expect(NEXT_STATUSES[OrderStatus.Placed]).toContain(OrderStatus.Shipped);
    expect(NEXT_STATUSES[OrderStatus.Shipped]).toEqual([OrderStatus.Delivered]);
  });

  it('never moves a cancelled or refunded order again', () => {
    expect(NEXT_STATUSES[OrderStatus.Cancelled]).toEqual([]);
    expect(NEXT_STATUSES[OrderStatus.Refunded]).toEqual([]);
  });

  it('never goes back to placed', () => {
    for (const next of Object.values(NEXT_STATUSES)) expect(next).not.toContain(OrderStatus.Placed);
  });
});
