const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** {{date placedAt}} → "27 Nov 2026, 14:05" (UTC until the store has a time-zone setting). */
export function date(value: unknown): string {
  const when = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return when && !Number.isNaN(when.getTime()) ? dateTime.format(when) : '';
}
