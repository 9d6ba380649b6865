import type { AttemptCounter, AttemptKey, Clock, CountedAttempt } from '../../src/auth/attempt-counter.js';

/**
 * The counters' contract in memory, on a clock the test moves, for unit tests of what is built on it.
 * The e2e tests hold the database and Redis counters to the same contract.
 */
export class MemoryAttemptCounter implements AttemptCounter {
  private readonly attempts = new Map<string, { id: string; at: number }[]>();
  private sequence = 0;

  constructor(private readonly now: Clock = Date.now) {}

  add(key: AttemptKey): Promise<CountedAttempt> {
    const at = this.now();
    const counting = (this.attempts.get(nameOf(key)) ?? []).filter((attempt) => attempt.at > at - key.windowMs);
    const previousAt = counting.length ? Math.max(...counting.map((attempt) => attempt.at)) : null;
    const id = String((this.sequence += 1));
    this.attempts.set(nameOf(key), [...counting, { id, at }]);
    return Promise.resolve({ id, count: counting.length + 1, at, previousAt });
  }

  succeeded(key: AttemptKey, id: string): Promise<void> {
    return this.withdraw(key, id);
  }

  withdraw(key: AttemptKey, id: string): Promise<void> {
    this.attempts.set(
      nameOf(key),
      (this.attempts.get(nameOf(key)) ?? []).filter((attempt) => attempt.id !== id),
    );
    return Promise.resolve();
  }

  forgive(key: AttemptKey): Promise<void> {
    this.attempts.delete(nameOf(key));
    return Promise.resolve();
  }

  forgiveStartingWith(action: string, subjectPrefix: string): Promise<void> {
    for (const name of this.attempts.keys()) if (name.startsWith(`${action}:${subjectPrefix}`)) this.attempts.delete(name);
    return Promise.resolve();
  }

  /** How many attempts of `action` count against `subject`, whatever their window. */
  counting(action: string, subject: string): number {
    return this.attempts.get(`${action}:${subject}`)?.length ?? 0;
  }

  /** The subjects of `action` with attempts counting. */
  subjects(action: string): string[] {
    return [...this.attempts].filter(([name, attempts]) => name.startsWith(`${action}:`) && attempts.length).map(([name]) => name.slice(action.length + 1));
  }
}

const nameOf = (key: AttemptKey) => `${key.action}:${key.subject}`;
