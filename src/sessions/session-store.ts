import { randomBytes } from 'node:crypto';
import { Store, type SessionData } from 'express-session';
import { type EntityManager, LessThan, type Repository } from 'typeorm';
import { STORED_UNTIL } from '../common/session-keys.js';
import { selectRows, type Statement, updateStatement } from '../database/statements.js';
import { SessionRecord } from './entities/session.entity.js';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/**
 * A request that changes nothing in its session moves the session's expiry forward only once it would
 * move by this much: most requests of a browsing shopper then write nothing (the idle timeout is met to
 * within a minute), instead of an UPDATE and a commit each.
 */
export const TOUCH_EVERY_MS = 60_000;

/**
 * express-session's store on our own database, so sessions survive restarts and are shared by instances.
 * Expired rows are swept by the scheduler's "session-sweep" job (sessions.module.ts).
 */
export class DatabaseSessionStore extends Store {
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
  }

  // Every request that carries a cookie reads its session, and many write it: plain statements
  // (statements.ts) rather than TypeORM's query building, which cost more CPU than the rest of the read.
  override get(id: string, done: Callback<SessionData | null>): void {
    selectRows(this.sessions.manager, SessionRecord, ['data', 'expiresAt'], { id })
      .then(([row]) => done(undefined, row && row.expiresAt.getTime() > Date.now() ? withStoredExpiry(row.data, row.expiresAt) : null))
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
    const row = { data: JSON.stringify({ ...data, [STORED_UNTIL]: undefined }), expiresAt: this.expiry(data), userId };
    const isNew = session.req !== undefined && this.madeBy.get(session.req)?.has(id) === true;
    const saved = isNew ? this.sessions.upsert({ id, ...row }, ['id']) : this.run(updateStatement(this.sessions.manager, SessionRecord, row, { id }));
    saved
      .then(() => {
        this.storedExpiry.set(data, row.expiresAt.getTime());
        done?.();
      })
      .catch((error: unknown) => done?.(error));
  }

  override touch(id: string, data: SessionData, done?: Callback): void {
    const expiresAt = this.expiry(data);
    // Stored by this very request (a save before a redirect), or loaded with an expiry this close: nothing to move.
    const justStored = this.storedExpiry.get(data);
    const storedUntil = justStored ?? (data as SessionData & { [STORED_UNTIL]?: number })[STORED_UNTIL];
    if (storedUntil !== undefined && Math.abs(expiresAt.getTime() - storedUntil) < TOUCH_EVERY_MS) {
      done?.();
      return;
    }
    this.run(updateStatement(this.sessions.manager, SessionRecord, { expiresAt }, { id }))
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

  private async run({ sql, parameters }: Statement): Promise<void> {
    await this.sessions.manager.query(sql, [...parameters]);
  }

  private expiry(data: SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.idleMs);
  }

  async sweepExpired(): Promise<void> {
    await this.sessions.delete({ expiresAt: LessThan(new Date()) });
  }
}

/** A row's session, carrying the row's expiry for touch() (see STORED_UNTIL). */
function withStoredExpiry(data: string, expiresAt: Date): SessionData {
  return Object.assign(JSON.parse(data) as SessionData, { [STORED_UNTIL]: expiresAt.getTime() });
}
