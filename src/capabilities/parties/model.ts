import { promisify } from 'node:util';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Kinds of organisation, grouped as the later capabilities need them. */
export const organisationKinds = [
  // resident organisations
  'association', 'foundation', 'informal_group', 'cooperative', 'platform',
  // neighbourhood bodies and committees
  'neighbourhood_body', 'mixed_committee',
  // working and task groups (usually under a body or an organisation)
  'working_group', 'task_group',
  // providers
  'welfare_organisation', 'municipal_department', 'freelancer',
  // host organisations for informal groups
  'host_organisation',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const residentKinds: readonly OrganisationKind[] = ['association', 'foundation', 'informal_group', 'cooperative', 'platform', 'working_group', 'task_group'];
export const providerKinds: readonly OrganisationKind[] = ['welfare_organisation', 'municipal_department', 'freelancer'];

export const organisationCategories: Record<string, readonly OrganisationKind[]> = {
  resident: ['association', 'foundation', 'informal_group', 'cooperative', 'platform'],
  body: ['neighbourhood_body', 'mixed_committee'],
  group: ['working_group', 'task_group'],
  provider: providerKinds,
  host: ['host_organisation'],
};

export const duties = ['chair', 'secretary', 'treasurer', 'board_member', 'audit_committee_member', 'member', 'facilitator'] as const;
export type Duty = (typeof duties)[number];
/** Duties that are public: who speaks and signs for an organisation. */
export const boardDuties: readonly Duty[] = ['chair', 'secretary', 'treasurer', 'board_member', 'audit_committee_member'];
/** Duties that may manage an organisation's details and members. */
export const managingDuties: readonly Duty[] = ['chair', 'secretary'];

// scrypt with N=2^15, r=8, p=1 (~40 ms, 32 MiB): the OWASP minimum for scrypt.
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFKC'), salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return timingSafeEqual(expected, actual);
}

/** A hash to compare against when the account does not exist, so timing does not reveal which e-mail addresses have accounts. */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Login throttling: failures counted per account and per address within a window. */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
