import { Controller, Get, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { PRODUCT_CSV_COLUMNS } from '../catalog/csv/product-csv.columns.js';
import { ProductCsvExport } from '../catalog/csv/product-csv-export.service.js';
import { sendCsv } from '../common/csv-response.js';
import { ShopError } from '../common/errors.js';
import { ORDER_CSV_COLUMNS } from '../orders/order-csv.js';
import { OrderCsvExport } from '../orders/order-csv-export.service.js';

const PAGE = { title: 'Import and export', layout: 'admin' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Products and orders as spreadsheets: downloads streamed a batch at a time. */
@Controller('admin/csv')
@AdminAccess(Role.Owner, Role.Staff)
export class CsvController {
  constructor(
    private readonly products: ProductCsvExport,
    private readonly orders: OrderCsvExport,
  ) {}

  @Get()
  @Render('admin/csv')
  page() {
    return PAGE;
  }

  @Get('products.csv')
  async exportProducts(@Res() res: Response): Promise<void> {
    await sendCsv(res, `products-${today()}.csv`, PRODUCT_CSV_COLUMNS, this.products.rows());
  }

  /** ?from=YYYY-MM-DD&to=YYYY-MM-DD, both days included, both optional. */
  @Get('orders.csv')
  async exportOrders(@Query('from') from: unknown, @Query('to') to: unknown, @Res() res: Response): Promise<void> {
    const range = { from: dayStart(from, 'from'), to: dayAfter(to, 'to') };
    if (range.from && range.to && range.from >= range.to) throw new ShopError('The first day must not come after the last.', 422);
    await sendCsv(res, `orders-${today()}.csv`, ORDER_CSV_COLUMNS, this.orders.rows(range));
  }
}

const today = () => new Date().toISOString().slice(0, 10);

function dayStart(value: unknown, field: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new ShopError(`The ${field} day must be a date (YYYY-MM-DD).`, 422);
  }
  return new Date(`${value}T00:00:00Z`);
}

function dayAfter(value: unknown, field: string): Date | undefined {
  const start = dayStart(value, field);
  return start && new Date(start.getTime() + 24 * 60 * 60_000);
}
