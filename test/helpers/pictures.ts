import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** Where the tests' photos were "taken": Lahore, as a phone writes it into the EXIF GPS fields. */
export const GPS_EXIF = { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 33/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '74/1 20/1 0/1' } };

/** A phone photo: a JPEG of `colour` carrying GPS coordinates in its EXIF. */
export function aPhotoWithGps(colour = '#7a4b8c', size = { width: 800, height: 1000 }): Promise<Buffer> {
  return sharp({ create: { ...size, channels: 3, background: colour } })
    .jpeg()
    .withExif(GPS_EXIF)
    .toBuffer();
}

export function aPng(colour = '#c0573e', size = { width: 400, height: 500 }): Promise<Buffer> {
  return sharp({ create: { ...size, channels: 4, background: colour } })
    .png()
    .toBuffer();
}

/** The start of a PDF document: what a "photo.jpg" that is really a PDF holds. */
export function aPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
}

/** The first half of a real JPEG, as an upload cut short leaves it. */
export async function aTruncatedJpeg(): Promise<Buffer> {
  const whole = await aPhotoWithGps('#335577');
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/**
 * A decompression bomb: a valid PNG of a few dozen bytes whose header declares `side` × `side` pixels
 * (30,000² is 900 million, 2.7 GB decoded). Made from a 1 × 1 PNG with its header's size and checksum rewritten.
 */
export async function aDecompressionBomb(side = 30_000): Promise<Buffer> {
  const bomb = Buffer.from(await aPng('#ffffff', { width: 1, height: 1 }));
  // The IHDR chunk: length (4) and type (4) at 8, width at 16, height at 20, its CRC over type and data at 29.
  bomb.writeUInt32BE(side, 16);
  bomb.writeUInt32BE(side, 20);
  bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)) >>> 0, 29);
  return bomb;
}
