import { NotFoundError } from '../common/errors.js';

/** A row id from the address: anything but a plain number is a page that does not exist (404), never a 400 or a query. */
export function rowId(raw: string, what: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw new NotFoundError(what);
  return Number(raw);
}
