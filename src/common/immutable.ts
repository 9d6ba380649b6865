/** Every object deepFreeze has frozen, with all it holds: values that can never change again. */
const immutable = new WeakSet<object>();

/**
 * Freezes a value and everything in it, and remembers each part as unchangeable, so code that keys
 * on content (the render memo) may key such a part on its identity instead of reading it all.
 * Dates are frozen too but not counted as unchangeable (their setters still work).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || immutable.has(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  if (!(value instanceof Date)) immutable.add(value);
  return value;
}

/** Whether deepFreeze froze this object: it and everything in it are as they will always be. */
export function isImmutable(value: object): boolean {
  return immutable.has(value);
}
