import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatMoney } from '../../common/money.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { MailService } from '../../mail/mail.service.js';
import type { Order } from '../entities/order.entity.js';

/**
 * How the shop asks a customer something about their order. By email today; an SMS gateway can take
 * its place (or join it) behind this seam without the order's code changing. Each message is queued in
 * the caller's transaction, so it goes out only if the order commits.
 */
export abstract class CustomerNotifier {
  /** Asks the customer to confirm a cash-on-delivery order that waits for their word, with the link that does it. */
  abstract askToConfirm(manager: EntityManager, order: Order, confirmUrl: string): Promise<void>;
}

/** The customer notifier that writes to the outbox. */
@Injectable()
export class EmailCustomerNotifier extends CustomerNotifier {
  constructor(
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async askToConfirm(manager: EntityManager, order: Order, confirmUrl: string): Promise<void> {
    await this.mail.enqueue(manager, {
      kind: 'cod_confirmation',
      to: order.email,
      variables: {
        customerName: order.fullName,
        orderNumber: order.number,
        total: formatMoney(order.totalMinor, order.currency),
        confirmUrl,
        waitFor: `${this.config.reminders.codConfirmationHours} hours`,
      },
    });
  }
}
