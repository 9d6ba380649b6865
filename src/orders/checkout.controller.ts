import { Body, Controller, Get, Logger, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { storeSession } from '../sessions/session-redirect.js';
import { sessionCartId } from '../cart/cart-session.js';
import { ProductUnavailableError, SoldOutError } from '../catalog/catalog.errors.js';
import { flash } from '../common/flash.js';
import { type FailedForm, keptValues, parseForm, showFormAgain } from '../common/forms.js';
import { ShopMetrics } from '../common/metrics.js';
import { CheckoutPages } from './checkout-pages.service.js';
import { CheckoutForm } from './dto/checkout.form.js';
import { CheckoutRefusedError, CouponRefusedError, EmptyCartError, PricesChangedError } from './orders.errors.js';
import { OrdersService } from './orders.service.js';
import { PaymentsService } from './payments/payments.service.js';

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
    private readonly checkout: CheckoutPages,
    private readonly metrics: ShopMetrics,
    private readonly payments: PaymentsService,
  ) {}

  private readonly logger = new Logger('Checkout');

  /** A signed-in customer finds their name and email filled in, and their default address when they saved one. */
  @Get('checkout')
  async checkoutPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.showCheckout(req, res, 200, { values: await this.checkout.firstValues(req.user), errors: {} });
  }

  /**
   * "Update totals" (and "Use this address"): the page again with the summary for what the form now
   * says, placing nothing. The page's small script asks this too, to update the summary in place.
   */
  @Post('checkout/totals')
  async updateTotals(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    let values = keptValues(body);
    const addressId = Number(body.savedAddress);
    if (body.intent === 'useAddress' && req.user && addressId > 0) values = await this.checkout.withSavedAddress(values, req.user.id, addressId);
    await this.showCheckout(req, res, 200, { values, errors: {} });
  }

  @Post('checkout')
  async placeOrder(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(CheckoutForm, body);
    if (!form.ok) {
      this.metrics.checkoutRefused('invalid_form');
      return this.showCheckout(req, res, 422, form);
    }
    try {
      const { order, nextStep, note } = await this.checkout.place(sessionCartId(req), form.value, req.user?.id ?? null);
      const placed = req.session.placedOrders ?? [];
      // The same form submitted again answers the order it placed: counted once.
      if (!placed.includes(order.number)) {
        this.metrics.orderPlaced();
        req.session.placedOrders = [order.number, ...placed].slice(0, 20);
      }
      if (note) flash(req, 'info', note);
      try {
        await storeSession(req);
      } catch (error) {
        // The order is placed and its email queued; only the session could not remember it. So the
        // confirmation is shown here, not at an address that would not know this shopper.
        this.logger.warn({ event: 'session_save_failed', order: order.number, error: (error as Error).message });
        // A provider's page needs no session; the shop's own pages would not know this shopper.
        if (!nextStep.startsWith('/')) return res.redirect(303, nextStep);
        return res
          .status(200)
          .render('orders/confirmation', await this.confirmationPage(order.number, { userId: req.user?.id, placedInSession: [order.number] }));
      }
      // Paying is its own step, after the order has committed: the provider's page, or the confirmation.
      res.redirect(303, nextStep);
    } catch (error) {
      if (error instanceof EmptyCartError) {
        this.metrics.checkoutRefused('empty_cart');
        flash(req, 'info', 'Your cart is empty, so there was nothing to order.');
        return res.redirect(303, '/cart');
      }
      if (error instanceof CheckoutRefusedError) {
        this.metrics.checkoutRefused(
          error instanceof CouponRefusedError ? 'coupon_refused' : error instanceof PricesChangedError ? 'prices_changed' : 'invalid_form',
        );
        return this.showCheckout(req, res, error.status, { values: { ...form.value }, errors: error.fields });
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

  /**
   * The checkout page with `failed`'s values and messages; the summary's own problems (a refused coupon,
   * a city no method reaches) join them. A cart emptied meanwhile sends the shopper to it instead.
   */
  private async showCheckout(req: Request, res: Response, status: number, failed: FailedForm): Promise<void> {
    const page = await this.checkout.page(sessionCartId(req), keptValues(failed.values ?? {}), req.user);
    if (!page.summary) {
      if (status !== 200) flash(req, 'info', 'Your cart is empty, so there was nothing to order.');
      return res.redirect(303, '/cart');
    }
    const { values, problems, ...shown } = page;
    showFormAgain(
      res,
      'orders/checkout',
      { title: 'Checkout', scripts: ['/js/checkout.js'], ...shown },
      { values, errors: { ...problems, ...failed.errors } },
      status,
    );
  }
}
