import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA1 over the number
 * of 30-second steps since 1970, cut to 6 digits (RFC 4226's dynamic truncation), secrets in base32.
 */
export interface TotpOptions {
  digits?: number;
  periodSeconds?: number;
  algorithm?: 'sha1' | 'sha256' | 'sha512';
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as otpauth:// URIs carry it. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Reads base32 as people type it: any case, spaces and padding ignored. Throws on other characters. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error('Not a base32 secret');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new secret: 160 random bits, the length RFC 4226 recommends for HMAC-SHA1. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The code for the time step `counter` (RFC 4226 HOTP). */
export function hotp(secret: Buffer, counter: number, options: TotpOptions = {}): string {
  const digits = options.digits ?? 6;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(options.algorithm ?? 'sha1', secret)
    .update(message)
    .digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code an authenticator app shows at `atMs` for this base32 secret. */
export function totp(secret: string | Buffer, atMs: number = Date.now(), options: TotpOptions = {}): string {
  const key = typeof secret === 'string' ? base32Decode(secret) : secret;
  return hotp(key, timeStep(atMs, options), options);
}

/**
 * True when `code` is the code of the current time step or of the one just before or after it, so a
 * phone clock a little off or a code typed as it changes still works; anything older is refused.
 */
export function verifyTotp(secret: string, code: string, atMs: number = Date.now(), options: TotpOptions = {}): boolean {
  return matchedTotpStep(secret, code, atMs, options) !== null;
}

/** The time step (±1 around now) whose code was typed, or null; the caller refuses a step already used. */
export function matchedTotpStep(secret: string, code: string, atMs: number = Date.now(), options: TotpOptions = {}): number | null {
  const digits = options.digits ?? 6;
  const typed = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(typed)) return null;
  const key = base32Decode(secret);
  const step = timeStep(atMs, options);
  let matched: number | null = null;
  // Every candidate is compared, in constant time, so the time taken says nothing about which one matched.
  for (const candidate of [step - 1, step, step + 1]) {
    if (timingSafeEqual(Buffer.from(hotp(key, candidate, options)), Buffer.from(typed))) matched = candidate;
  }
  return matched;
}

/** The otpauth:// URI authenticator apps read (from a QR code, or typed in as text). */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${query.toString()}`;
}

function timeStep(atMs: number, options: TotpOptions): number {
  return Math.floor(atMs / 1000 / (options.periodSeconds ?? 30));
}
