import { Inject, Injectable } from '@nestjs/common';
import { SignedLinks } from '../../common/signed-links.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { SESSION_SECRET } from '../../sessions/session-secret.js';

/** The link in a risky order's email that lets its customer confirm it without signing in: /orders/:number/confirm/:signature. */
@Injectable()
export class CodConfirmationLinks {
  private readonly links: SignedLinks;

  constructor(
    @Inject(SESSION_SECRET) secret: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.links = new SignedLinks(secret, 'anarkali cod confirmation v1');
  }

  urlFor(orderNumber: string): string {
    return `${this.config.publicUrl}${this.pathFor(orderNumber)}`;
  }

  pathFor(orderNumber: string): string {
    return `/orders/${encodeURIComponent(orderNumber)}/confirm/${this.links.signatureOf(orderNumber)}`;
  }

  holds(orderNumber: string, signature: unknown): boolean {
    return this.links.holds(orderNumber, signature);
  }
}
