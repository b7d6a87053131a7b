import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for small secrets (TOTP secrets, OIDC client secrets): AES-256-GCM with a
 * key derived by HKDF-SHA-256 from the installation secret (`platform.secret`), one key per
 * purpose. The context (e.g. the person's id) is bound as additional authenticated data, so a
 * sealed value copied to another row does not open. Changing SESSION_SECRET makes sealed values
 * unreadable: people then enrol their second factor again and administrators re-enter client secrets.
 */
const VERSION = 'v1';

/** The key for one purpose (also used as an HMAC key for values that are checked, never read back). */
export function derivedKey(installationSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', installationSecret, 'buurtarena-secret-box', `buurtarena:${purpose}`, 32));
}

export function seal(installationSecret: string, purpose: string, plaintext: string, context = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(installationSecret, purpose), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** Throws when the value was sealed with another key, purpose or context, or was changed. */
export function open(installationSecret: string, purpose: string, sealed: string, context = ''): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(installationSecret, purpose), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

