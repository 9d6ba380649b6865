import { Store, type SessionData } from 'express-session';
import { type EntityManager, LessThan, type Repository } from 'typeorm';
import { SessionRecord } from './entities/session.entity.js';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** express-session's store on our own database, so sessions survive restarts and are shared by instances. */
export class DatabaseSessionStore extends Store {
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly sessions: Repository<SessionRecord>,
    private readonly idleMs: number,
  ) {
    super();
    this.sweeper = setInterval(() => void this.sweepExpired().catch(() => undefined), 15 * 60_000);
    this.sweeper.unref();
  }

  override get(id: string, done: Callback<SessionData | null>): void {
    this.sessions
      .findOneBy({ id })
      .then((row) => done(undefined, row && row.expiresAt.getTime() > Date.now() ? (JSON.parse(row.data) as SessionData) : null))
      .catch(done);
  }

  override set(id: string, data: SessionData, done?: Callback): void {
    const userId = (data as { passport?: { user?: number } }).passport?.user ?? null;
    this.sessions
      .upsert({ id, data: JSON.stringify(data), expiresAt: this.expiry(data), userId }, ['id'])
      .then(() => done?.())
      .catch((error: unknown) => done?.(error));
  }

  override touch(id: string, data: SessionData, done?: Callback): void {
    this.sessions
      .update({ id }, { expiresAt: this.expiry(data) })
      .then(() => done?.())
      .catch((error: unknown) => done?.(error));
  }

  override destroy(id: string, done?: Callback): void {
    this.sessions
      .delete({ id })
      .then(() => done?.())
      .catch((error: unknown) => done?.(error));
  }

  /**
   * Ends every session of an account. Pass the transaction that changed the account (a password, a
   * role), so the change and the sign-out commit together: never a new password with old sessions alive.
   */
  async destroyAllFor(userId: number, manager: EntityManager = this.sessions.manager): Promise<void> {
    await manager.delete(SessionRecord, { userId });
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private expiry(data: SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.idleMs);
  }

  private async sweepExpired(): Promise<void> {
    await this.sessions.delete({ expiresAt: LessThan(new Date()) });
  }
}
