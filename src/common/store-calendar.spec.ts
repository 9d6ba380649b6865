import { addDays, dayOf, daysEndingWith, endOfDay, isCalendarDay, offsetMinutes, offsetSpans, startOfDay } from './store-calendar.js';

describe('the store calendar', () => {
  it('tells the store’s date of an instant: evening in UTC is already tomorrow in Karachi', () => {
    expect(dayOf('Asia/Karachi', new Date('2026-11-27T18:59:59Z'))).toBe('2026-11-27');
    expect(dayOf('Asia/Karachi', new Date('2026-11-27T19:00:00Z'))).toBe('2026-11-28');
    expect(dayOf('America/New_York', new Date('2026-11-28T03:00:00Z'))).toBe('2026-11-27');
  });

  it('finds when the store’s day begins, also on the days clocks change', () => {
    expect(startOfDay('Asia/Karachi', '2026-11-28').toISOString()).toBe('2026-11-27T19:00:00.000Z');
    expect(startOfDay('Europe/London', '2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfDay('Europe/London', '2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(startOfDay('America/New_York', '2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfDay('America/New_York', '2026-11-02').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysEndingWith('2026-01-02', 3)).toEqual(['2025-12-31', '2026-01-01', '2026-01-02']);
  });

  it('keeps one offset span in Karachi, and splits at the minute London’s clocks go forward', () => {
    expect(offsetSpans('Asia/Karachi', new Date('2026-01-01T00:00Z'), new Date('2026-07-01T00:00Z'))).toEqual([{ until: null, offsetMinutes: 300 }]);
    expect(offsetSpans('Europe/London', new Date('2026-03-01T00:00Z'), new Date('2026-04-30T00:00Z'))).toEqual([
      { until: new Date('2026-03-29T01:00:00Z'), offsetMinutes: 0 },
      { until: null, offsetMinutes: 60 },
    ]);
    expect(offsetMinutes('Europe/London', new Date('2026-07-01T12:00Z'))).toBe(60);
  });
});

const storeDayStart = (day: string, zone = 'Asia/Karachi') => startOfDay(zone, day);
const storeDayEnd = (day: string, zone = 'Asia/Karachi') => endOfDay(zone, day);

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
});
