import { Injectable } from '@nestjs/common';
import { AuthService, type CustomerSummary } from '../auth/auth.service.js';
import type { Page } from '../common/pagination.js';
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
  ) {}

  /** Two queries for the page and one for its order counts, however many customers the page holds. */
  async page(query: { page: number; search?: string }): Promise<Page<CustomerRow>> {
    const customers = await this.auth.customerPage(query);
    const orderCounts = await this.orders.countByCustomer(customers.items.map((customer) => customer.id));
    return { ...customers, items: customers.items.map((customer) => ({ ...customer, orderCount: orderCounts.get(customer.id) ?? 0 })) };
  }
}
