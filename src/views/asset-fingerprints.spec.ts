import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentHash, fingerprintAssets, fingerprintedUrl } from './asset-fingerprints.js';

describe('asset fingerprints', () => {
  let publicDir: string;

  beforeEach(() => {
    publicDir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-assets-'));
    mkdirSync(path.join(publicDir, 'css'));
    mkdirSync(path.join(publicDir, 'img', 'icons'), { recursive: true });
  });
  afterEach(() => rmSync(publicDir, { recursive: true, force: true }));

  it('puts the content hash before the extension', () => {
    expect(fingerprintedUrl('/css/shop.css', 'abc123')).toBe('/css/shop.abc123.css');
    expect(contentHash('body { color: red }')).toMatch(/^[0-9a-f]{10}$/);
  });

  it('gives a changed file a different URL, and the same content the same URL', () => {
    writeFileSync(path.join(publicDir, 'css', 'shop.css'), 'body { color: red }');
    const before = fingerprintAssets(publicDir, ['css']).urls.get('/css/shop.css');
    expect(fingerprintAssets(publicDir, ['css']).urls.get('/css/shop.css')).toBe(before);

    writeFileSync(path.join(publicDir, 'css', 'shop.css'), 'body { color: blue }');
    const after = fingerprintAssets(publicDir, ['css']).urls.get('/css/shop.css');
    expect(after).toMatch(/^\/css\/shop\.[0-9a-f]{10}\.css$/);
    expect(after).not.toBe(before);
  });

  it('maps each fingerprinted URL back to its file, in nested folders, and skips a folder that is missing', () => {
    writeFileSync(path.join(publicDir, 'img', 'icons', 'cart.svg'), '<svg/>');
    const { urls, files } = fingerprintAssets(publicDir, ['css', 'img', 'js']);
    const url = urls.get('/img/icons/cart.svg');
    expect(url).toBe(`/img/icons/cart.${contentHash('<svg/>')}.svg`);
    expect(files.get(url as string)).toBe(path.join(publicDir, 'img', 'icons', 'cart.svg'));
  });
});
