import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { CartController } from './cart.controller.js';
import { CartService } from './cart.service.js';
import { GuestCartPurge } from './guest-cart.purge.js';
import { CartLine } from './entities/cart-line.entity.js';
import { Cart } from './entities/cart.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Cart, CartLine]), CatalogModule, SessionsModule, JobsModule],
  controllers: [CartController],
  providers: [CartService, GuestCartPurge],
  exports: [CartService],
})
export class CartModule {}
