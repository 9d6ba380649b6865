import type { FieldErrors } from './forms.js';
import { endOfDay, isCalendarDay, startOfDay } from './store-calendar.js';

/** Orders, customers or log entries from one store day up to and including another; either end may be open. */
export interface DayRange {
  /** The first instant included: the start of the "from" day in the store's time zone. */
  from?: Date;
  /** The first instant no longer included: the end of the "to" day. */
  before?: Date;
}

/**
 * Reads the filters of a list page's GET form from the query string, one parameter at a time. Nothing
 * here throws: a value that cannot be used is left out of the filter and gets a message under its
 * field name (`errors`), while `values` keeps what was typed so the form shows it again. Only the
 * checked values travel on, always as bound parameters, to SQL.
 */
export class QueryFilters {
  readonly values: Record<string, string> = {};
  readonly errors: FieldErrors = {};
  /** The parameters whose values were used, as they were given: what a pagination link must keep. */
  readonly applied: Record<string, string> = {};
  private readonly params: Record<string, unknown>;

  constructor(query: unknown) {
    this.params = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Free text, trimmed, control characters dropped; blank is no filter, too long is refused. */
  text(name: string, maxLength: number): string | undefined {
    const raw = this.single(name);
    if (raw === undefined) return undefined;
    const text = raw.replace(/\p{C}+/gu, ' ').trim();
    if (text.length > maxLength) {
      this.values[name] = text.slice(0, maxLength);
      this.errors[name] = `Please search with at most ${maxLength} characters.`;
      return undefined;
    }
    if (!text) return undefined;
    this.applied[name] = text;
    return text;
  }

  /** One of the allowed values; blank is no filter. */
  choice<T extends string>(name: string, allowed: readonly T[], message: string): T | undefined {
    const raw = this.single(name)?.trim();
    if (!raw) return undefined;
    const chosen = allowed.find((value) => value === raw);
    if (chosen) this.applied[name] = chosen;
    else this.errors[name] = message;
    return chosen;
  }

  /** A range of the store's calendar days (date inputs send "2026-11-27"), both ends included, in its time zone. */
  dayRange(fromName: string, toName: string, zone: string): DayRange {
    const from = this.day(fromName);
    const to = this.day(toName);
    if (from && to && from > to) {
      this.errors[toName] = 'Please choose an end date on or after the start date.';
      return {};
    }
    if (from) this.applied[fromName] = from;
    if (to) this.applied[toName] = to;
    return { ...(from ? { from: startOfDay(zone, from) } : {}), ...(to ? { before: endOfDay(zone, to) } : {}) };
  }

  private day(name: string): string | undefined {
    const raw = this.single(name)?.trim();
    if (!raw) return undefined;
    if (isCalendarDay(raw)) return raw;
    this.errors[name] = 'Please enter a date such as 2026-11-27.';
    return undefined;
  }

  /** The parameter's text, kept for the form; a repeated or nested one (a[b]=c) is refused. */
  private single(name: string): string | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.errors[name] = 'Please give this filter once.';
      return undefined;
    }
    // Echoed into the form again: a pasted essay is cut, not repeated back whole.
    this.values[name] = value.slice(0, 200);
    return value;
  }
}
