/**
 * The expiry a session read from the store carries (milliseconds), so the store's touch() knows how far
 * it would move it (sessions/session-store.ts). Never stored in the row's data, and not the visitor's.
 */
export const STORED_UNTIL = 'storedUntil';

/** Keys every session object has whether or not the visitor put anything in it. */
const BOOKKEEPING_KEYS: readonly string[] = ['cookie', STORED_UNTIL];

/** Whether a session holds anything of the visitor's (a cart, a sign-in, a token, a message). */
export function holdsVisitorData(session: object | undefined): boolean {
  return session !== undefined && Object.keys(session).some((key) => !BOOKKEEPING_KEYS.includes(key));
}
