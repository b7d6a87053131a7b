import { expect, it } from 'vitest';
import { base32Decode, base32Encode, groupedSecret, hotp, matchTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp.js';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.js';
import { open, seal } from './secret-box.js';
import { qrSvg } from './qr.js';

// RFC 6238 appendix B (SHA-1 key "12345678901234567890"); the test vectors have 8 digits, apps use the last 6.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const vectors: Array<[number, string]> = [[59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130']];

it('computes the RFC 6238 test vectors (8 digits) and their 6-digit codes', () => {
  for (const [seconds, expected] of vectors) {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(expected);
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(expected.slice(2));
  }
  // RFC 4226 appendix D: HOTP values for counters 0 and 9.
  expect(hotp(Buffer.from('12345678901234567890'), 0)).toBe('755224');
  expect(hotp(Buffer.from('12345678901234567890'), 9)).toBe('520489');
});

it('encodes and decodes base32 as apps and people write it', () => {
  expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  expect(base32Decode('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq').toString()).toBe('12345678901234567890');
  for (let n = 0; n < 30; n++) {
    const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 255));
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  }
  expect(() => base32Decode('NOT-BASE32-1!')).toThrow();
  expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  expect(groupedSecret('ABCDEFGHIJKLMNOP')).toBe('ABCD EFGH IJKL MNOP');
});

it('accepts one step of drift either way, never older codes, and never a step twice', () => {
  const now = 1_700_000_000_000;
  const step = totpStep(now);
  const codeAt = (offset: number) => totpCode(RFC_SECRET, now + offset * 30_000);
  expect(matchTotp(RFC_SECRET, codeAt(0), { timeMs: now })).toBe(step);
  expect(matchTotp(RFC_SECRET, codeAt(-1), { timeMs: now })).toBe(step - 1);
  expect(matchTotp(RFC_SECRET, codeAt(1), { timeMs: now })).toBe(step + 1);
  expect(matchTotp(RFC_SECRET, codeAt(-2), { timeMs: now })).toBeNull();
  expect(matchTotp(RFC_SECRET, codeAt(2), { timeMs: now })).toBeNull();
  // Replay: once step N was accepted, the code of N (and anything older) is refused.
  expect(matchTotp(RFC_SECRET, codeAt(0), { timeMs: now, after: step })).toBeNull();
  expect(matchTotp(RFC_SECRET, codeAt(-1), { timeMs: now, after: step - 1 })).toBeNull();
  expect(matchTotp(RFC_SECRET, codeAt(1), { timeMs: now, after: step })).toBe(step + 1);
  // Spaces are fine; letters and wrong lengths are not codes.
  expect(matchTotp(RFC_SECRET, `${codeAt(0).slice(0, 3)} ${codeAt(0).slice(3)}`, { timeMs: now })).toBe(step);
  expect(matchTotp(RFC_SECRET, 'abcdef', { timeMs: now })).toBeNull();
  expect(matchTotp(RFC_SECRET, codeAt(0).slice(1), { timeMs: now })).toBeNull();
});

it('writes the otpauth:// key URI that authenticator apps read', () => {
  const uri = otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Buurtarena', account: 'anna@example.org' });
  expect(uri).toBe('otpauth://totp/Buurtarena:anna%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Buurtarena&algorithm=SHA1&digits=6&period=30');
});

it('makes ten distinct recovery codes, read back however they are typed, hashed per person', () => {
  const codes = newRecoveryCodes();
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  const code = codes[0]!;
  expect(normaliseRecoveryCode(` ${code.toUpperCase().replace('-', ' ')} `)).toBe(code.replace('-', ''));
  expect(normaliseRecoveryCode('123456')).toBeNull();
  const hash = hashRecoveryCode('installation-secret', 'person-1', code)!;
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(hashRecoveryCode('installation-secret', 'person-1', code.toUpperCase())).toBe(hash);
  expect(hashRecoveryCode('installation-secret', 'person-2', code)).not.toBe(hash);
  expect(hashRecoveryCode('another-secret', 'person-1', code)).not.toBe(hash);
});

it('seals secrets with AES-256-GCM bound to purpose and context; anything else does not open', () => {
  const sealed = seal('installation-secret', 'totp-secret', 'JBSWY3DPEHPK3PXP', 'person-1');
  expect(sealed).toMatch(/^v1\./);
  expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
  expect(seal('installation-secret', 'totp-secret', 'JBSWY3DPEHPK3PXP', 'person-1')).not.toBe(sealed); // a fresh IV each time
  expect(open('installation-secret', 'totp-secret', sealed, 'person-1')).toBe('JBSWY3DPEHPK3PXP');
  expect(() => open('installation-secret', 'totp-secret', sealed, 'person-2')).toThrow();
  expect(() => open('installation-secret', 'oidc-client-secret', sealed, 'person-1')).toThrow();
  expect(() => open('another-secret', 'totp-secret', sealed, 'person-1')).toThrow();
  const [v, iv, tag, data] = sealed.split('.');
  const flipped = Buffer.from(data!, 'base64url');
  flipped[0] = flipped[0]! ^ 1;
  expect(() => open('installation-secret', 'totp-secret', [v, iv, tag, flipped.toString('base64url')].join('.'), 'person-1')).toThrow();
});

it('draws a QR code as accessible inline SVG without style attributes or scripts', () => {
  const svg = qrSvg(otpauthUri({ secret: newTotpSecret(), issuer: 'Buurtarena', account: 'a.very.long.address@voorbeeldstad.example' }), 'QR-code "test"').value;
  expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="QR-code &quot;test&quot;"/);
  expect(svg).toMatch(/viewBox="0 0 (\d+) \1"/);
  expect(svg).toContain('<path fill="#000000" d="M');
  expect(svg).not.toMatch(/style=|<script/);
});
