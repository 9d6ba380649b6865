import { Controller, Get, Render } from '@nestjs/common';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { OrderStatus } from '../orders/entities/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import { STATUS_LABELS } from '../orders/order-status.js';

/** The owner's panel. Every route here is behind the role guard: visitors sign in, customers get 403. */
@Controller('admin')
@AdminAccess(Role.Owner, Role.Staff)
export class AdminController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Render('admin/dashboard')
  async dashboard() {
    const counts = await this.orders.countByStatus();
    const statuses = Object.values(OrderStatus).map((status) => ({ status, label: STATUS_LABELS[status], count: counts[status] ?? 0 }));
    return { title: 'Dashboard', layout: 'admin', statuses, recent: (await this.orders.adminOrders(1)).items.slice(0, 10) };
  }
}
