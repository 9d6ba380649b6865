import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MetricsTokenRequiredError } from './health.errors.js';

/**
 * /metrics tells how busy the shop is and how much it sells: it answers a scraper on this machine,
 * connected over loopback with no proxy in between (a request a proxy forwarded, even a local one,
 * may come from anywhere), or one that sends METRICS_TOKEN as a bearer token.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (this.hasToken(req) || fromThisMachine(req)) return true;
    context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new MetricsTokenRequiredError();
  }

  private hasToken(req: Request): boolean {
    const expected = this.config.metricsToken;
    const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    // Compared as digests, in constant time: the answer tells nothing of how much of a guess was right.
    return expected !== undefined && given !== undefined && timingSafeEqual(digest(given), digest(expected));
  }
}

function fromThisMachine(req: Request): boolean {
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer === '::1' || /^(::ffff:)?127\./.test(peer);
  return loopback && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();
