import { randomBytes } from 'node:crypto';
import { Store, type SessionData } from 'express-session';
import { type EntityManager, LessThan, type Repository } from 'typeorm';
import { SessionRecord } from './entities/session.entity.js';

/** A touch moving a just-stored expiry by less than this writes nothing (sessions idle out after hours, not seconds). */
const TOUCH_SLACK_MS = 60_000;

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** express-session's store on our own database, so sessions survive restarts and are shared by instances. */
export class DatabaseSessionStore extends Store {
  private readonly sweeper: NodeJS.Timeout;
  /**
   * The session ids each request made (a first session, a sign-in's regenerated one): the only rows
   * set() may insert. Kept with the request, so they go when it does and no other traffic can push
   * one out before its first save.
   */
  private readonly madeBy = new WeakMap<object, Set<string>>();
  /**
   * The expiry set() last stored for a session (the request's session object): express-session touches
   * a session at the end of a request that stored it already (a redirect, a checkout), moving its expiry
   * on by the few milliseconds since; that second write is skipped.
   */
  private readonly storedExpiry = new WeakMap<object, number>();

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
   * Makes a session id the way express-session does by default (24 random bytes), remembered as made
   * by this request: pass it to express-session as `genid`.
   */
  newSessionId(req: object): string {
    const id = randomBytes(24).toString('base64url');
    const made = this.madeBy.get(req) ?? new Set<string>();
    made.add(id);
    this.madeBy.set(req, made);
    return id;
  }

  /**
   * Inserts the row of a session the saving request made; any other session is only updated. A request
   * that loaded a session before destroyAllFor ended it (a password change) and saves it afterwards
   * must not bring it back: that device, or a thief's copy of the cookie, would stay signed in.
   * (express-session hands over the session itself, which knows its request.)
   */
  override set(id: string, data: SessionData, done?: Callback): void {
    const session = data as SessionData & { req?: object; passport?: { user?: number } };
    // A session waiting for its second-factor code belongs to the account too: a password change ends it.
    const userId = session.passport?.user ?? session.secondFactor?.userId ?? null;
    const row = { data: JSON.stringify(data), expiresAt: this.expiry(data), userId };
    const isNew = session.req !== undefined && this.madeBy.get(session.req)?.has(id) === true;
    const saved = isNew ? this.sessions.upsert({ id, ...row }, ['id']) : this.sessions.update({ id }, row);
    saved
      .then(() => {
        this.storedExpiry.set(data, row.expiresAt.getTime());
        done?.();
      })
      .catch((error: unknown) => done?.(error));
  }

  override touch(id: string, data: SessionData, done?: Callback): void {
    const stored = this.storedExpiry.get(data);
    if (stored !== undefined && Math.abs(this.expiry(data).getTime() - stored) < TOUCH_SLACK_MS) return done?.();
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
  async destroyAllFor(userId: number, manager: EntityManager): Promise<void> {
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
