import { jest } from '@jest/globals';
import { ShortMemo } from './short-memo.js';

describe('ShortMemo', () => {
  afterEach(() => jest.useRealTimers());

  it('computes a key once for callers arriving together and within the time, then again after it', async () => {
    jest.useFakeTimers({ now: 0 });
    const sut = new ShortMemo<number>(30_000);
    const compute = jest.fn(() => Promise.resolve(42));

    expect(await Promise.all([sut.get('a', compute), sut.get('a', compute)])).toEqual([42, 42]);
    jest.setSystemTime(29_999);
    await sut.get('a', compute);
    expect(compute).toHaveBeenCalledTimes(1);

    jest.setSystemTime(30_000);
    await sut.get('a', compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('forgets a failed computation at once, and everything on clear()', async () => {
    const sut = new ShortMemo<number>(30_000);
    await expect(sut.get('a', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await sut.get('a', () => Promise.resolve(1))).toBe(1);
    sut.clear();
    expect(await sut.get('a', () => Promise.resolve(2))).toBe(2);
  });

  it('keeps at most its number of keys, dropping the oldest', async () => {
    const sut = new ShortMemo<string>(30_000, 2);
    for (const key of ['a', 'b', 'c']) await sut.get(key, () => Promise.resolve(key));
    expect(await sut.get('a', () => Promise.resolve('a again'))).toBe('a again');
    expect(await sut.get('c', () => Promise.resolve('c again'))).toBe('c');
  });
});
