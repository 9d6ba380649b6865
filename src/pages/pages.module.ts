import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { PagesController } from './pages.controller.js';

@Module({ imports: [OrdersModule], controllers: [PagesController] })
export class PagesModule {}
