import type { Request } from 'express';

export interface FlashMessage {
  kind: 'success' | 'error' | 'info';
  text: string;
}

declare module 'express-session' {
  interface SessionData {
    flash?: FlashMessage[];
  }
}

/** A one-time message shown on the next page after a redirect. */
export function flash(req: Request, kind: FlashMessage['kind'], text: string): void {
  req.session.flash = [...(req.session.flash ?? []), { kind, text }];
}

export function takeFlash(req: Request): FlashMessage[] {
  const messages = req.session?.flash;
  if (!messages?.length) return [];
  delete req.session.flash;
  return messages;
}
