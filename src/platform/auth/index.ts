/**
 * Strong login, the platform's part: TOTP (RFC 6238), recovery codes, encryption of secrets at
 * rest, a QR code as SVG, and the OpenID Connect relying party. The parties capability owns the
 * accounts and tables and builds sign-in on these.
 */
export * from './totp.js';
export * from './recovery-codes.js';
export { seal, open, derivedKey } from './secret-box.js';
export { qrSvg } from './qr.js';
export * from './oidc.js';
