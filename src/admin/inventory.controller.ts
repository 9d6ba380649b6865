import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { StockAdjustmentError } from '../catalog/catalog.errors.js';
import { StockAdjustmentForm } from '../catalog/dto/stock-adjustment.form.js';
import { InventoryService } from '../catalog/inventory.service.js';
import { flash } from '../common/flash.js';
import { keptValues, parseForm, showFormAgain } from '../common/forms.js';
import { pageNumber } from '../common/pagination.js';
import { InventoryPages } from './inventory-pages.service.js';
import { rowId } from './route-ids.js';

const PRODUCT_STOCK = 'admin/inventory-product';

/** Stock: what runs low, each product's stock with an adjustment form per variant, and each variant's ledger. */
@Controller('admin/inventory')
@AdminAccess(Role.Owner, Role.Staff)
export class InventoryController {
  constructor(
    private readonly pages: InventoryPages,
    private readonly inventory: InventoryService,
  ) {}

  @Get()
  @Render('admin/inventory')
  overview(@Query('page') page: unknown, @Query('q') q: unknown) {
    return this.pages.overview(pageNumber(page), typeof q === 'string' ? q.trim().slice(0, 100) : '');
  }

  @Get('products/:id')
  @Render(PRODUCT_STOCK)
  product(@Param('id') id: string) {
    return this.pages.product(rowId(id, 'That product'));
  }

  /** "Adjust stock" on a product's stock page: back to that page with a message, or the form again with what to fix. */
  @Post('variants/:id/adjustments')
  async adjust(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const variantId = rowId(id, 'That variant');
    const form = await parseForm(StockAdjustmentForm, body);
    if (!form.ok) return showFormAgain(res, PRODUCT_STOCK, await this.pages.productOfVariant(variantId, form), form);
    const { delta, reason, note } = form.value;
    try {
      const { stock, productId } = await this.inventory.adjust({ variantId, delta, reason, note: note?.trim() || null }, actorOf(req));
      flash(req, 'success', `Stock adjusted: ${stock} on hand now.`);
      res.redirect(303, `/admin/inventory/products/${productId}#variant-${variantId}`);
    } catch (error) {
      if (!(error instanceof StockAdjustmentError)) throw error;
      const failed = { values: keptValues(body), errors: { [error.field]: error.message } };
      return showFormAgain(res, PRODUCT_STOCK, await this.pages.productOfVariant(variantId, failed), failed);
    }
  }

  @Get('variants/:id')
  @Render('admin/inventory-ledger')
  ledger(@Param('id') id: string, @Query('page') page: unknown) {
    return this.pages.variantLedger(rowId(id, 'That variant'), pageNumber(page));
  }
}
