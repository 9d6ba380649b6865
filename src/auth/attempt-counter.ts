import { randomUUID } from 'node:crypto';
import type { OnApplicationShutdown } from '@nestjs/common';
import { LessThan, MoreThan, Not, Raw, type Repository } from 'typeorm';
import { startsWithPattern } from '../common/like.js';
import { AuthAttempt } from './entities/auth-attempt.entity.js';

/** What is counted: one kind of attempt ("login") by one subject ("email:…", "ip:…") over a sliding window. */
export interface AttemptKey {
  action: string;
  subject: string;
  windowMs: number;
}

export interface CountedAttempt {
  id: string;
  /** Attempts that count against the key within the window, this one included. */
  count: number;
  /** When this attempt was counted, in epoch milliseconds of the counter's clock. */
  at: number;
  /** When the latest other attempt that counts against the key was, or null when there is none in the window. */
  previousAt: number | null;
}

/** Epoch milliseconds; a test passes its own, to move time on without waiting. */
export type Clock = () => number;

/**
 * Where attempts are counted, shared by every instance of the shop: the database by default, Redis
 * when REDIS_URL is set. Attempts are recorded before the work they limit and then settled, so that
 * simultaneous requests cannot all slip under the limit before any of them is counted: of two that
 * arrive together, at least one sees the other in its count and as its previous attempt.
 */
export interface AttemptCounter {
  add(key: AttemptKey): Promise<CountedAttempt>;
  /** The attempt succeeded: it stops counting. */
  succeeded(key: AttemptKey, id: string): Promise<void>;
  /** The attempt was refused before any work was done: as if it had never been made. */
  withdraw(key: AttemptKey, id: string): Promise<void>;
  /** Every attempt so far against the key stops counting (an account whose owner just proved who they are). */
  forgive(key: AttemptKey): Promise<void>;
  /** forgive() for every key of the action whose subject starts with `subjectPrefix`, taken literally. */
  forgiveStartingWith(action: string, subjectPrefix: string): Promise<void>;
}

export const ATTEMPT_COUNTER = Symbol('ATTEMPT_COUNTER');

/** Attempts are kept a day, for anyone looking into an attack; the longest window is an hour. */
const KEEP_MS = 24 * 60 * 60_000;
export const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Counts attempts as rows of auth_attempt; succeeded rows stay (marked) until they are pruned, by the
 * scheduler's "auth-attempt-prune" job (auth.module.ts).
 */
export class DatabaseAttemptCounter implements AttemptCounter {
  constructor(
    private readonly attempts: Repository<AuthAttempt>,
    private readonly now: Clock = Date.now,
  ) {}

  async add(key: AttemptKey): Promise<CountedAttempt> {
    // The time comes from this clock, in milliseconds, for the insert and the window alike.
    const at = this.now();
    const inserted = await this.attempts.insert({ action: key.action, subject: key.subject, succeeded: false, createdAt: new Date(at) });
    const id = Number(inserted.identifiers[0].id);
    // Read after the insert: of two attempts made together, the later reader sees the other's row.
    // The previous attempt is the latest *other* row, whatever its id, so two that see each other
    // both learn that an attempt was just made.
    const counting = { action: key.action, subject: key.subject, succeeded: false, createdAt: MoreThan(new Date(at - key.windowMs)) };
    const count = await this.attempts.countBy(counting);
    const previous = await this.attempts.findOne({ where: { ...counting, id: Not(id) }, order: { createdAt: 'DESC' }, select: { id: true, createdAt: true } });
    return { id: String(id), count, at, previousAt: previous ? previous.createdAt.getTime() : null };
  }

  async succeeded(_key: AttemptKey, id: string): Promise<void> {
    await this.attempts.update({ id: Number(id) }, { succeeded: true });
  }

  async withdraw(_key: AttemptKey, id: string): Promise<void> {
    await this.attempts.delete({ id: Number(id) });
  }

  async forgive(key: AttemptKey): Promise<void> {
    await this.attempts.delete({ action: key.action, subject: key.subject, succeeded: false });
  }

  async forgiveStartingWith(action: string, subjectPrefix: string): Promise<void> {
    const subject = Raw((column) => `${column} LIKE :prefix ESCAPE '!'`, { prefix: startsWithPattern(subjectPrefix) });
    await this.attempts.delete({ action, subject, succeeded: false });
  }

  async prune(): Promise<void> {
    await this.attempts.delete({ createdAt: LessThan(new Date(Date.now() - KEEP_MS)) });
  }
}

/** Imported on connecting, as the catalog's Redis store does (redis-cache-store.ts): only shops with REDIS_URL load it. */
async function newRedisClient(url: string, everConnected: () => boolean) {
  const { createClient } = await import('@redis/client');
  return createClient({
    url,
    // Without an offline queue a command fails at once while Redis is away, instead of holding the sign-in.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      // Unreachable at start: stop with the error, so the shop fails to start instead of waiting forever.
      reconnectStrategy: (retries: number, cause: Error) => (everConnected() ? Math.min(retries * 200, 5_000) : cause),
    },
  });
}

type RedisClient = Awaited<ReturnType<typeof newRedisClient>>;

/** Counts attempts in Redis: one sorted set per key, scored by time, expiring with its window. */
export class RedisAttemptCounter implements AttemptCounter, OnApplicationShutdown {
  private constructor(
    private readonly client: RedisClient,
    private readonly keyPrefix: string,
    private readonly now: Clock,
  ) {}

  static async connect(url: string, keyPrefix: string, now: Clock = Date.now): Promise<RedisAttemptCounter> {
    let connected = false;
    const client = await newRedisClient(url, () => connected);
    client.on('error', () => undefined); // reported through the failing commands; without a listener it would end the process
    await client.connect();
    connected = true;
    return new RedisAttemptCounter(client, keyPrefix, now);
  }

  async add(key: AttemptKey): Promise<CountedAttempt> {
    const at = this.now();
    const id = `${at}:${randomUUID()}`;
    const name = this.keyOf(key);
    // One MULTI: the latest attempt before this one and the count after it are read with nothing in between.
    const [, latest, , count] = await this.client
      .multi()
      .zRemRangeByScore(name, '-inf', at - key.windowMs)
      .zRangeWithScores(name, -1, -1)
      .zAdd(name, { score: at, value: id })
      .zCard(name)
      .pExpire(name, key.windowMs)
      .execTyped();
    return { id, count: Number(count), at, previousAt: latest.length ? Number(latest[0].score) : null };
  }

  async succeeded(key: AttemptKey, id: string): Promise<void> {
    await this.client.zRem(this.keyOf(key), id);
  }

  async withdraw(key: AttemptKey, id: string): Promise<void> {
    await this.client.zRem(this.keyOf(key), id);
  }

  async forgive(key: AttemptKey): Promise<void> {
    await this.client.del(this.keyOf(key));
  }

  async forgiveStartingWith(action: string, subjectPrefix: string): Promise<void> {
    // SCAN walks the keyspace in steps without blocking Redis; a reset password is rare enough to afford it.
    const match = `${globEscaped(this.keyOf({ action, subject: subjectPrefix, windowMs: 0 }))}*`;
    for await (const names of this.client.scanIterator({ MATCH: match, COUNT: 1000 })) {
      if (names.length) await this.client.del(names);
    }
  }

  /** Once the HTTP server has stopped and its last requests are answered: a sign-in in flight still needs Redis. */
  async onApplicationShutdown(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }

  private keyOf(key: AttemptKey): string {
    return `${this.keyPrefix}attempts:${key.action}:${key.subject}`;
  }
}

/** A Redis MATCH pattern for `text` itself: its *, ?, [ ] and backslashes lose their meaning. */
function globEscaped(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
