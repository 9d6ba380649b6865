import { Injectable } from '@nestjs/common';
import { AddressBookService, type SavedAddress } from '../auth/address-book.service.js';
import { AuthService, type CustomerSummary } from '../auth/auth.service.js';
import type { Page } from '../common/pagination.js';
import { CustomerOrders, type CustomerOrderRow, type CustomerTotals } from '../orders/customer-orders.service.js';

export interface CustomerProfile extends CustomerTotals {
  customer: CustomerSummary;
  addresses: SavedAddress[];
  orders: Page<CustomerOrderRow>;
}

/**
 * One customer as the panel shows them: the account and saved addresses from auth, the order history
 * and its totals from orders. Every read names the customer's id, and an id that is not a customer's
 * is a 404 before anything else is read; five queries however many orders or addresses they have.
 */
@Injectable()
export class CustomerProfiles {
  constructor(
    private readonly auth: AuthService,
    private readonly addressBook: AddressBookService,
    private readonly customerOrders: CustomerOrders,
  ) {}

  async profile(id: number, ordersPage: number): Promise<CustomerProfile> {
    const customer = await this.auth.customer(id);
    const [addresses, orders, totals] = await Promise.all([
      this.addressBook.list(customer.id),
      this.customerOrders.historyPage(customer.id, ordersPage),
      this.customerOrders.totals(customer.id),
    ]);
    return { customer, addresses, orders, ...totals };
  }
}
