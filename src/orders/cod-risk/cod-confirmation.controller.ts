import { Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { flash } from '../../common/flash.js';
import { CodConfirmations } from './cod-confirmations.service.js';

/**
 * The page behind a risky order's emailed link. Opening it changes nothing (mail scanners open links);
 * the customer confirms with its button, a form with a CSRF token.
 */
@Controller('orders/:number/confirm/:signature')
export class CodConfirmationController {
  constructor(private readonly confirmations: CodConfirmations) {}

  @Get()
  @Render('orders/cod-confirmation')
  async page(@Param('number') number: string, @Param('signature') signature: string) {
    const { state } = await this.confirmations.stateFor(number, signature);
    return { title: `Confirm order ${number}`, number, signature, awaiting: state === 'awaiting', cancelled: state === 'cancelled' };
  }

  @Post()
  async confirm(@Param('number') number: string, @Param('signature') signature: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const state = await this.confirmations.confirm(number, signature);
    if (state === 'confirmed') flash(req, 'success', `Thank you: order ${number} is confirmed. We will pack it and let you know when it ships.`);
    res.redirect(303, `/orders/${encodeURIComponent(number)}/confirm/${encodeURIComponent(signature)}`);
  }
}
