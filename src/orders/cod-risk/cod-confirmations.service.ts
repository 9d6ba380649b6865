import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { systemActor } from '../../audit/actor.js';
import { NotFoundError } from '../../common/errors.js';
import { Order, OrderStatus } from '../entities/order.entity.js';
import { StatusChangeNotAllowedError } from '../orders.errors.js';
import { OrdersService } from '../orders.service.js';
import { CodConfirmationLinks } from './cod-confirmation-links.js';

/** Where a risky order stands for its customer, as the confirmation page says it. */
export type ConfirmationState = 'awaiting' | 'confirmed' | 'cancelled';

/** The customer's side of a risky cash-on-delivery order: the page behind the emailed link, and its one button. */
@Injectable()
export class CodConfirmations {
  constructor(
    private readonly links: CodConfirmationLinks,
    private readonly orders: OrdersService,
    @InjectRepository(Order) private readonly orderRows: Repository<Order>,
  ) {}

  /** The order the link is for and where it stands; a link the shop did not sign finds nothing (404). */
  async stateFor(number: string, signature: string): Promise<{ number: string; state: ConfirmationState }> {
    const order = await this.orderFor(number, signature);
    return { number: order.number, state: stateOf(order.status) };
  }

  /**
   * The customer confirms: the order goes on to placed through the state machine (history written).
   * A second click, or a click after the owner confirmed it, changes nothing and answers where it stands.
   */
  async confirm(number: string, signature: string): Promise<ConfirmationState> {
    const order = await this.orderFor(number, signature);
    if (order.status === OrderStatus.AwaitingConfirmation) {
      try {
        await this.orders.changeStatus(number, OrderStatus.Placed, systemActor('Customer, by the emailed link'), 'Confirmed by the customer');
        return 'confirmed';
      } catch (error) {
        // Another click, the owner or the expiry job moved it first: say where it stands now.
        if (!(error instanceof StatusChangeNotAllowedError)) throw error;
      }
    }
    return stateOf((await this.orderRows.findOneByOrFail({ number })).status);
  }

  private async orderFor(number: string, signature: string): Promise<Order> {
    const order = this.links.holds(number, signature) ? await this.orderRows.findOneBy({ number }) : null;
    if (!order) throw new NotFoundError('That link');
    return order;
  }
}

function stateOf(status: OrderStatus): ConfirmationState {
  if (status === OrderStatus.AwaitingConfirmation) return 'awaiting';
  return status === OrderStatus.Cancelled ? 'cancelled' : 'confirmed';
}
