import { ShopError } from '../common/errors.js';
import type { ProductOption } from './entities/option-value.entity.js';
import type { ProductFieldError } from './product-input.js';

/** Fewer units on hand than asked for: the sale does not happen and nothing is written. */
export class SoldOutError extends ShopError {
  constructor(
    readonly variantId: number,
    readonly description: string,
    readonly available: number,
  ) {
    super(available > 0 ? `Only ${available} of ${description} left — please lower the quantity.` : `Sorry, ${description} just sold out.`, 409);
  }
}

export class VariantUnavailableError extends ShopError {
  constructor() {
    super('Please choose a size and colour that is available.', 422);
  }
}

/**
 * The product asked for by an old slug, or by its slug in other capitals: not a failure, so the
 * product routes answer it with a 301 to the current address (ProductMovedRedirect) rather than an
 * error page.
 */
export class ProductMovedError extends ShopError {
  constructor(readonly currentSlug: string) {
    super('That product has a new address.', 301);
  }
}

/** A slug another product uses, or used: its links and redirects must keep pointing where they point. */
export class ProductSlugTakenError extends ShopError {
  constructor(readonly slug: string) {
    super(`The address “${slug}” belongs to another product. Please choose another.`, 422);
  }
}

export class InvalidProductSlugError extends ShopError {
  constructor(readonly slug: string) {
    super('A product address may use lowercase letters, digits and single hyphens, up to 160 characters.', 422);
  }
}

export class InvalidProductNameError extends ShopError {
  constructor() {
    super('A product name needs 1 to 160 characters.', 422);
  }
}

/** A category form the catalog refused, with the field to fix. */
export class CategoryFormError extends ShopError {
  constructor(
    readonly field: 'name' | 'slug' | 'parentId',
    message: string,
  ) {
    super(message, 422);
  }
}

/** A category that still holds products or subcategories: deleting it would strand them. */
export class CategoryNotEmptyError extends ShopError {
  constructor(name: string, products: number, children: number) {
    const holds = [products && `${products} product${products === 1 ? '' : 's'}`, children && `${children} subcategor${children === 1 ? 'y' : 'ies'}`]
      .filter(Boolean)
      .join(' and ');
    super(`“${name}” cannot be deleted: it still holds ${holds}. Move them to another category (or delete them) first.`, 409);
  }
}

/** A product the owner saved that breaks a rule: nothing was written, and each error names its field or grid cell. */
export class ProductInvalidError extends ShopError {
  constructor(readonly errors: ProductFieldError[]) {
    super(errors.length === 1 ? 'Please correct the marked field.' : `Please correct the ${errors.length} marked fields.`, 422);
  }
}

/** A line whose product has left the shop (a draft again, or archived) since it went into the cart. */
export class ProductUnavailableError extends ShopError {
  constructor(readonly description: string) {
    super(`Sorry, ${description} is no longer available. Please remove it from your cart.`, 409);
  }
}

/** A size or colour the owner tried to add to the store that cannot be one. */
export class OptionValueInvalidError extends ShopError {
  constructor(
    readonly option: ProductOption,
    message: string,
  ) {
    super(message, 422);
  }
}

/** A stock adjustment the panel refuses, with the form field to fix ("delta", "reason", "note"). */
export class StockAdjustmentError extends ShopError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, 422);
  }
}
