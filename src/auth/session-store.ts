import { randomBytes } from 'node:crypto';
import { Store, type SessionData } from 'express-session';
import { type EntityManager, LessThan, type Repository } from 'typeorm';
import { SessionRecord } from './entities/session.entity.js';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** How long a new session id may wait for its first save: it is made and first saved in one request. */
const NEW_ID_LIFETIME_MS = 5 * 60_000;
/** New ids never saved (a visitor whose session stays empty) are forgotten past this many, oldest first. */
const NEW_IDS_KEPT = 100_000;

/** express-session's store on our own database, so sessions survive restarts and are shared by instances. */
export class DatabaseSessionStore extends Store {
  private readonly sweeper: NodeJS.Timeout;
  /** Ids made by newSessionId and not yet stored, with when they were made; in order of making. */
  private readonly unsavedIds = new Map<string, number>();

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

  /**
   * Makes a session id the way express-session does by default (24 random bytes), and remembers it as
   * new: the only kind of id set() may insert a row for. Pass it to express-session as `genid`.
   */
  newSessionId(): string {
    const id = randomBytes(24).toString('base64url');
    const now = Date.now();
    for (const [unsaved, madeAt] of this.unsavedIds) {
      if (madeAt > now - NEW_ID_LIFETIME_MS && this.unsavedIds.size < NEW_IDS_KEPT) break;
      this.unsavedIds.delete(unsaved);
    }
    this.unsavedIds.set(id, now);
    return id;
  }

  /**
   * Inserts the row of a new session; any other session is only updated. A request that loaded a
   * session before destroyAllFor ended it (a password change) and saves it afterwards must not bring
   * it back: that device, or a thief's copy of the cookie, would stay signed in.
   */
  override set(id: string, data: SessionData, done?: Callback): void {
    const userId = (data as { passport?: { user?: number } }).passport?.user ?? null;
    const row = { data: JSON.stringify(data), expiresAt: this.expiry(data), userId };
    const saved = this.unsavedIds.has(id)
      ? this.sessions.upsert({ id, ...row }, ['id']).then(() => this.unsavedIds.delete(id))
      : this.sessions.update({ id }, row);
    saved.then(() => done?.()).catch((error: unknown) => done?.(error));
  }

  override touch(id: string, data: SessionData, done?: Callback): void {
    this.sessions
      .update({ id }, { expiresAt: this.expiry(data) })
      .then(() => done?.())
      .catch((error: unknown) => done?.(error));
  }

  override destroy(id: string, done?: Callback): void {
    this.unsavedIds.delete(id);
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
