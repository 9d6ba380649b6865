import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { OptionValueInvalidError, ProductInvalidError } from '../catalog/catalog.errors.js';
import { ProductOption } from '../catalog/entities/option-value.entity.js';
import { ProductStatus } from '../catalog/entities/product.entity.js';
import { ProductEditor } from '../catalog/product-editor.service.js';
import { OWNER_SORTS, ProductRecords } from '../catalog/product-records.service.js';
import { NotFoundError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { showFormAgain } from '../common/forms.js';
import { pageLinks, pageNumber } from '../common/pagination.js';
import { ProductEditorPages, STATUS_LABELS } from './product-editor.page.js';
import { productInputOf, type ProductForm, readProductForm } from './product-form.js';

const EDITOR = 'admin/product-editor';

/** The owner's products: the list, and the editor with its colour × size grid. Staff may use both. */
@Controller('admin/products')
@AdminAccess(Role.Owner, Role.Staff)
export class ProductsController {
  constructor(
    private readonly records: ProductRecords,
    private readonly editor: ProductEditor,
    private readonly pages: ProductEditorPages,
  ) {}

  @Get()
  @Render('admin/products')
  async list(@Query() raw: Record<string, unknown>) {
    const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 100) : '');
    const search = text(raw.q);
    const status = Object.values(ProductStatus).find((s) => s === raw.status);
    const category = /^\d{1,9}$/.test(text(raw.category)) ? Number(text(raw.category)) : undefined;
    const sort = OWNER_SORTS.find((s) => s === raw.sort) ?? 'newest';
    const [result, categories] = await Promise.all([
      this.records.ownerList({ search: search || undefined, status, categoryId: category, sort, page: pageNumber(raw.page) }),
      this.records.categoryChoices(),
    ]);
    const params = { q: search, status, category: category === undefined ? undefined : String(category), sort: sort === 'newest' ? undefined : sort };
    return {
      title: 'Products',
      layout: 'admin',
      query: { ...params, sort },
      filtered: Boolean(search || status || category !== undefined),
      statuses: Object.values(ProductStatus).map((value) => ({ value, label: STATUS_LABELS[value] })),
      categories: categories.map((c) => ({ id: String(c.id), label: `${'— '.repeat(c.depth)}${c.name}` })),
      sorts: OWNER_SORTS.map((value) => ({ value, label: SORT_LABELS[value] })),
      result: { ...result, items: result.items.map((row) => ({ ...row, statusLabel: STATUS_LABELS[row.status] })) },
      pageLinks: pageLinks('/admin/products', result, params),
    };
  }

  @Get('new')
  @Render(EDITOR)
  newProduct() {
    return this.pages.editor({});
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.submit(undefined, readProductForm(body), req, res);
  }

  @Get(':id')
  @Render(EDITOR)
  edit(@Param('id') id: string) {
    return this.pages.editor({ productId: productIdOf(id) });
  }

  @Post(':id')
  async update(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.submit(productIdOf(id), readProductForm(body), req, res);
  }

  /**
   * One form, four buttons: Save (the default, first in the form), Update grid (draw the ticked colours
   * × sizes, saving nothing), and Add colour / Add size (a new value for the whole store, then the
   * grid again with it ticked). Whatever was typed stays on the page until it is saved.
   */
  private async submit(productId: number | undefined, form: ProductForm, req: Request, res: Response): Promise<void> {
    const again = async (state: { notice?: string; errors?: ProductInvalidError['errors'] } = {}) => this.pages.editor({ productId, form, ...state });
    if (form.intent === 'add-colour' || form.intent === 'add-size') {
      const colour = form.intent === 'add-colour';
      try {
        const swatch = colour && /^#[0-9a-f]{6}$/i.test(form.newColourSwatch) ? form.newColourSwatch : null;
        const added = await this.editor.addOptionValue(
          colour ? ProductOption.Colour : ProductOption.Size,
          colour ? form.newColour : form.newSize,
          swatch,
          actorOf(req),
        );
        const ticked = colour ? form.colours : form.sizes;
        if (!ticked.includes(added.value)) ticked.push(added.value);
        if (colour) form.newColour = '';
        else form.newSize = '';
        const notice = `${added.value} ${added.added ? 'is now one of the store’s' : 'was already one of the store’s'} ${colour ? 'colours' : 'sizes'}, and is ticked here: check its new rows, then save.`;
        return res.status(200).render(EDITOR, await again({ notice }));
      } catch (error) {
        if (!(error instanceof OptionValueInvalidError)) throw error;
        const page = await again();
        return showFormAgain(res, EDITOR, page, { values: page.values, errors: { [colour ? 'newColour' : 'newSize']: error.message } });
      }
    }
    const input = form.intent === 'save' ? productInputOf(form) : null;
    if (!input) {
      const notice = form.intent === 'save' ? 'The grid now has the colours and sizes you ticked: check the new rows, then save.' : undefined;
      return res.status(200).render(EDITOR, await again({ notice }));
    }
    try {
      const product = await this.editor.saveProduct({ ...input, id: productId }, actorOf(req));
      flash(
        req,
        'success',
        productId === undefined ? `${product.name} was created as ${STATUS_LABELS[product.status].toLowerCase()}.` : `${product.name} was saved.`,
      );
      res.redirect(303, `/admin/products/${product.id}`);
    } catch (error) {
      if (!(error instanceof ProductInvalidError)) throw error;
      const page = await again({ errors: error.errors });
      const fieldErrors = Object.fromEntries(error.errors.filter((e) => e.variant === undefined && e.field !== 'variants').map((e) => [e.field, e.message]));
      showFormAgain(res, EDITOR, page, { values: page.values, errors: { form: error.message, ...fieldErrors } });
    }
  }
}

const SORT_LABELS: Record<(typeof OWNER_SORTS)[number], string> = { newest: 'Newest', name: 'Name', price: 'Price (lowest)', stock: 'Stock (fewest)' };

function productIdOf(id: string): number {
  if (!/^\d{1,9}$/.test(id)) throw new NotFoundError('That product');
  return Number(id);
}
