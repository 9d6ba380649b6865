import { base32Decode, base32Encode, newTotpSecret, otpauthUri, totp, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated to the hash's key length.
const SEEDS = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};

const VECTORS: [number, string, keyof typeof SEEDS][] = [
  [59, '94287082', 'sha1'],
  [59, '46119246', 'sha256'],
  [59, '90693936', 'sha512'],
  [1111111109, '07081804', 'sha1'],
  [1111111109, '68084774', 'sha256'],
  [1111111109, '25091201', 'sha512'],
  [1111111111, '14050471', 'sha1'],
  [1111111111, '67062674', 'sha256'],
  [1111111111, '99943326', 'sha512'],
  [1234567890, '89005924', 'sha1'],
  [1234567890, '91819424', 'sha256'],
  [1234567890, '93441116', 'sha512'],
  [2000000000, '69279037', 'sha1'],
  [2000000000, '90698825', 'sha256'],
  [2000000000, '38618901', 'sha512'],
  [20000000000, '65353130', 'sha1'],
  [20000000000, '77737706', 'sha256'],
  [20000000000, '47863826', 'sha512'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i seconds gives %s with %s', (seconds, code, algorithm) => {
    expect(totp(SEEDS[algorithm], seconds * 1000, { digits: 8, algorithm })).toBe(code);
  });

  it('gives the last six digits by default, the way authenticator apps show them', () => {
    expect(totp(base32Encode(SEEDS.sha1), 59_000)).toBe('287082');
  });

  it('accepts the code of the step before and after, but not two steps away', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    for (const offset of [-30_000, 0, 30_000]) expect(verifyTotp(secret, totp(secret, now + offset), now)).toBe(true);
    for (const offset of [-60_000, 60_000, 3_600_000]) expect(verifyTotp(secret, totp(secret, now + offset), now)).toBe(false);
  });

  it('refuses anything that is not six digits, and tolerates spaces typed in the middle', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const code = totp(secret, now);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(true);
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`]) expect(verifyTotp(secret, bad, now)).toBe(false);
  });
});

describe('base32 (RFC 4648)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %s and back', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(plain);
  });

  it('reads secrets typed in lower case with spaces and padding', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow('Not a base32 secret');
  });

  it('makes 160-bit secrets', () => {
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(newTotpSecret());
  });
});

describe('otpauthUri', () => {
  it('names the shop and the account, and carries the secret', () => {
    expect(otpauthUri('Anarkali', 'owner@anarkali.test', 'JBSWY3DPEHPK3PXP')).toBe(
      'otpauth://totp/Anarkali:owner%40anarkali.test?secret=JBSWY3DPEHPK3PXP&issuer=Anarkali&algorithm=SHA1&digits=6&period=30',
    );
  });
});
