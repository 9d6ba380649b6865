import { jest } from '@jest/globals';
import { EntityManager, QueryFailedError } from 'typeorm';
import { EmailTakenError } from '../../src/auth/auth.errors.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { shopsClosedAfterEach } from '../helpers/test-shop.js';

const deadlock = () =>
  new QueryFailedError(
    'INSERT INTO user …',
    [],
    Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 }),
  );

describe('an account write that fails in the database', () => {
  const open = shopsClosedAfterEach();

  it('is run again after a deadlock, not answered as "email taken"', async () => {
    const shop = await open();
    const insert = EntityManager.prototype.insert;
    let failedOnce = false;
    jest.spyOn(EntityManager.prototype, 'insert').mockImplementation(function (this: EntityManager, ...args: Parameters<EntityManager['insert']>) {
      if (args[0] === User && !failedOnce) {
        failedOnce = true;
        return Promise.reject(deadlock());
      }
      return insert.apply(this, args);
    });

    await shop.get(AuthService).register({ name: 'Zainab', email: 'zainab@example.test', password: 'a-long-enough-password' });

    expect(failedOnce).toBe(true);
    expect(await shop.dataSource.getRepository(User).countBy({ email: 'zainab@example.test' })).toBe(1);
  });

  it('is "email taken" when the unique index refuses it', async () => {
    const shop = await open();
    const auth = shop.get(AuthService);
    await auth.register({ name: 'Zara', email: 'zara@example.test', password: 'a-long-enough-password' });
    // Past the early check, as when two registrations race: the unique index decides.
    jest.spyOn(shop.dataSource.getRepository(User), 'existsBy').mockResolvedValue(false);

    await expect(auth.register({ name: 'Zara Two', email: 'zara@example.test', password: 'a-long-enough-password' })).rejects.toBeInstanceOf(EmailTakenError);
  });
});
