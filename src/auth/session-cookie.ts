/** The session cookie's name; behind TLS it is sent as `__Host-anarkali.sid`, bound to the exact host. */
export const SESSION_COOKIE = 'anarkali.sid';
