import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { flash } from '../../common/flash.js';
import { showFormAgain } from '../../common/forms.js';
import { orderViewerOf } from '../order-links.js';
import { ReturnRefusedError } from './return-rules.js';
import { Returns } from './returns.service.js';

const VIEW = 'orders/return';

/**
 * The customer's return and exchange request for one order, for its signed-in owner or whoever holds
 * its signed link (`?token=`, carried by the form): mayActOnOrder is the guard.
 */
@Controller('orders/:number/return')
export class ReturnPagesController {
  constructor(private readonly returns: Returns) {}

  @Get()
  async page(@Param('number') number: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const order = await this.returns.customerOrder(number, orderViewerOf(req));
    res.render(VIEW, { ...(await this.returns.requestPage(order)), values: {}, errors: {} });
  }

  @Post()
  async request(@Param('number') number: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const order = await this.returns.customerOrder(number, orderViewerOf(req));
    try {
      const request = await this.returns.requestFromForm(order, body, req.user?.id ?? null);
      flash(req, 'success', `Thank you: we have your return ${request.number} and will email you once we have looked at it.`);
      res.redirect(303, this.returns.customerPath(order));
    } catch (error) {
      if (!(error instanceof ReturnRefusedError)) throw error;
      showFormAgain(res, VIEW, await this.returns.requestPage(order), { values: body, errors: error.fields }, error.status);
    }
  }
}
