import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { AdminController } from './admin.controller.js';

/** The owner's screens; a client of the other modules' services, owning no tables of its own yet. */
@Module({
  imports: [OrdersModule],
  controllers: [AdminController],
})
export class AdminModule {}
