import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AddressBookService } from '../auth/address-book.service.js';
import { sessionCartId } from '../cart/cart-session.js';
import { CartService } from '../cart/cart.service.js';
import { SoldOutError } from '../catalog/catalog.errors.js';
import { flash } from '../common/flash.js';
import { type FieldErrors, parseForm } from '../common/forms.js';
import { CheckoutForm } from './dto/checkout.form.js';
import { PaymentMethod } from './entities/order.entity.js';
import { EmptyCartError } from './orders.errors.js';
import { OrdersService } from './orders.service.js';

declare module 'express-session' {
  interface SessionData {
    /** Orders placed in this session, so a guest can see their confirmation page and nobody else's. */
    placedOrders?: string[];
  }
}

@Controller()
export class CheckoutController {
  constructor(
    private readonly orders: OrdersService,
    private readonly carts: CartService,
    private readonly addressBook: AddressBookService,
  ) {}

  /** A signed-in customer finds their name and email filled in, and their default address when they saved one. */
  @Get('checkout')
  async checkout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const saved = req.user ? await this.addressBook.defaultAddress(req.user.id) : null;
    const values = { fullName: req.user?.name, email: req.user?.email, ...saved, shippingMethod: 'standard', paymentMethod: PaymentMethod.CashOnDelivery };
    await this.showCheckout(req, res, 200, values, {});
  }

  @Post('checkout')
  async placeOrder(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(CheckoutForm, body);
    if (!form.ok) return this.showCheckout(req, res, 422, form.values, form.errors);
    try {
      const order = await this.orders.placeOrder(sessionCartId(req), form.value, req.user?.id ?? null);
      req.session.placedOrders = [order.number, ...(req.session.placedOrders ?? [])].slice(0, 20);
      res.redirect(303, `/orders/${order.number}/confirmation`);
    } catch (error) {
      if (error instanceof EmptyCartError) {
        flash(req, 'info', 'Your cart is empty, so there was nothing to order.');
        return res.redirect(303, '/cart');
      }
      if (error instanceof SoldOutError) return this.showCheckout(req, res, 409, form.value as never, { form: error.message });
      throw error;
    }
  }

  @Get('orders/:number/confirmation')
  @Render('orders/confirmation')
  async confirmation(@Param('number') number: string, @Req() req: Request) {
    const detail = await this.orders.detailFor(number, { userId: req.user?.id, placedInSession: req.session?.placedOrders ?? [] });
    return { title: `Thank you — order ${number}`, ...detail };
  }

  private async showCheckout(req: Request, res: Response, status: number, values: Record<string, unknown>, errors: FieldErrors) {
    const cart = await this.carts.view(sessionCartId(req));
    if (cart.isEmpty && status === 200) return res.redirect(303, '/cart');
    res.status(status).render('orders/checkout', {
      title: 'Checkout',
      cart,
      shippingOptions: this.orders.shippingOptions(cart.subtotalMinor),
      values,
      errors,
    });
  }
}
