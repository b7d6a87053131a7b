/**
 * Registering for a BuurtTop: pure types and rules, no I/O.
 *
 * Anyone registers without an account: a name, an e-mail address (for the confirmation link; an
 * organiser registering someone by hand may leave it out and write a phone number), the themes
 * (the summit's working groups) they want to talk about, and what they need to take part —
 * access needs, language help, child care. A registration is `pending` until its link is
 * followed; then it takes a place (`confirmed`) or, when every place is taken, joins the waiting
 * list (`waiting`, in the order of confirming). `cancelled` frees the place for the first waiting.
 *
 * Personal data is kept until `RETENTION_DAYS_AFTER_END` days after the day ended; then the
 * retention job replaces the registrations by their counts (`registrationCounts`).
 */

export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** How long a confirmation link works. */
export const CONFIRM_HOURS = 48;
/**
 * Registrations' personal data goes 30 days after the summit's end: long enough to answer
 * questions after the day and to send the agenda's first draft (the plan's "draft" step is at
 * +42 days and is sent to the organisation's own list, not to registrants), short enough that
 * access needs and child care are not kept for a next summit.
 */
export const RETENTION_DAYS_AFTER_END = 30;

export const MAX_NAME = 120;
export const MAX_NEEDS = 500;
export const MAX_LANGUAGE = 80;
export const MAX_CHILDREN = 20;

/** Only while registration is open may residents register; organisers also later (until the day is held). */
export function registrationIsOpen(status: string): boolean {
  return status === 'registration';
}

export function organisersMayRegister(status: string): boolean {
  return status === 'preparation' || status === 'registration';
}

/** The place a newly confirmed registration gets: a seat while fewer than `capacity` are confirmed (no capacity: always). */
export function placeFor(confirmed: number, capacity: number | null): 'confirmed' | 'waiting' {
  return capacity === null || confirmed < capacity ? 'confirmed' : 'waiting';
}

/** How many of the waiting list move up when `confirmed` of `capacity` places are taken. */
export function placesFree(confirmed: number, capacity: number | null, waiting: number): number {
  if (capacity === null) return waiting;
  return Math.max(0, Math.min(waiting, capacity - confirmed));
}

/** The instant after which the summit's registrations lose their personal data. */
export function personalDataUntil(endsAt: string): string {
  return new Date(Date.parse(endsAt) + RETENTION_DAYS_AFTER_END * 86_400_000).toISOString();
}

/** A phone number as people write it: digits, spaces, +, -, (, ), at least 6 digits. */
export function isPhoneNumber(value: string): boolean {
  return /^[+0-9 ()-]{6,24}$/.test(value) && (value.match(/\d/g) ?? []).length >= 6;
}

export interface RegistrationLike {
  status: RegistrationStatus;
  themes: readonly string[];
  accessNeeds: string | null;
  languageHelp: string | null;
  children: number | null;
  /** Whether they came (recorded by the organisers on or after the day), or null when not recorded. */
  attended?: boolean | null;
}

export interface RegistrationCounts {
  confirmed: number;
  waiting: number;
  pending: number;
  cancelled: number;
  /** Per working group id: confirmed and waiting registrations that chose it. */
  perTheme: Record<string, number>;
  /** Of the confirmed: how many asked for access needs or language help, and the children to care for. */
  accessNeeds: number;
  languageHelp: Record<string, number>;
  children: number;
  /** Of those with a place or on the waiting list: how many came, and how many did not (as the organisers recorded). */
  attended: number;
  absent: number;
}

/** Counts kept before attendance was recorded lack its fields: they count as none. */
export function withAttendance(counts: Omit<RegistrationCounts, 'attended' | 'absent'> & Partial<RegistrationCounts>): RegistrationCounts {
  return { ...counts, attended: counts.attended ?? 0, absent: counts.absent ?? 0 };
}

/**
 * What the organisers prepare for and what the record keeps: counts per status, per theme (of
 * those coming or waiting), and of the confirmed: access needs, language help per language, children.
 */
export function registrationCounts(registrations: readonly RegistrationLike[]): RegistrationCounts {
  const counts: RegistrationCounts = { confirmed: 0, waiting: 0, pending: 0, cancelled: 0, perTheme: {}, accessNeeds: 0, languageHelp: {}, children: 0, attended: 0, absent: 0 };
  for (const r of registrations) {
    counts[r.status] += 1;
    if (mayAttend(r.status) && r.attended === true) counts.attended += 1;
    if (mayAttend(r.status) && r.attended === false) counts.absent += 1;
    if (r.status === 'confirmed' || r.status === 'waiting') for (const theme of r.themes) counts.perTheme[theme] = (counts.perTheme[theme] ?? 0) + 1;
    if (r.status !== 'confirmed') continue;
    if (r.accessNeeds) counts.accessNeeds += 1;
    if (r.languageHelp) {
      const language = r.languageHelp.trim().toLowerCase();
      counts.languageHelp[language] = (counts.languageHelp[language] ?? 0) + 1;
    }
    counts.children += r.children ?? 0;
  }
  return counts;
}

// ---- attendance ----------------------------------------------------------------------------------

/** Whose attendance is recorded: those with a place, and those on the waiting list (who may have come all the same). */
export const mayAttend = (status: RegistrationStatus) => status === 'confirmed' || status === 'waiting';

/**
 * Attendance is recorded on or after the day (`today` and the day as YYYY-MM-DD in Amsterdam), and
 * not for a cancelled summit: why not, or null when it may be.
 */
export function attendanceProblem(summitStatus: string, summitDay: string, today: string): 'notYet' | 'cancelled' | null {
  if (summitStatus === 'cancelled') return 'cancelled';
  if (summitDay > today) return 'notYet';
  return null;
}

export interface AttendanceTotals {
  /** Registered (a place or waiting) and came; registered and did not; registered and not recorded. */
  attended: number;
  absent: number;
  unknown: number;
  /** People who came without registering. */
  walkIns: number;
  /** Everyone who was there: the registered who came and the walk-ins. */
  present: number;
}

export function attendanceTotals(counts: Pick<RegistrationCounts, 'confirmed' | 'waiting' | 'attended' | 'absent'>, walkIns: number): AttendanceTotals {
  const unknown = Math.max(0, counts.confirmed + counts.waiting - counts.attended - counts.absent);
  return { attended: counts.attended, absent: counts.absent, unknown, walkIns, present: counts.attended + walkIns };
}
