/** Injection token of the secret that signs session cookies and CSRF tokens (a string; see SessionsModule). */
export const SESSION_SECRET = Symbol('SESSION_SECRET');
