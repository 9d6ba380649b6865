import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { SignedLinks } from '../common/signed-links.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SESSION_SECRET } from '../sessions/session-secret.js';
import { EmailUnsubscribe } from './entities/email-unsubscribe.entity.js';

/**
 * Unsubscribing from abandoned-cart reminders without signing in: each reminder carries a link with the
 * address and its signature (/reminders/unsubscribe/<address, base64url>.<signature>), whose page asks
 * for one click (a POST with CSRF: opening a link, as mail scanners do, changes nothing).
 */
@Injectable()
export class Unsubscribes {
  private readonly links: SignedLinks;

  constructor(
    @Inject(SESSION_SECRET) secret: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(EmailUnsubscribe) private readonly unsubscribed: Repository<EmailUnsubscribe>,
  ) {
    this.links = new SignedLinks(secret, 'anarkali reminder unsubscribe v1');
  }

  urlFor(email: string): string {
    const address = email.toLowerCase();
    return `${this.config.publicUrl}/reminders/unsubscribe/${Buffer.from(address).toString('base64url')}.${this.links.signatureOf(address)}`;
  }

  /** The address a link is for, and whether it has unsubscribed already; a link the shop did not sign finds nothing (404). */
  async stateOf(token: string): Promise<{ email: string; unsubscribed: boolean }> {
    const email = this.emailOf(token);
    return { email, unsubscribed: await this.unsubscribed.existsBy({ email }) };
  }

  /** Unsubscribes the link's address; a second click changes nothing. */
  async unsubscribe(token: string): Promise<string> {
    const email = this.emailOf(token);
    await this.unsubscribed.createQueryBuilder().insert().values({ email }).orIgnore().execute();
    return email;
  }

  /** Whether this address asked for no more reminders, read in the caller's transaction. */
  isUnsubscribedWithin(manager: EntityManager, email: string): Promise<boolean> {
    return manager.existsBy(EmailUnsubscribe, { email: email.toLowerCase() });
  }

  private emailOf(token: string): string {
    const [encoded = '', signature] = token.split('.');
    const email = Buffer.from(encoded, 'base64url').toString('utf8');
    if (!email.includes('@') || !this.links.holds(email, signature)) throw new NotFoundError('That link');
    return email;
  }
}
