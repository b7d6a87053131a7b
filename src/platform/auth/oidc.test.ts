import { expect, it } from 'vitest';
import { claimValues, idpSignInIsStrong, isLoopbackHost, issuerProblem, rolesFromClaims, verifiedEmail, type RoleMapping } from './oidc.js';

it('allows http only for an issuer on the loopback address', () => {
  expect(issuerProblem('https://login.gemeente.example/realms/staff')).toBeNull();
  expect(issuerProblem('http://127.0.0.1:4567')).toBeNull();
  expect(issuerProblem('http://localhost:4567/oidc')).toBeNull();
  expect(issuerProblem('http://[::1]:4567')).toBeNull();
  expect(issuerProblem('http://login.gemeente.example')).toBe('insecure');
  expect(issuerProblem('http://10.0.0.5')).toBe('insecure');
  expect(issuerProblem('http://127.0.0.1.evil.example')).toBe('insecure');
  expect(issuerProblem('ftp://login.gemeente.example')).toBe('invalid');
  expect(issuerProblem('https://user:pw@login.gemeente.example')).toBe('invalid');
  expect(issuerProblem('not a url')).toBe('invalid');
  expect(isLoopbackHost('127.8.9.10')).toBe(true);
  expect(isLoopbackHost('128.0.0.1')).toBe(false);
});

it('maps claim values to roles, from arrays, strings and nested claims', () => {
  const mapping: RoleMapping = { official: ['medewerkers', 'sociaal-domein'], council_member: ['raad'], administrator: ['ba-beheer'], moderator: ['redactie'], professional: [] };
  expect(rolesFromClaims({ groups: ['sociaal-domein', 'ba-beheer', 'iets-anders'] }, 'groups', mapping)).toEqual(['official', 'administrator']);
  expect(rolesFromClaims({ roles: 'raad medewerkers' }, 'roles', mapping)).toEqual(['official', 'council_member']);
  expect(rolesFromClaims({ realm_access: { roles: ['raad'] } }, 'realm_access.roles', mapping)).toEqual(['council_member']);
  expect(rolesFromClaims({ groups: 'ba-beheer' }, 'missing', mapping)).toEqual([]);
  expect(rolesFromClaims({ groups: ['redactie'] }, 'groups', mapping)).toEqual(['moderator']);
  expect(claimValues({ groups: [1, 'a', null] }, 'groups')).toEqual(['a']);
});

it('takes only a verified e-mail address', () => {
  expect(verifiedEmail({ email: 'Olga@Gemeente.example', email_verified: true })).toBe('olga@gemeente.example');
  expect(verifiedEmail({ email: 'olga@gemeente.example', email_verified: false })).toBeNull();
  expect(verifiedEmail({ email: 'olga@gemeente.example' })).toBeNull();
  expect(verifiedEmail({ email_verified: true })).toBeNull();
});

it('counts the provider sign-in as strong when trusted, or when amr shows a second factor', () => {
  expect(idpSignInIsStrong({ amr: [] }, true)).toBe(true);
  expect(idpSignInIsStrong({ amr: ['pwd'] }, false)).toBe(false);
  expect(idpSignInIsStrong({ amr: ['pwd', 'otp'] }, false)).toBe(true);
  expect(idpSignInIsStrong({ amr: ['mfa'] }, false)).toBe(true);
});
