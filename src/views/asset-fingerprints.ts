import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** The folders under public/ whose files the layouts reference through {{asset}}. */
export const FINGERPRINTED_FOLDERS = ['css', 'js', 'img'];

/**
 * The shop's own static files by content: plain URL ("/css/shop.css") → fingerprinted URL
 * ("/css/shop.3f2a9c1b0d.css"), and back to the file on disk.
 */
export interface AssetFingerprints {
  urls: Map<string, string>;
  files: Map<string, string>;
}

/** Ten hex digits of SHA-256: enough that two versions of one file never share a URL. */
export function contentHash(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 10);
}

/**
 * "/css/shop.css" + hash → "/css/shop.<hash>.css". The hash goes in the file name rather than a query
 * string: some caches ignore or refuse query strings, and the server can answer only the exact current
 * version, so a URL marked immutable never serves anything but the bytes it was named after.
 */
export function fingerprintedUrl(url: string, hash: string): string {
  const extension = path.posix.extname(url);
  return `${url.slice(0, url.length - extension.length)}.${hash}${extension}`;
}

/** Hashes every file in the given folders of publicDir once, at start (a small set: stylesheets, icons). */
export function fingerprintAssets(publicDir: string, folders: string[] = FINGERPRINTED_FOLDERS): AssetFingerprints {
  const urls = new Map<string, string>();
  const files = new Map<string, string>();
  for (const folder of folders) {
    // git keeps no empty folders: public/js may not exist in a fresh checkout.
    if (!existsSync(path.join(publicDir, folder))) continue;
    const entries = readdirSync(path.join(publicDir, folder), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const entry of entries) {
      const file = path.join(entry.parentPath, entry.name);
      const url = `/${path.relative(publicDir, file).split(path.sep).join('/')}`;
      const fingerprinted = fingerprintedUrl(url, contentHash(readFileSync(file)));
      urls.set(url, fingerprinted);
      files.set(fingerprinted, file);
    }
  }
  return { urls, files };
}

/**
 * Serves fingerprinted URLs with a year's immutable cache: the name changes whenever the content does, so
 * a browser never has to ask again. Anything else (plain URLs, an old hash) falls through to the ordinary
 * static files with their short cache, or to a 404.
 */
export function serveFingerprintedAssets(fingerprints: AssetFingerprints) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const file = req.method === 'GET' || req.method === 'HEAD' ? fingerprints.files.get(req.path) : undefined;
    if (!file) return next();
    res.sendFile(file, { maxAge: '365d', immutable: true }, (error) => {
      // An aborted download has already sent its headers: nothing left to answer.
      if (error && !res.headersSent) next(error);
    });
  };
}
