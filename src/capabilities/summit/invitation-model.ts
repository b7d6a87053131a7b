/**
 * Invitations to a BuurtTop: pure rules, no I/O. Organisers invite a group — residents, key
 * people, entrepreneurs, professionals, officials, council members — by pasting addresses one per
 * line or separated by commas or semicolons. A list with one bad address sends nothing: the
 * error names every bad line. Addresses are not kept: only the group, how many and when.
 */
export const INVITATION_GROUPS = ['residents', 'keyPeople', 'entrepreneurs', 'professionals', 'officials', 'council'] as const;
export type InvitationGroup = (typeof INVITATION_GROUPS)[number];

export const MAX_INVITATIONS = 500;
export const MAX_INVITATION_MESSAGE = 1000;

/** An address as a mail server takes it: something@domain.tld, no spaces, at most 254 characters. */
export const isMailAddress = (value: string) => value.length <= 254 && /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/.test(value);

export interface AddressList {
  /** Valid, in lower case, each once, in the order given. */
  addresses: string[];
  /** Every value that is not an address, with its line (1-based). */
  bad: Array<{ line: number; value: string }>;
}

export function parseAddressList(text: string): AddressList {
  const addresses: string[] = [];
  const bad: AddressList['bad'] = [];
  text.split(/\r?\n/).forEach((row, index) => {
    for (const part of row.split(/[,;]/)) {
      const value = part.trim().replace(/^<(.*)>$/, '$1');
      if (value === '') continue;
      if (!isMailAddress(value)) bad.push({ line: index + 1, value });
      else if (!addresses.includes(value.toLowerCase())) addresses.push(value.toLowerCase());
    }
  });
  return { addresses, bad };
}
