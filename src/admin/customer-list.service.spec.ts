import { jest } from '@jest/globals';
import type { AuthService, CustomerSummary } from '../auth/auth.service.js';
import type { CustomerOrders } from '../orders/customer-orders.service.js';
import type { OrdersService } from '../orders/orders.service.js';
import { CustomerListService } from './customer-list.service.js';

const customer = (id: number): CustomerSummary => ({
  id,
  name: `Customer ${id}`,
  email: `c${id}@example.test`,
  emailVerified: id % 2 === 0,
  joinedAt: new Date(0),
});

describe('CustomerListService.page', () => {
  it('asks for the order counts of the whole page in one call, and shows 0 for customers who never ordered', async () => {
    const auth = {
      customerPage: jest.fn<AuthService['customerPage']>().mockResolvedValue({ items: [customer(3), customer(2), customer(1)], page: 1, pages: 1, total: 3 }),
    };
    const orders = { countByCustomer: jest.fn<OrdersService['countByCustomer']>().mockResolvedValue(new Map([[2, 4]])) };
    const customerOrders = { accountsWithPhone: jest.fn<CustomerOrders['accountsWithPhone']>() };
    const sut = new CustomerListService(auth as unknown as AuthService, orders as unknown as OrdersService, customerOrders as unknown as CustomerOrders);

    const result = await sut.page({ page: 1, search: 'c' });

    expect(auth.customerPage).toHaveBeenCalledWith({ page: 1, search: 'c' });
    expect(orders.countByCustomer).toHaveBeenCalledTimes(1);
    expect(orders.countByCustomer).toHaveBeenCalledWith([3, 2, 1]);
    expect(result.items.map((row) => [row.id, row.orderCount])).toEqual([
      [3, 0],
      [2, 4],
      [1, 0],
    ]);
    expect(result).toMatchObject({ page: 1, pages: 1, total: 3 });
    expect(customerOrders.accountsWithPhone).not.toHaveBeenCalled();
  });

  it('searches a phone number in saved addresses and, through the orders, in the orders placed with it', async () => {
    const auth = { customerPage: jest.fn<AuthService['customerPage']>().mockResolvedValue({ items: [customer(7)], page: 1, pages: 1, total: 1 }) };
    const orders = { countByCustomer: jest.fn<OrdersService['countByCustomer']>().mockResolvedValue(new Map()) };
    const customerOrders = { accountsWithPhone: jest.fn<CustomerOrders['accountsWithPhone']>().mockResolvedValue([7, 9]) };
    const sut = new CustomerListService(auth as unknown as AuthService, orders as unknown as OrdersService, customerOrders as unknown as CustomerOrders);

    await sut.page({ page: 1, search: '0300 1234567' });

    expect(customerOrders.accountsWithPhone).toHaveBeenCalledWith('3001234567');
    expect(auth.customerPage).toHaveBeenCalledWith({ page: 1, search: '0300 1234567', phoneDigits: '3001234567', alsoAccounts: [7, 9] });
  });
});
