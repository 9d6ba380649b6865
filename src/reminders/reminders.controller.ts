import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { flash } from '../common/flash.js';
import { parseForm } from '../common/forms.js';
import { StockAlertForm } from './dto/stock-alert.form.js';
import { StockAlerts } from './stock-alerts.service.js';
import { Unsubscribes } from './unsubscribes.service.js';

/** The shopper's side of the reminders: the unsubscribe page behind a reminder's link, and "email me when it is back". */
@Controller()
export class RemindersController {
  constructor(
    private readonly unsubscribes: Unsubscribes,
    private readonly stockAlerts: StockAlerts,
  ) {}

  /** Opening the link changes nothing (mail scanners open links): the page asks for one click. */
  @Get('reminders/unsubscribe/:token')
  @Render('reminders/unsubscribe')
  async unsubscribePage(@Param('token') token: string) {
    return { title: 'Unsubscribe', token, ...(await this.unsubscribes.stateOf(token)) };
  }

  @Post('reminders/unsubscribe/:token')
  async unsubscribe(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const email = await this.unsubscribes.unsubscribe(token);
    flash(req, 'success', `Done: ${email} gets no more reminders about carts left behind.`);
    res.redirect(303, `/reminders/unsubscribe/${encodeURIComponent(token)}`);
  }

  /** The form under a product's sizes; its answer is a message on the product page. */
  @Post('stock-alerts')
  async askForStockAlert(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const back = typeof (body as Record<string, unknown>).product === 'string' ? `/products/${encodeURIComponent((body as { product: string }).product)}` : '/';
    const form = await parseForm(StockAlertForm, body);
    if (!form.ok) {
      flash(req, 'error', Object.values(form.errors).join(' '));
      return res.redirect(303, back);
    }
    const answer = await this.stockAlerts.subscribe(form.value.variant, form.value.email);
    flash(
      req,
      answer.outcome === 'subscribed' ? 'success' : 'info',
      answer.outcome === 'subscribed'
        ? `We will email ${form.value.email} once when ${answer.description} is back in stock, then forget the address.`
        : `${answer.description} is in stock now: you can add it to your cart.`,
    );
    res.redirect(303, `/products/${encodeURIComponent(answer.productSlug)}`);
  }
}
