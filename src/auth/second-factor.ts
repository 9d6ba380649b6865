import type { Request } from 'express';
import { newTotpSecret } from './totp.js';

/** A password step passed, waiting for the code. Nobody is signed in until the code is right. */
export interface PendingSecondFactor {
  userId: number;
  next: string;
  remember: boolean;
  /** Epoch ms after which the password must be typed again. */
  until: number;
}

declare module 'express-session' {
  interface SessionData {
    secondFactor?: PendingSecondFactor;
    /** The secret shown on the set-up page, kept until a code from it is confirmed. */
    totpSetupSecret?: string;
  }
}

const CODE_WAIT_MS = 5 * 60_000;

export function awaitSecondFactor(req: Request, userId: number, options: { next: string; remember: boolean }): void {
  req.session.secondFactor = { userId, ...options, until: Date.now() + CODE_WAIT_MS };
}

export function pendingSecondFactor(req: Request): PendingSecondFactor | null {
  const pending = req.session?.secondFactor;
  if (!pending) return null;
  if (pending.until > Date.now()) return pending;
  delete req.session.secondFactor;
  return null;
}

/** Called before the final sign-in, which keeps the session's contents on its new id. */
export function endSecondFactor(req: Request): void {
  delete req.session.secondFactor;
}

/** The secret being set up in this session: the same one on every reload until it is confirmed. */
export function setupSecret(req: Request): string {
  req.session.totpSetupSecret ??= newTotpSecret();
  return req.session.totpSetupSecret;
}

export function endSetup(req: Request): void {
  delete req.session.totpSetupSecret;
}
