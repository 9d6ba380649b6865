/**
 * The store's own clock. A shop in Lahore counts its days from midnight in Pakistan, not in UTC: an
 * order placed at 02:00 on the 28th (21:00 UTC on the 27th) belongs to the 28th. Every conversion
 * between the store's calendar days and stored instants goes through here; until the store has a
 * time-zone setting, the zone is Asia/Karachi.
 */
export const STORE_TIME_ZONE = 'Asia/Karachi';

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` names a real day as a date input sends it: "2026-11-27" (not "2026-02-30", not "27/11/2026"). */
export function isCalendarDay(text: string): boolean {
  const match = CALENDAR_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && year <= 9999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The instant the store's day `day` ("2026-11-27") begins: midnight there. */
export function storeDayStart(day: string, timeZone = STORE_TIME_ZONE): Date {
  if (!isCalendarDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  const [year, month, date] = day.split('-').map(Number);
  const midnightUtc = Date.UTC(year, month - 1, date);
  // Midnight there is midnight UTC minus the zone's offset; asked again at the answer, so a day on
  // which the offset changes (summer time elsewhere) still starts at its own midnight.
  const guess = midnightUtc - offsetMinutes(midnightUtc, timeZone) * 60_000;
  return new Date(midnightUtc - offsetMinutes(guess, timeZone) * 60_000);
}

/** The instant the store's day `day` ends: the start of the next one (an exclusive upper bound). */
export function storeDayEnd(day: string, timeZone = STORE_TIME_ZONE): Date {
  const [year, month, date] = day.split('-').map(Number);
  const next = new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
  return storeDayStart(next, timeZone);
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `instant`, in minutes (Asia/Karachi: 300). */
function offsetMinutes(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  const wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  return Math.round((wallClock - Math.floor(instant / 60_000) * 60_000) / 60_000);
}
