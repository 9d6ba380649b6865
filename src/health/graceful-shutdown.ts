import type { Server } from 'node:http';
import { Inject, Injectable, Logger, type INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * Stopping without dropping anyone, on SIGTERM (docker stop, a deploy) or SIGINT (Ctrl-C):
 *
 * 1. readiness answers 503 at once, so a load balancer sends no one new;
 * 2. the server stops accepting connections, closes the idle ones, and answers the requests in
 *    flight, each with `Connection: close`; those still running after SHUTDOWN_GRACE_MS are cut;
 * 3. then the application closes through Nest's lifecycle: the periodic jobs stop first, the outbox
 *    worker among them (JobScheduler.beforeApplicationShutdown: runs in flight finish or are abandoned,
 *    leases are given back), then Redis clients and the database pool close (onApplicationShutdown).
 *
 * Nest's own enableShutdownHooks would run step 3 while requests are still being answered: the
 * destroy hooks come before its server closes, so a checkout in flight could lose its database.
 */
@Injectable()
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private stopping = false;
  private inFlight = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** True from the first shutdown signal on: readiness answers 503. */
  get draining(): boolean {
    return this.stopping;
  }

  /** Counts the requests in flight; while draining, each answer closes its connection after it. */
  readonly track = (_req: Request, res: Response, next: NextFunction): void => {
    this.inFlight += 1;
    res.once('close', () => (this.inFlight -= 1));
    if (this.stopping) res.setHeader('Connection', 'close');
    next();
  };

  /** For main.ts: closes the shop on the first SIGTERM or SIGINT and exits; a second one exits at once. */
  closeOnSignals(app: INestApplication): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (this.stopping) {
          this.logger.warn({ event: 'shutdown_forced', signal });
          process.exit(1);
        }
        this.close(app, signal).then(
          () => process.exit(0),
          (error: Error) => {
            this.logger.error({ event: 'shutdown_failed', signal }, error.stack);
            process.exit(1);
          },
        );
      });
    }
  }

  /** Steps 1 to 3 above; resolves once the database pool is closed. */
  async close(app: INestApplication, signal: string): Promise<void> {
    const started = Date.now();
    this.logger.log({ event: 'shutdown_started', signal, inFlight: this.inFlight });
    const cut = await this.drain(app.getHttpServer() as Server);
    this.logger.log({ event: 'requests_drained', cut, durationMs: Date.now() - started });
    await app.close();
    this.logger.log({ event: 'shutdown_complete', durationMs: Date.now() - started });
  }

  /** Stops taking requests and waits for those in flight, SHUTDOWN_GRACE_MS at most; answers how many were cut. */
  private async drain(server: Server): Promise<number> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A connection whose answer went out before draining began stays open for its next request:
    // close each as soon as it is idle, rather than wait for its keep-alive timeout.
    const sweeper = setInterval(() => server.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.config.shutdownGraceMs)));
    try {
      if (!(await Promise.race([closed.then(() => false), late]))) return 0;
      const cut = this.inFlight;
      server.closeAllConnections();
      await closed;
      return cut;
    } finally {
      clearInterval(sweeper);
      clearTimeout(timer);
    }
  }
}
