import { createHmac, randomInt } from 'node:crypto';
import { derivedKey } from './secret-box.js';

/**
 * Recovery codes: ten single-use codes of ten characters (about 50 bits each), shown once and
 * stored only as a keyed hash (HMAC-SHA-256 with a key derived from the installation secret and
 * bound to the person), so the table alone does not allow an offline search.
 */
export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: codes are read from paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newRecoveryCode());
  return [...codes];
}

/** The code as typed: case, spaces and hyphens do not matter. Null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z0-9]{10}$/.test(code) ? code : null;
}

export function hashRecoveryCode(installationSecret: string, personId: string, input: string): string | null {
  const code = normaliseRecoveryCode(input);
  if (!code) return null;
  return createHmac('sha256', derivedKey(installationSecret, 'recovery-codes')).update(`${personId}:${code}`).digest('hex');
}
