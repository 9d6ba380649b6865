import { Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import type { Transactions } from '../database/transactions.js';
import type { AccountTokensService } from './account-tokens.service.js';
import { type AttemptCounter, type AttemptKey } from './attempt-counter.js';
import { AttemptLimiter, LimitedAction } from './attempt-limiter.js';
import { TooManyAttemptsError } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import type { User } from './entities/user.entity.js';

/** Counts in memory, the way both real counters do. */
class MemoryCounter implements AttemptCounter {
  readonly attempts = new Map<string, { id: string; counting: boolean }[]>();
  private next = 0;

  add(key: AttemptKey) {
    const list = this.attempts.get(key.subject) ?? [];
    const id = String(++this.next);
    list.push({ id, counting: true });
    this.attempts.set(key.subject, list);
    return Promise.resolve({ id, count: list.filter((a) => a.counting).length });
  }
  succeeded(key: AttemptKey, id: string) {
    for (const attempt of this.attempts.get(key.subject) ?? []) if (attempt.id === id) attempt.counting = false;
    return Promise.resolve();
  }
  withdraw(key: AttemptKey, id: string) {
    this.attempts.set(key.subject, (this.attempts.get(key.subject) ?? []).filter((a) => a.id !== id));
    return Promise.resolve();
  }
  forgive(key: AttemptKey) {
    this.attempts.delete(key.subject);
    return Promise.resolve();
  }
  counting(subject: string): number {
    return (this.attempts.get(subject) ?? []).filter((a) => a.counting).length;
  }
}

const WHO = { ip: '192.0.2.7', path: '/login' };

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('AuthService.checkCredentials', () => {
  it('refuses a locked-out account before even looking it up, so no password is hashed', async () => {
    const counter = new MemoryCounter();
    const limiter = new AttemptLimiter(counter);
    let lookups = 0;
    const users = { findOneBy: () => (lookups++, Promise.resolve(null)) } as unknown as Repository<User>;
    const sut = new AuthService(users, {} as AppConfig, {} as Transactions, {} as AccountTokensService, limiter);

    for (let i = 0; i < 5; i++) expect(await sut.checkCredentials('zara@example.test', 'guess', WHO)).toBeNull();
    expect(lookups).toBe(5);
    await expect(sut.checkCredentials('zara@example.test', 'right password', WHO)).rejects.toBeInstanceOf(TooManyAttemptsError);
    expect(lookups).toBe(5);
    // The refused attempt itself does not count, so waiting out the window is enough.
    expect(counter.counting('email:zara@example.test')).toBe(5);
  });
});

describe('AttemptLimiter', () => {
  it('forgives the account its failures on success, but never the address', async () => {
    const counter = new MemoryCounter();
    const sut = new AttemptLimiter(counter);
    const who = { ...WHO, email: 'hina@example.test' };
    for (let i = 0; i < 3; i++) await sut.begin(LimitedAction.SignIn, who);
    await sut.succeeded(await sut.begin(LimitedAction.SignIn, who), { forgiveAccount: true });
    expect(counter.counting('email:hina@example.test')).toBe(0);
    expect(counter.counting('ip:192.0.2.7')).toBe(3);
  });

  it('counts registrations per address only, ten an hour', async () => {
    const counter = new MemoryCounter();
    const sut = new AttemptLimiter(counter);
    for (let i = 0; i < 10; i++) await sut.begin(LimitedAction.Register, { ...WHO, email: `new${i}@example.test` });
    await expect(sut.begin(LimitedAction.Register, { ...WHO, email: 'new10@example.test' })).rejects.toThrow('Too many accounts');
    expect([...counter.attempts.keys()]).toEqual(['ip:192.0.2.7']);
  });
});
