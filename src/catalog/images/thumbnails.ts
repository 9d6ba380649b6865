import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThan, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CatalogCache } from '../cache/catalog-cache.js';
import { ProductImage } from '../entities/product-image.entity.js';
import { writeThumbnails } from './thumbnail-files.js';
import { formatThumbnailWidths } from './thumbnail-urls.js';

/**
 * Pictures resized at once. sharp already spreads one picture over libuv's thread pool, which the
 * database driver and password hashing share: two keep a page request from waiting behind a backlog.
 */
const CONCURRENCY = 2;
/** Pictures the start-up pass asks the database for at a time. */
const BATCH = 20;

export interface ThumbnailOutcome {
  generated: number[];
  failed: number[];
}

/**
 * Makes the webp thumbnails of product pictures and records their widths on product_image, which is
 * what makes pages link them. A picture that cannot be read is logged and keeps thumbnailWidths '', so
 * its pages show the original: thumbnails never fail an upload, a seed or the shop's start.
 */
@Injectable()
export class ProductImageThumbnails implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Thumbnails');
  private readonly uploadsDir: string;
  private readonly inFlight = new Map<number, Promise<boolean | null>>();
  private readonly waiting: (() => void)[] = [];
  private readonly background = new Set<Promise<void>>();
  private running = 0;
  private stopping = false;

  constructor(
    @InjectRepository(ProductImage) private readonly images: Repository<ProductImage>,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cache: CatalogCache,
  ) {
    this.uploadsDir = path.resolve(config.varDir, 'uploads');
  }

  /**
   * Shops upgraded from before thumbnails (and pictures whose generation was cut short) get them in the
   * background: readiness does not wait for hundreds of pictures to be resized.
   */
  onApplicationBootstrap(): void {
    this.inBackground('thumbnails_backfilled', () => this.fillMissing());
  }

  /** Lets the pictures being resized finish (at most CONCURRENCY) and starts no more, before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const wake of this.waiting.splice(0)) wake();
    await this.settled();
  }

  /**
   * Generates the thumbnails of these products' pictures without making the caller wait, and logs how
   * many and how long under `event`. Until a picture's are written its pages show the original.
   */
  startForProducts(productIds: number[], event: string): void {
    this.inBackground(event, () => this.generateForProducts(productIds));
  }

  /** Resolves once no thumbnail work is queued or running (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.background.size > 0 || this.inFlight.size > 0) {
      await Promise.allSettled([...this.background, ...this.inFlight.values()]);
    }
  }

  /** (Re)generates the thumbnails of these pictures, e.g. after an upload; never throws for a bad picture. */
  async generateThumbnails(imageIds: number[]): Promise<ThumbnailOutcome> {
    return this.generate(imageIds, false);
  }

  /** (Re)generates the thumbnails of every picture of these products. */
  async generateForProducts(productIds: number[]): Promise<ThumbnailOutcome> {
    if (productIds.length === 0) return { generated: [], failed: [] };
    const rows = await this.images.find({ select: { id: true }, where: { productId: In(productIds) }, order: { id: 'ASC' } });
    return this.generateThumbnails(rows.map((row) => row.id));
  }

  /**
   * Generates thumbnails for every picture that has none yet, oldest first, a batch at a time. Cached
   * pages learn of them once, at the end of the pass: an upgraded shop with a thousand pictures would
   * otherwise empty every instance's catalog cache fifty times in its first minutes.
   */
  async fillMissing(): Promise<ThumbnailOutcome> {
    const outcome: ThumbnailOutcome = { generated: [], failed: [] };
    let after = 0;
    while (!this.stopping) {
      const batch = await this.images.find({ select: { id: true }, where: { thumbnailWidths: '', id: MoreThan(after) }, order: { id: 'ASC' }, take: BATCH });
      if (batch.length === 0) break;
      after = batch[batch.length - 1].id;
      const done = await this.generate(
        batch.map((row) => row.id),
        true,
        false,
      );
      outcome.generated.push(...done.generated);
      outcome.failed.push(...done.failed);
    }
    if (outcome.generated.length + outcome.failed.length > 0) await this.cache.invalidate();
    return outcome;
  }

  private async generate(imageIds: number[], onlyMissing: boolean, invalidate = true): Promise<ThumbnailOutcome> {
    const ids = [...new Set(imageIds)];
    const results = await Promise.all(ids.map((id) => this.once(id, onlyMissing)));
    // Pages link the thumbnails they know of: cached ones learn of these now rather than when they expire.
    if (invalidate && results.some((result) => result !== null)) await this.cache.invalidate();
    return { generated: ids.filter((_, i) => results[i] === true), failed: ids.filter((_, i) => results[i] === false) };
  }

  /**
   * One job per picture at a time: the seeder, an upload and the start-up pass may ask for the same one.
   * A request to regenerate waits for the running job and then runs again, as the file may have changed since it started.
   */
  private once(id: number, onlyMissing: boolean): Promise<boolean | null> {
    const pending = this.inFlight.get(id);
    if (pending) return onlyMissing ? pending : pending.then(() => this.once(id, false));
    const job = this.withSlot(() => this.thumbnailsOf(id, onlyMissing)).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, job);
    return job;
  }

  /** true when generated, false when the picture could not be used, null when skipped (gone, already done, shutting down). */
  private async thumbnailsOf(id: number, onlyMissing: boolean): Promise<boolean | null> {
    if (this.stopping) return null;
    // Read when its turn comes, not when queued: another job may have done it in the meantime.
    const image = await this.images.findOneBy({ id });
    if (!image || (onlyMissing && image.thumbnailWidths !== '')) return null;
    try {
      const widths = await writeThumbnails(this.fileOf(image.url));
      // update(), not save(): on SQLite save() outside a transaction opens one of its own, racing the request's.
      await this.images.update({ id }, { thumbnailWidths: formatThumbnailWidths(widths) });
      return true;
    } catch (error) {
      this.logger.warn({ event: 'thumbnails_failed', imageId: id, url: image.url, error: (error as Error).message });
      if (image.thumbnailWidths !== '') await this.images.update({ id }, { thumbnailWidths: '' });
      return false;
    }
  }

  /** The file behind an /uploads/… URL; anything else (another site, a path climbing out of uploads) is refused. */
  private fileOf(url: string): string {
    if (!url.startsWith('/uploads/')) throw new Error('not an uploaded picture');
    const file = path.resolve(this.uploadsDir, decodeURIComponent(url.slice('/uploads/'.length)));
    if (!file.startsWith(this.uploadsDir + path.sep)) throw new Error('outside the uploads folder');
    return file;
  }

  private inBackground(event: string, work: () => Promise<ThumbnailOutcome>): void {
    const started = Date.now();
    const job: Promise<void> = work()
      .then(
        ({ generated, failed }) => {
          if (generated.length + failed.length > 0) this.logger.log({ event, generated: generated.length, failed: failed.length, ms: Date.now() - started });
        },
        (error: Error) => this.logger.error({ event: `${event}_failed`, error: error.message }),
      )
      .finally(() => this.background.delete(job));
    this.background.add(job);
  }

  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    while (this.running >= CONCURRENCY && !this.stopping) await new Promise<void>((wake) => this.waiting.push(wake));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
