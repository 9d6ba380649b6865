import { Body, Controller, Get, Param, ParseIntPipe, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CachedCatalog } from '../catalog/cache/cached-catalog.js';
import { ProductMovedError } from '../catalog/catalog.errors.js';
import { ShopError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { sessionCartId } from './cart-session.js';
import { type AddedToCart, CartService, MAX_LINE_QUANTITY } from './cart.service.js';
import { AddToCartForm, CartLineForm } from './dto/cart.forms.js';

@Controller('cart')
export class CartController {
  constructor(
    private readonly carts: CartService,
    private readonly catalog: CachedCatalog,
  ) {}

  @Get()
  @Render('cart/cart')
  async cart(@Req() req: Request) {
    return { title: 'Your cart', cart: await this.carts.view(sessionCartId(req)) };
  }

  @Post('items')
  async add(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(AddToCartForm, body);
    if (!form.ok) return this.showProductAgain(res, body, 422, form.errors);
    let added: AddedToCart;
    try {
      added = await this.carts.addItem(sessionCartId(req), { ...form.value, productSlug: form.value.product }, req.user?.id);
    } catch (error) {
      if (!(error instanceof ShopError) || error.status === 404) throw error;
      return this.showProductAgain(res, body, error.status, { form: error.message });
    }
    req.session.cartId = added.cartId;
    flash(req, added.added === added.requested ? 'success' : 'info', addedMessage(added));
    res.redirect(303, '/cart');
  }

  @Post('lines/:lineId')
  async update(@Param('lineId', ParseIntPipe) lineId: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(CartLineForm, body);
    if (!form.ok) {
      return showFormAgain(res, 'cart/cart', { title: 'Your cart', cart: await this.carts.view(sessionCartId(req)) }, { errors: form.errors });
    }
    await this.carts.setQuantity(sessionCartId(req), lineId, form.value.quantity);
    res.redirect(303, '/cart');
  }

  @Post('lines/:lineId/remove')
  async remove(@Param('lineId', ParseIntPipe) lineId: number, @Req() req: Request, @Res() res: Response) {
    await this.carts.removeLine(sessionCartId(req), lineId);
    flash(req, 'info', 'Removed from your cart.');
    res.redirect(303, '/cart');
  }

  /** The product page again, from the catalog cache: a burst of refused adds costs the database nothing more. */
  private async showProductAgain(res: Response, body: unknown, status: number, errors: Record<string, string>): Promise<void> {
    const values = (body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const choice = { colour: text(values.colour), size: text(values.size) };
    // The form may name the product by a slug it has since left (a page opened before a rename).
    const page = await this.catalog.productPage(text(values.product) ?? '', choice).catch((error: unknown) => {
      if (error instanceof ProductMovedError) return this.catalog.productPage(error.currentSlug, choice);
      throw error;
    });
    showFormAgain(res, 'catalog/product', { title: page.product.name, ...page, scripts: ['/js/product.js'] }, { values, errors }, status);
  }
}

/** What the shopper is told after Add to cart: also when the line could not take all they asked for, or none. */
function addedMessage(added: AddedToCart): string {
  if (added.added === added.requested) return 'Added to your cart.';
  if (added.added === 0) return `Your cart already holds ${MAX_LINE_QUANTITY} of ${added.description}, the most you can buy at a time: nothing was added.`;
  return `Added ${added.added} of ${added.description} to your cart: ${MAX_LINE_QUANTITY} is the most you can buy at a time.`;
}
