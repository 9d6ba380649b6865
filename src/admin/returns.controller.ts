import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { ShopError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { minorUnitsFrom } from '../common/money.js';
import { pageLinks, pageNumber } from '../common/pagination.js';
import { ReturnStatus } from '../orders/returns/return-request.entity.js';
import { RETURN_STATUS_LABELS, ReturnRefusedError } from '../orders/returns/return-rules.js';
import { Returns } from '../orders/returns/returns.service.js';

const STATUS_CHOICES = Object.values(ReturnStatus).map((value) => ({ value, label: RETURN_STATUS_LABELS[value] }));

/** Returns and exchanges in the panel: the list, a return's page, and the owner's moves on it. */
@Controller('admin/returns')
@AdminAccess(Role.Owner, Role.Staff)
export class AdminReturnsController {
  constructor(private readonly returns: Returns) {}

  @Get()
  @Render('admin/returns')
  async list(@Query('status') status: unknown, @Query('page') page: unknown) {
    const chosen = Object.values(ReturnStatus).find((value) => value === status);
    const result = await this.returns.list(pageNumber(page), chosen);
    return {
      title: 'Returns',
      layout: 'admin',
      result,
      statuses: STATUS_CHOICES,
      values: { status: chosen ?? '' },
      pageLinks: pageLinks('/admin/returns', result, { status: chosen }),
    };
  }

  @Get(':number')
  @Render('admin/return')
  async detail(@Param('number') number: string) {
    return { title: `Return ${number}`, layout: 'admin', ...(await this.returns.adminDetail(number)) };
  }

  @Post(':number/approve')
  approve(@Param('number') number: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.act(req, res, number, () => this.returns.approve(number, actorOf(req)), 'approved: the customer has been emailed');
  }

  @Post(':number/reject')
  reject(@Param('number') number: string, @Body('note') note: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const text = typeof note === 'string' ? note.trim().slice(0, 255) : '';
    return this.act(req, res, number, () => this.returns.reject(number, text, actorOf(req)), 'rejected: any replacement held for it is back on the shelf');
  }

  @Post(':number/receive')
  receive(@Param('number') number: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.act(req, res, number, () => this.returns.receive(number, actorOf(req)), 'received: its items are back in stock');
  }

  @Post(':number/replacement')
  replacement(@Param('number') number: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.act(req, res, number, async () => {
      const linked = await this.returns.shipReplacement(number, actorOf(req));
      return `Replacement order ${linked.number} made for return ${number}: ship it as any other order.`;
    });
  }

  @Post(':number/refund')
  refund(@Param('number') number: string, @Body('amount') amount: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const amountMinor = minorUnitsFrom(typeof amount === 'string' ? amount : '');
    return this.act(
      req,
      res,
      number,
      () => {
        if (amountMinor === undefined) throw new ReturnRefusedError({ amount: 'Enter the amount to refund, such as 1,250.00.' });
        return this.returns.refund(number, amountMinor, actorOf(req));
      },
      'refunded',
    );
  }

  /** Runs one move of the return; what refuses it is told on the return's page. `done`: how the return stands after, unless the move says it. */
  private async act(req: Request, res: Response, number: string, move: () => Promise<string | void>, done = ''): Promise<void> {
    try {
      const said = await move();
      flash(req, 'success', said || `Return ${number} ${done}.`);
    } catch (error) {
      if (!(error instanceof ShopError) || error.status === 404) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/admin/returns/${encodeURIComponent(number)}`);
  }
}
