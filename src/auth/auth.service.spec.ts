import { Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import type { Transactions } from '../database/transactions.js';
import type { AccountTokensService } from './account-tokens.service.js';
import { MemoryAttemptCounter } from '../../test/helpers/memory-attempt-counter.js';
import { AttemptLimiter, LimitedAction } from './attempt-limiter.js';
import { TooManyAttemptsError } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import type { User } from './entities/user.entity.js';
import { TrustedDevices } from './trusted-devices.js';

const devices = new TrustedDevices('a session secret of at least 32 characters', false);
const WHO = { ip: '192.0.2.7', path: '/login' };

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('AuthService.checkCredentials', () => {
  it('refuses a locked-out account before even looking it up, so no password is hashed', async () => {
    const counter = new MemoryAttemptCounter();
    const limiter = new AttemptLimiter(counter, devices);
    let lookups = 0;
    const users = { findOneBy: () => (lookups++, Promise.resolve(null)) } as unknown as Repository<User>;
    const sut = new AuthService(users, {} as AppConfig, {} as Transactions, {} as AccountTokensService, limiter);

    for (let i = 0; i < 5; i++) expect(await sut.checkCredentials('zara@example.test', 'guess', WHO)).toBeNull();
    expect(lookups).toBe(5);
    await expect(sut.checkCredentials('zara@example.test', 'right password', WHO)).rejects.toBeInstanceOf(TooManyAttemptsError);
    expect(lookups).toBe(5);
    // The refused attempt itself does not count, so waiting out the window is enough.
    expect(counter.counting(LimitedAction.SignIn, 'email:zara@example.test')).toBe(5);
    expect(counter.counting(LimitedAction.SignIn, 'pair:zara@example.test|192.0.2.7')).toBe(5);
  });
});

describe('AttemptLimiter', () => {
  it('forgives the account its failures on success, but never the address', async () => {
    const counter = new MemoryAttemptCounter();
    const sut = new AttemptLimiter(counter, devices);
    const who = { ...WHO, email: 'hina@example.test' };
    for (let i = 0; i < 3; i++) await sut.begin(LimitedAction.SignIn, who);
    await sut.succeeded(await sut.begin(LimitedAction.SignIn, who), { forgiveAccount: true });
    expect(counter.counting(LimitedAction.SignIn, 'email:hina@example.test')).toBe(0);
    expect(counter.counting(LimitedAction.SignIn, 'pair:hina@example.test|192.0.2.7')).toBe(0);
    expect(counter.counting(LimitedAction.SignIn, 'ip:192.0.2.7')).toBe(3);
  });

  it('counts registrations per address, ten an hour, and per email, three an hour', async () => {
    const counter = new MemoryAttemptCounter();
    const sut = new AttemptLimiter(counter, devices);
    for (let i = 0; i < 10; i++) await sut.begin(LimitedAction.Register, { ...WHO, email: `new${i % 4}@example.test` });
    await expect(sut.begin(LimitedAction.Register, { ...WHO, ip: '192.0.2.8', email: 'new0@example.test' })).rejects.toThrow('Too many sign-ups');
    await expect(sut.begin(LimitedAction.Register, { ...WHO, email: 'new10@example.test' })).rejects.toThrow('Too many sign-ups');
    expect(counter.subjects(LimitedAction.Register).sort()).toEqual([
      'email:new0@example.test',
      'email:new1@example.test',
      'email:new2@example.test',
      'email:new3@example.test',
      'ip:192.0.2.7',
    ]);
  });
});
