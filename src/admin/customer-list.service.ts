import { Injectable } from '@nestjs/common';
import { AuthService, type CustomerSummary } from '../auth/auth.service.js';
import type { Page } from '../common/pagination.js';
import { phoneSearchDigits } from '../common/phone.js';
import { CustomerOrders } from '../orders/customer-orders.service.js';
import { OrdersService } from '../orders/orders.service.js';

export interface CustomerRow extends CustomerSummary {
  orderCount: number;
}

/** The panel's customer list: accounts from auth, each with its number of orders from orders. */
@Injectable()
export class CustomerListService {
  constructor(
    private readonly auth: AuthService,
    private readonly orders: OrdersService,
    private readonly customerOrders: CustomerOrders,
  ) {}

  /**
   * Two queries for the page and one for its order counts, however many customers the page holds. A
   * search that is a phone number also finds the customers who saved it in their address book (auth
   * looks) or placed an order with it (one more query, asked of orders first).
   */
  async page(query: { page: number; search?: string }): Promise<Page<CustomerRow>> {
    const phoneDigits = query.search ? phoneSearchDigits(query.search) : undefined;
    const byPhone = phoneDigits ? { phoneDigits, alsoAccounts: await this.customerOrders.accountsWithPhone(phoneDigits) } : {};
    const customers = await this.auth.customerPage({ ...query, ...byPhone });
    const orderCounts = await this.orders.countByCustomer(customers.items.map((customer) => customer.id));
    return { ...customers, items: customers.items.map((customer) => ({ ...customer, orderCount: orderCounts.get(customer.id) ?? 0 })) };
  }
}
