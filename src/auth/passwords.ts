import { hash, verify } from '@node-rs/argon2';

// argon2id at OWASP's minimum: 19 MiB, 2 passes, 1 lane (about 15 hashes a second per core).
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the email is unknown, so a wrong email costs as much time as a wrong password. */
export const decoyHash = hashPassword('decoy password that never matches');
