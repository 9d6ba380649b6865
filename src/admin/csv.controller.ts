import { Controller, Get, Param, ParseIntPipe, Post, Query, Render, Req, Res, UploadedFiles, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { PRODUCT_CSV_COLUMNS } from '../catalog/csv/product-csv.columns.js';
import { ProductCsvExport } from '../catalog/csv/product-csv-export.service.js';
import { ProductCsvImports } from '../catalog/csv/product-csv-import.service.js';
import { CsvImportStatus } from '../catalog/entities/csv-import.entity.js';
import { sendCsv } from '../common/csv-response.js';
import { ShopError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { showFormAgain } from '../common/forms.js';
import { MultipartForm, type UploadedFile } from '../common/multipart-form.js';
import { ORDER_CSV_COLUMNS } from '../orders/order-csv.js';
import { OrderCsvExport } from '../orders/order-csv-export.service.js';
import { UploadRefusedFilter } from './upload-refused.filter.js';

const PAGE = { title: 'Import and export', layout: 'admin' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** One file at a time; ten thousand variant rows make about 2 MB. */
const CSV_UPLOADS = { fileBytes: 10 * 1024 * 1024, files: 1 };

/** Products and orders as spreadsheets: downloads streamed a batch at a time. */
@Controller('admin/csv')
@AdminAccess(Role.Owner, Role.Staff)
export class CsvController {
  constructor(
    private readonly products: ProductCsvExport,
    private readonly orders: OrderCsvExport,
    private readonly imports: ProductCsvImports,
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

  /** The dry run: the file is checked row by row and nothing changes; its page says what applying it would do. */
  @Post('products')
  @MultipartForm('file', CSV_UPLOADS)
  @UseFilters(new UploadRefusedFilter(CSV_UPLOADS, 'CSV file'))
  async checkImport(@UploadedFiles() files: UploadedFile[] | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const file = files?.[0];
    if (!file || file.size === 0) return showFormAgain(res, 'admin/csv', PAGE, { errors: { file: 'Choose the CSV file to import.' } });
    const id = await this.imports.check(file.originalname, file.buffer.toString('utf8'), actorOf(req));
    res.redirect(303, `/admin/csv/imports/${id}`);
  }

  @Get('imports/:id')
  @Render('admin/csv-import')
  async importPage(@Param('id', ParseIntPipe) id: number) {
    const report = await this.imports.report(id);
    const applying = report.status === CsvImportStatus.Applying && !report.stalled;
    return {
      title: `Import of ${report.fileName}`,
      layout: 'admin',
      report,
      ready: report.status === CsvImportStatus.Ready,
      applying,
      applied: report.status === CsvImportStatus.Applied,
      failed: report.status === CsvImportStatus.Failed,
      refused: report.status === CsvImportStatus.Refused,
      // While it is applied in the background the page reloads itself, without any script.
      refreshSeconds: applying ? 2 : undefined,
    };
  }

  @Post('imports/:id/apply')
  async applyImport(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      await this.imports.apply(id, actorOf(req));
    } catch (error) {
      if (!(error instanceof ShopError) || error.status === 404) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/admin/csv/imports/${id}`);
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
