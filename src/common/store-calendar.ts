/**
 * Days as the store lives them: "today", "the last 7 days" and sales per day begin and end at midnight
 * in the store's time zone (config storeTimeZone), not in UTC and not in the server's zone. A day is
 * written "YYYY-MM-DD"; an instant is a Date.
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(zone: string, instant: Date): Record<string, number> {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(zone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return parts;
}

/** Minutes the zone's clocks are ahead of UTC at `instant` (300 in Karachi; 60 in London in summer, 0 in winter). */
export function offsetMinutes(zone: string, instant: Date): number {
  const p = partsIn(zone, instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The store's date at `instant`: 2026-11-27T19:30Z is "2026-11-28" in Karachi. */
export function dayOf(zone: string, instant: Date): string {
  const p = partsIn(zone, instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` names a real day as a date input sends it: "2026-11-27" (not "2026-02-30", not "27/11/2026"). */
export function isCalendarDay(text: string): boolean {
  const match = CALENDAR_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && year <= 9999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + count)).toISOString().slice(0, 10);
}

/** The instant the store's `day` begins: midnight there, as UTC (a day that starts by a clock change starts when it does). */
export function startOfDay(zone: string, day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const midnightUtc = Date.UTC(year, month - 1, date);
  // The offset at the guess may differ from the one at midnight across a clock change: the second pass settles it.
  let start = midnightUtc - offsetMinutes(zone, new Date(midnightUtc)) * 60_000;
  start = midnightUtc - offsetMinutes(zone, new Date(start)) * 60_000;
  return new Date(start);
}

/** The instant the store's `day` ends: the start of the next one (an exclusive upper bound). */
export function endOfDay(zone: string, day: string): Date {
  return startOfDay(zone, addDays(day, 1));
}

/** `count` consecutive days ending with `last`, oldest first. */
export function daysEndingWith(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(last, i - count + 1));
}

/** A stretch of time over which the zone keeps one offset: until `until` (null: to the end of the window). */
export interface OffsetSpan {
  until: Date | null;
  offsetMinutes: number;
}

/**
 * The zone's offsets between `from` and `to`: one span in Karachi, two or three where clocks change
 * in the window. SQL adds the span's offset to each UTC time to find the store's date of it; the
 * moment of each change is found to the minute.
 */
export function offsetSpans(zone: string, from: Date, to: Date): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  // Clocks change at most once in a day: a step of a day finds every change, a search within it its minute.
  const day = 86_400_000;
  let current = offsetMinutes(zone, from);
  for (let at = from.getTime(); at < to.getTime(); at += day) {
    const next = Math.min(at + day, to.getTime());
    const offset = offsetMinutes(zone, new Date(next));
    if (offset === current) continue;
    let [low, high] = [at, next];
    while (high - low > 60_000) {
      const middle = Math.floor((low + high) / 2 / 60_000) * 60_000;
      if (offsetMinutes(zone, new Date(middle)) === current) low = middle;
      else high = middle;
    }
    spans.push({ until: new Date(high), offsetMinutes: current });
    current = offset;
  }
  spans.push({ until: null, offsetMinutes: current });
  return spans;
}
