import { Global, Injectable, Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { routeTemplateOf } from './logging.js';

/** Why a checkout did not become an order. */
export type CheckoutRefusal = 'invalid_form' | 'empty_cart' | 'sold_out' | 'product_unavailable' | 'coupon_refused' | 'prices_changed';
const CHECKOUT_REFUSALS: CheckoutRefusal[] = ['invalid_form', 'empty_cart', 'sold_out', 'product_unavailable', 'coupon_refused', 'prices_changed'];

/**
 * What /metrics reports, in one registry per shop (tests run several shops in one process): the
 * process's own figures (memory, CPU, event-loop lag, from prom-client), the requests, and the few
 * counts of the shop's business that an owner watches. Modules count through its methods; gauges
 * read on each scrape are added with `gauge()`.
 */
@Injectable()
export class ShopMetrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly ordersPlaced = new Counter({ name: 'shop_orders_placed_total', help: 'Orders placed', registers: [this.registry] });
  private readonly checkoutRefusals = new Counter({
    name: 'shop_checkout_refusals_total',
    help: 'Checkouts refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly catalogCacheReads = new Counter({
    name: 'shop_catalog_cache_reads_total',
    help: 'Reads of the catalog cache, by result: hit, miss, or stale (the answer as it was, given while another request loads it again)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly catalogCacheDrops = new Counter({
    name: 'shop_catalog_cache_drops_total',
    help: 'Changes that dropped cached catalog answers, by scope: the whole catalog (a new generation) or some tags',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Every reason shows from the start, at zero, so a dashboard's rate has a series to draw before the first refusal.
    for (const reason of CHECKOUT_REFUSALS) this.checkoutRefusals.inc({ reason }, 0);
    for (const result of ['hit', 'miss', 'stale']) this.catalogCacheReads.inc({ result }, 0);
    for (const scope of ['catalog', 'tags']) this.catalogCacheDrops.inc({ scope }, 0);
  }

  /** Middleware: each answered request's duration, by method, route template (common/logging.ts) and status. */
  readonly timeRequests = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.requests.observe({ method: req.method, route: routeTemplateOf(req, res.statusCode), status: String(res.statusCode) }, seconds);
    });
    next();
  };

  orderPlaced(): void {
    this.ordersPlaced.inc();
  }

  checkoutRefused(reason: CheckoutRefusal): void {
    this.checkoutRefusals.inc({ reason });
  }

  catalogCacheRead(result: 'hit' | 'miss' | 'stale'): void {
    this.catalogCacheReads.inc({ result });
  }

  /** Every page may be read again after a drop of the whole catalog: many of them under load is worth seeing. */
  catalogCacheDropped(scope: 'catalog' | 'tags'): void {
    this.catalogCacheDrops.inc({ scope });
  }

  /**
   * A gauge whose values are read when /metrics is scraped: `read` returns them by label value (or one
   * number). A read that fails (the database is away) leaves the gauge out of that scrape instead of
   * failing the others.
   */
  gauge(name: string, help: string, read: () => Promise<number | Record<string, number>> | number | Record<string, number>, label = 'kind'): void {
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          const values = await read();
          if (typeof values === 'number') this.set(values);
          else for (const [key, value] of Object.entries(values)) this.set({ [label]: key }, value);
        } catch {
          // Nothing to report this time.
        }
      },
    });
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The shop's one ShopMetrics, for every module to count through. */
@Global()
@Module({ providers: [ShopMetrics], exports: [ShopMetrics] })
export class MetricsModule {}
