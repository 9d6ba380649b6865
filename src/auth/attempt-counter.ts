import { randomUUID } from 'node:crypto';
import type { OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { createClient } from '@redis/client';
import { LessThan, MoreThan, type Repository } from 'typeorm';
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
}

/**
 * Where attempts are counted, shared by every instance of the shop: the database by default, Redis
 * when REDIS_URL is set. Attempts are recorded before the work they limit and then settled, so that
 * simultaneous requests cannot all slip under the limit before any of them is counted.
 */
export interface AttemptCounter {
  add(key: AttemptKey): Promise<CountedAttempt>;
  /** The attempt succeeded: it stops counting. */
  succeeded(key: AttemptKey, id: string): Promise<void>;
  /** The attempt was refused before any work was done: as if it had never been made. */
  withdraw(key: AttemptKey, id: string): Promise<void>;
  /** Every attempt so far against the key stops counting (an account whose owner just proved who they are). */
  forgive(key: AttemptKey): Promise<void>;
}

export const ATTEMPT_COUNTER = Symbol('ATTEMPT_COUNTER');

/** Attempts are kept a day, for anyone looking into an attack; the longest window is an hour. */
const KEEP_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** Counts attempts as rows of auth_attempt; succeeded rows stay (marked) until they are pruned. */
export class DatabaseAttemptCounter implements AttemptCounter, OnModuleDestroy {
  private readonly pruner: NodeJS.Timeout;

  constructor(private readonly attempts: Repository<AuthAttempt>) {
    this.pruner = setInterval(() => void this.prune().catch(() => undefined), PRUNE_EVERY_MS);
    this.pruner.unref();
  }

  async add(key: AttemptKey): Promise<CountedAttempt> {
    // The time comes from this clock, in milliseconds, for the insert and the window alike.
    const now = new Date();
    const inserted = await this.attempts.insert({ action: key.action, subject: key.subject, succeeded: false, createdAt: now });
    const count = await this.attempts.countBy({
      action: key.action,
      subject: key.subject,
      succeeded: false,
      createdAt: MoreThan(new Date(now.getTime() - key.windowMs)),
    });
    return { id: String(inserted.identifiers[0].id), count };
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

  onModuleDestroy(): void {
    clearInterval(this.pruner);
  }

  async prune(): Promise<void> {
    await this.attempts.delete({ createdAt: LessThan(new Date(Date.now() - KEEP_MS)) });
  }
}

function newRedisClient(url: string, everConnected: () => boolean) {
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

type RedisClient = ReturnType<typeof newRedisClient>;

/** Counts attempts in Redis: one sorted set per key, scored by time, expiring with its window. */
export class RedisAttemptCounter implements AttemptCounter, OnApplicationShutdown {
  private constructor(
    private readonly client: RedisClient,
    private readonly keyPrefix: string,
  ) {}

  static async connect(url: string, keyPrefix: string): Promise<RedisAttemptCounter> {
    let connected = false;
    const client = newRedisClient(url, () => connected);
    client.on('error', () => undefined); // reported through the failing commands; without a listener it would end the process
    await client.connect();
    connected = true;
    return new RedisAttemptCounter(client, keyPrefix);
  }

  async add(key: AttemptKey): Promise<CountedAttempt> {
    const now = Date.now();
    const id = `${now}:${randomUUID()}`;
    const name = this.keyOf(key);
    const replies = await this.client
      .multi()
      .zRemRangeByScore(name, '-inf', now - key.windowMs)
      .zAdd(name, { score: now, value: id })
      .zCard(name)
      .pExpire(name, key.windowMs)
      .exec();
    return { id, count: Number(replies[2]) };
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

  /** Once the HTTP server has stopped and its last requests are answered: a sign-in in flight still needs Redis. */
  async onApplicationShutdown(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }

  private keyOf(key: AttemptKey): string {
    return `${this.keyPrefix}attempts:${key.action}:${key.subject}`;
  }
}
