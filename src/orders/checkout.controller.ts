import { Body, Controller, Get, Logger, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AddressBookService } from '../auth/address-book.service.js';
import { storeSession } from '../sessions/session-redirect.js';
import { sessionCartId } from '../cart/cart-session.js';
import { CartService } from '../cart/cart.service.js';
import { ProductUnavailableError, SoldOutError } from '../catalog/catalog.errors.js';
import { flash } from '../common/flash.js';
import { type FailedForm, parseForm, showFormAgain } from '../common/forms.js';
import { ShopMetrics } from '../common/metrics.js';
import { CheckoutForm } from './dto/checkout.form.js';
import { PaymentMethod } from './entities/order.entity.js';
import { EmptyCartError } from './orders.errors.js';
import { OrdersService } from './orders.service.js';
import { addressOf, PaymentsService } from './payments/payments.service.js';

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
    private readonly metrics: ShopMetrics,
    private readonly payments: PaymentsService,
  ) {}

  private readonly logger = new Logger('Checkout');

  /** A signed-in customer finds their name and email filled in, and their default address when they saved one. */
  @Get('checkout')
  async checkout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const saved = req.user ? await this.addressBook.defaultAddress(req.user.id) : null;
    const values = { fullName: req.user?.name, email: req.user?.email, ...saved, shippingMethod: 'standard', paymentMethod: PaymentMethod.CashOnDelivery };
    await this.showCheckout(req, res, 200, { values, errors: {} });
  }

  @Post('checkout')
  async placeOrder(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(CheckoutForm, body);
    if (!form.ok) {
      this.metrics.checkoutRefused('invalid_form');
      return this.showCheckout(req, res, 422, form);
    }
    if (!(await this.payments.offeredMethods()).includes(form.value.paymentMethod)) {
      this.metrics.checkoutRefused('invalid_form');
      return this.showCheckout(req, res, 422, { values: { ...form.value }, errors: { paymentMethod: 'Please choose one of the ways of paying shown' } });
    }
    try {
      const order = await this.orders.placeOrder(sessionCartId(req), form.value, req.user?.id ?? null);
      this.metrics.orderPlaced();
      req.session.placedOrders = [order.number, ...(req.session.placedOrders ?? [])].slice(0, 20);
      try {
        await storeSession(req);
      } catch (error) {
        // The order is placed and its email queued; only the session could not remember it. So the
        // confirmation is shown here, not at an address that would not know this shopper.
        this.logger.warn({ event: 'session_save_failed', order: order.number, error: (error as Error).message });
        const step = await this.payments.begin(order);
        if (step.kind === 'redirect') return res.redirect(303, step.url);
        return res
          .status(200)
          .render('orders/confirmation', await this.confirmationPage(order.number, { userId: req.user?.id, placedInSession: [order.number] }));
      }
      // Paying is its own step, after the order has committed: the provider's page, or the confirmation.
      res.redirect(303, addressOf(await this.payments.begin(order), order.number));
    } catch (error) {
      if (error instanceof EmptyCartError) {
        this.metrics.checkoutRefused('empty_cart');
        flash(req, 'info', 'Your cart is empty, so there was nothing to order.');
        return res.redirect(303, '/cart');
      }
      if (error instanceof SoldOutError || error instanceof ProductUnavailableError) {
        this.metrics.checkoutRefused(error instanceof SoldOutError ? 'sold_out' : 'product_unavailable');
        return this.showCheckout(req, res, 409, { values: { ...form.value }, errors: { form: error.message } });
      }
      throw error;
    }
  }

  @Get('orders/:number/confirmation')
  @Render('orders/confirmation')
  confirmation(@Param('number') number: string, @Req() req: Request) {
    return this.confirmationPage(number, { userId: req.user?.id, placedInSession: req.session?.placedOrders ?? [] });
  }

  private async confirmationPage(number: string, viewer: Parameters<OrdersService['detailFor']>[1]) {
    const detail = await this.orders.detailFor(number, viewer);
    return { title: `Thank you — order ${number}`, ...detail, payment: await this.payments.forShopper(detail.order) };
  }

  private async showCheckout(req: Request, res: Response, status: number, failed: FailedForm) {
    const cart = await this.carts.view(sessionCartId(req));
    if (cart.isEmpty && status === 200) return res.redirect(303, '/cart');
    const paymentOptions = await this.payments.checkoutChoices();
    showFormAgain(
      res,
      'orders/checkout',
      { title: 'Checkout', cart, shippingOptions: this.orders.shippingOptions(cart.subtotalMinor), paymentOptions },
      failed,
      status,
    );
  }
}
