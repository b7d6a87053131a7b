import type { Platform } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { keyOf, type Limit } from '../../platform/rate-limit.js';
import { LOGIN_WINDOW_MINUTES, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from './model.js';

/**
 * Signing in is throttled on failures (platform/rate-limit.ts): per account (the e-mail address
 * for passwords, the person for codes of the second step) and per address, which passwords and
 * codes share.
 */
export const SIGN_IN_PURPOSES = { password: 'login.account', secondFactor: 'login.secondFactor', address: 'login.address' } as const;

export function signInLimits(platform: Pick<Platform, 'secret'>, purpose: 'password' | 'secondFactor', account: string, address: string): [Limit, Limit] {
  return [
    { key: keyOf(platform, SIGN_IN_PURPOSES[purpose], account), max: MAX_FAILURES_PER_ACCOUNT, windowMinutes: LOGIN_WINDOW_MINUTES },
    { key: keyOf(platform, SIGN_IN_PURPOSES.address, address), max: MAX_FAILURES_PER_ADDRESS, windowMinutes: LOGIN_WINDOW_MINUTES },
  ];
}

/** Whether an error is the validation error with this message key (a wrong password, a wrong code). */
export const failedWith = (key: string) => (error: unknown): boolean => error instanceof ValidationError && error.issues.some((i) => i.key === key);
