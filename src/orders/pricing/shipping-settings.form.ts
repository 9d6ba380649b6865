import type { FieldErrors } from '../../common/forms.js';
import { amountForInput, minorUnitsFrom } from '../../common/money.js';
import type { ShippingSettings } from './pricing-settings.service.js';
import type { ShippingMethodRule, ShippingZone } from './pricing-rules.js';

/** How many zones and methods the page holds: more than a small shop sets, few enough to read at once. */
export const MAX_ZONES = 8;
export const MAX_METHODS = 6;

/** The form's fields, by row: zone j, method i, and method i's price in zone j. */
export const field = {
  zoneName: (j: number) => `zoneName_${j}`,
  zoneCities: (j: number) => `zoneCities_${j}`,
  code: (i: number) => `methodCode_${i}`,
  name: (i: number) => `methodName_${i}`,
  enabled: (i: number) => `methodEnabled_${i}`,
  price: (i: number) => `methodPrice_${i}`,
  freeFrom: (i: number) => `methodFreeFrom_${i}`,
  zonePrice: (i: number, j: number) => `methodZone_${i}_${j}`,
};

type FormValues = Record<string, unknown>;

/** The saved settings as the form shows them: amounts in major units, cities comma-separated, one blank row to add each. */
export function shippingFormValues(settings: ShippingSettings): FormValues {
  const amount = (minor: number | null | undefined) => (minor === null || minor === undefined ? '' : amountForInput(minor));
  const values: FormValues = { codFee: settings.cashOnDelivery.feeMinor > 0 ? amountForInput(settings.cashOnDelivery.feeMinor) : '' };
  values.codMaxOrder = amount(settings.cashOnDelivery.maxOrderMinor);
  settings.zones.forEach((zone, j) => {
    values[field.zoneName(j)] = zone.name;
    values[field.zoneCities(j)] = zone.cities.join(', ');
  });
  settings.methods.forEach((method, i) => {
    values[field.code(i)] = method.code;
    values[field.name(i)] = method.name;
    if (method.enabled) values[field.enabled(i)] = '1';
    values[field.price(i)] = amount(method.priceMinor);
    values[field.freeFrom(i)] = amount(method.freeFromMinor);
    settings.zones.forEach((_, j) => (values[field.zonePrice(i, j)] = amount(method.zonePrices[j])));
  });
  return values;
}

/** How many rows of each the form holds: those with values, and one blank to add another (up to the maximum). */
export function shippingFormRows(values: FormValues): { zones: number; methods: number } {
  const filled = (key: string) => {
    const value = values[key];
    return typeof value === 'string' && value.trim() !== '';
  };
  const used = (prefix: string) =>
    Object.keys(values)
      .map((key) => new RegExp(`^${prefix}_(\\d+)$`).exec(key))
      .filter((match) => match !== null && filled(match[0]))
      .reduce((rows, match) => Math.max(rows, Number(match?.[1]) + 1), 0);
  return { zones: Math.min(Math.max(used('zoneName'), used('zoneCities')) + 1, MAX_ZONES), methods: Math.min(used('methodName') + 1, MAX_METHODS) };
}

/**
 * Reads /admin/settings/shipping: zones (a name and its cities), methods (a name, switched on or off,
 * the rest of Pakistan's price, a price per zone, a free-from amount) and the cash-on-delivery terms.
 * A blank row is left out; an amount left empty means "none" (not offered, never free, no limit). Each
 * rule broken gets a message at its field.
 */
export function readShippingForm(body: FormValues): { ok: true; value: ShippingSettings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const text = (name: string) => (typeof body[name] === 'string' ? body[name].trim() : '');
  const amount = (name: string, message = 'Please enter an amount such as 250, or leave it empty'): number | null => {
    if (text(name) === '') return null;
    const minor = minorUnitsFrom(text(name));
    if (minor === undefined || minor < 0 || minor > 2_000_000_000) errors[name] = message;
    return minor ?? null;
  };
  const zones: ShippingZone[] = [];
  const zoneRows: number[] = [];
  for (let j = 0; j < MAX_ZONES; j++) {
    const name = text(field.zoneName(j));
    const cities = text(field.zoneCities(j))
      .split(/[,\n]/)
      .map((city) => city.trim())
      .filter((city) => city !== '');
    if (name === '' && cities.length === 0) continue;
    if (name === '' || name.length > 60) errors[field.zoneName(j)] = 'Please name the zone (up to 60 characters), such as Lahore';
    if (cities.length === 0) errors[field.zoneCities(j)] = 'Please list the cities of this zone, separated by commas';
    zones.push({ name, cities });
    zoneRows.push(j);
  }
  const methods: ShippingMethodRule[] = [];
  for (let i = 0; i < MAX_METHODS; i++) {
    const name = text(field.name(i));
    const rowFields = [field.price(i), field.freeFrom(i), ...zoneRows.map((j) => field.zonePrice(i, j))];
    if (name === '' && rowFields.every((f) => text(f) === '')) continue;
    if (name === '' || name.length > 60) errors[field.name(i)] = 'Please name the delivery method (up to 60 characters)';
    const priceMinor = amount(field.price(i));
    const zonePrices = zoneRows.map((j) => amount(field.zonePrice(i, j)));
    if (priceMinor === null && zonePrices.every((price) => price === null)) {
      errors[field.price(i)] ??= 'Please enter a price for the rest of Pakistan, or for at least one zone';
    }
    const code = /^[a-z0-9-]{1,40}$/.test(text(field.code(i))) ? text(field.code(i)) : codeFrom(name, methods);
    methods.push({ code, name, enabled: body[field.enabled(i)] === '1', priceMinor, zonePrices, freeFromMinor: amount(field.freeFrom(i)) });
  }
  if (!methods.some((method) => method.enabled)) errors.form = 'Please keep at least one delivery method switched on, or shoppers cannot order.';
  const duplicate = methods.find((method, i) => methods.findIndex((other) => other.code === method.code) !== i);
  if (duplicate) errors.form = `Two delivery methods have the same name (${duplicate.name}). Please name them apart.`;
  const feeMinor = amount('codFee') ?? 0;
  const maxOrderMinor = amount('codMaxOrder');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { zones, methods, cashOnDelivery: { feeMinor, maxOrderMinor } } };
}

/** A new method's code from its name ("Same-day Lahore" → "same-day-lahore"); kept when it is renamed later. */
function codeFrom(name: string, taken: ShippingMethodRule[]): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36) || 'delivery';
  let code = base;
  for (let n = 2; taken.some((method) => method.code === code); n++) code = `${base}-${n}`;
  return code;
}
