import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../audit/actor.js';
import { AuditTrail, changedFields } from '../../audit/audit-trail.service.js';
import { NotFoundError, ShopError } from '../../common/errors.js';
import type { UploadedFile } from '../../common/multipart-form.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { lockRow } from '../../database/dialect.js';
import { Transactions } from '../../database/transactions.js';
import { CatalogCache } from '../cache/catalog-cache.js';
import type { PictureForm } from '../dto/picture.forms.js';
import { ProductImage } from '../entities/product-image.entity.js';
import { Product, ProductStatus } from '../entities/product.entity.js';
import { Variant } from '../entities/variant.entity.js';
import { type Direction, swappedWithNeighbour } from '../reorder.js';
import { checkPictures } from './picture-checks.js';
import { PictureFolder } from './picture-folder.js';
import { formatThumbnailWidths } from './thumbnail-urls.js';

/** Product pictures are kept at most this big: twice the 960 px the product page shows, for zoom and future layouts. */
const PRODUCT_PICTURE_BOUNDS = { width: 2400, height: 3000 };

/** A colour the product is not sold in: its pictures could never be shown. */
/** The last picture of a published product: the shop shows every published product with one. */
export class LastPictureError extends ShopError {
  constructor() {
    super('A published product needs at least one picture: add another picture first, or make the product a draft.', 409);
  }
}

export class PictureColourError extends ShopError {
  constructor(colour: string) {
    super(`This product has no colour “${colour}”. Please choose one of its colours, or none.`, 422);
  }
}

export class NoPicturesChosenError extends ShopError {
  constructor() {
    super('Please choose one or more pictures to upload.', 422);
  }
}

/** What the pictures page of a product shows. */
export interface ProductPictureList {
  product: Pick<Product, 'id' | 'name' | 'slug'>;
  colours: string[];
  pictures: Pick<ProductImage, 'id' | 'url' | 'alt' | 'colour' | 'position' | 'thumbnailWidths'>[];
}

/**
 * A product's pictures: uploads (checked and re-encoded by picture-checks.ts, all of a batch or none),
 * their alt text, colour and order, and their removal. Every write is audited in its transaction and
 * drops the cached catalog pages once committed; files are removed only once a removal has committed.
 */
@Injectable()
export class ProductPictures {
  private readonly folder: PictureFolder;

  constructor(
    private readonly transactions: Transactions,
    private readonly cache: CatalogCache,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.folder = new PictureFolder(path.join(config.varDir, 'uploads'), 'products');
  }

  async picturesOf(productId: number): Promise<ProductPictureList> {
    const manager = this.transactions.repository(Product).manager;
    const product = await manager.findOne(Product, { select: { id: true, name: true, slug: true }, where: { id: productId } });
    if (!product) throw new NotFoundError('That product');
    const [colours, pictures] = await Promise.all([
      coloursOf(manager, productId),
      manager.find(ProductImage, { where: { productId }, order: { position: 'ASC', id: 'ASC' } }),
    ]);
    return { product, colours, pictures };
  }

  /**
   * Adds pictures to a product, all with the same alt text and colour (each can be changed after).
   * Every file is checked before anything is written: one bad file refuses the whole upload, naming it,
   * as an owner who picked ten files expects all ten or a clear reason. Files are written before the
   * transaction and removed again if it fails.
   */
  async addPictures(productId: number, files: UploadedFile[], details: PictureForm, actor: Actor): Promise<number> {
    if (files.length === 0) throw new NoPicturesChosenError();
    const colour = details.colour || null;
    const known = await this.picturesOf(productId);
    if (colour !== null && !known.colours.includes(colour)) throw new PictureColourError(colour);
    const checked = await checkPictures(files, PRODUCT_PICTURE_BOUNDS);
    const stored = await this.folder.store(checked, { prefix: `p${productId}`, thumbnails: true });
    try {
      await this.transactions.run(async (manager) => {
        await this.locked(manager, productId);
        await this.transactions.afterCommit(manager, this.cache.catalogChanged);
        const last = await manager.maximum(ProductImage, 'position', { productId });
        for (const [i, picture] of stored.entries()) {
          const row = {
            productId,
            url: picture.url,
            alt: details.alt,
            colour,
            position: (last ?? -1) + 1 + i,
            thumbnailWidths: formatThumbnailWidths(picture.thumbnailWidths),
          };
          const inserted = await manager.insert(ProductImage, row);
          const id = Number(inserted.identifiers[0].id);
          await this.audit.record(manager, actor, { action: 'picture.added', subject: { type: 'picture', id }, after: { ...row, sentAs: checked[i].sentAs } });
        }
      });
    } catch (error) {
      await this.folder.remove(stored);
      throw error;
    }
    return stored.length;
  }

  async updatePicture(productId: number, pictureId: number, details: PictureForm, actor: Actor): Promise<void> {
    const colour = details.colour || null;
    await this.transactions.run(async (manager) => {
      await this.locked(manager, productId);
      const picture = await this.pictureOf(manager, productId, pictureId);
      if (colour !== null && !(await coloursOf(manager, productId)).includes(colour)) throw new PictureColourError(colour);
      const change = changedFields({ alt: picture.alt, colour: picture.colour }, { alt: details.alt, colour });
      if (Object.keys(change.after).length === 0) return;
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
      await manager.update(ProductImage, { id: pictureId }, change.after);
      await this.audit.record(manager, actor, { action: 'picture.updated', subject: { type: 'picture', id: pictureId }, ...change });
    });
  }

  /** Swaps a picture with its neighbour; the first picture is the one listings show. */
  async movePicture(productId: number, pictureId: number, direction: Direction, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.locked(manager, productId);
      await this.pictureOf(manager, productId, pictureId);
      const order = (await manager.find(ProductImage, { select: { id: true }, where: { productId }, order: { position: 'ASC', id: 'ASC' } })).map((p) => p.id);
      const moved = swappedWithNeighbour(order, pictureId, direction);
      if (!moved) return;
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
      for (const [position, id] of moved.entries()) await manager.update(ProductImage, { id }, { position });
      await this.audit.record(manager, actor, {
        action: 'pictures.reordered',
        subject: { type: 'product', id: productId },
        before: { order },
        after: { order: moved },
      });
    });
  }

  /** Removes a picture; its files (original and thumbnails) go once the removal has committed, and stay if it does not. */
  async removePicture(productId: number, pictureId: number, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      const product = await this.locked(manager, productId);
      const picture = await this.pictureOf(manager, productId, pictureId);
      // Under the product's lock, so the count cannot change before the delete: a published product keeps a picture.
      if (product.status === ProductStatus.Published && (await manager.countBy(ProductImage, { productId })) === 1) throw new LastPictureError();
      await manager.delete(ProductImage, { id: pictureId });
      await this.audit.record(manager, actor, {
        action: 'picture.removed',
        subject: { type: 'picture', id: pictureId },
        before: { productId, url: picture.url, alt: picture.alt, colour: picture.colour, position: picture.position },
      });
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
      await this.transactions.afterCommit(manager, () => this.folder.remove([picture]));
    });
  }

  /** Picture writes of one product take turns, so two owners reordering at once cannot interleave their positions. */
  private async locked(manager: EntityManager, productId: number): Promise<Product> {
    const product = await lockRow(manager, Product, productId);
    if (!product) throw new NotFoundError('That product');
    return product;
  }

  private async pictureOf(manager: EntityManager, productId: number, pictureId: number): Promise<ProductImage> {
    const picture = await manager.findOneBy(ProductImage, { id: pictureId, productId });
    if (!picture) throw new NotFoundError('That picture');
    return picture;
  }
}

/** The colours a product is sold in, in the order of its variants. */
async function coloursOf(manager: EntityManager, productId: number): Promise<string[]> {
  const variants = await manager.find(Variant, { select: { colour: true }, where: { productId }, order: { position: 'ASC', id: 'ASC' } });
  return [...new Set(variants.map((v) => v.colour).filter((c): c is string => Boolean(c)))];
}
