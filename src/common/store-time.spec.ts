import { isCalendarDay, storeDayEnd, storeDayStart } from './store-time.js';

describe("the store's calendar days", () => {
  it('accepts real days as a date input sends them, and nothing else', () => {
    expect(isCalendarDay('2026-11-27')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    for (const text of ['2026-02-30', '2027-02-29', '2026-13-01', '27/11/2026', '2026-11-27T00:00', ' 2026-11-27', '', '0000-01-01']) {
      expect({ text, ok: isCalendarDay(text) }).toEqual({ text, ok: false });
    }
  });

  it('starts a day at midnight in Pakistan, five hours before midnight UTC', () => {
    expect(storeDayStart('2026-11-28').toISOString()).toBe('2026-11-27T19:00:00.000Z');
    expect(storeDayEnd('2026-11-28').toISOString()).toBe('2026-11-28T19:00:00.000Z');
    expect(storeDayEnd('2026-12-31').toISOString()).toBe('2026-12-31T19:00:00.000Z');
  });

  it('follows a zone whose offset changes during the year', () => {
    expect(storeDayStart('2026-07-01', 'Europe/London').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(storeDayStart('2026-01-01', 'Europe/London').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    // The day summer time begins in London still starts at its own midnight (GMT), and lasts 23 hours.
    expect(storeDayStart('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(storeDayEnd('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(storeDayStart('2026-11-01', 'America/Sao_Paulo').toISOString()).toBe('2026-11-01T03:00:00.000Z');
  });

  it('refuses a day that does not exist', () => {
    expect(() => storeDayStart('2026-02-30')).toThrow(RangeError);
  });
});
