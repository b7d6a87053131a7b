import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { connect, type Connection } from './db/connect.js';
import { TooManyRequestsError } from './errors.js';
import { retentionRules } from './privacy.js';
import { attemptsSince, checkLimit, clearAttempts, keyOf, limitFailures, pruneAttempts, recordAttempt } from './rate-limit.js';

describeEachEngine('rate limits', (engine) => {
  let tp: TestPlatform;
  let second: Connection;

  beforeEach(async () => {
    tp = await openTestPlatform(engine);
    second = connect(tp.databaseUrl); // a second "server process" on the same database
  });
  afterEach(async () => {
    await second.close();
    await tp.close();
  });

  const keys = async () => (await tp.platform.db.selectFrom('rate_limit_attempts').select('key').execute()).map((r) => r.key);

  it('keys a value per purpose with the installation secret, never storing the value', async () => {
    const key = keyOf(tp.platform, 'test.address', '198.51.100.7');
    expect(key).toBe(keyOf({ secret: tp.platform.secret }, 'test.address', '198.51.100.7'));
    expect(key.startsWith('test.address:')).toBe(true);
    expect(key).not.toBe(keyOf(tp.platform, 'test.other', '198.51.100.7'));
    expect(key).not.toBe(keyOf({ secret: 'another installation' }, 'test.address', '198.51.100.7'));
    await recordAttempt(tp.platform.db, key);
    expect(JSON.stringify(await tp.platform.db.selectFrom('rate_limit_attempts').selectAll().execute())).not.toContain('198.51.100');
  });

  it('refuses the attempt after the maximum within the window, for every process, with Retry-After', async () => {
    const limit = { key: keyOf(tp.platform, 'test.limit', 'a'), max: 3, windowMinutes: 15 };
    const other = { ...limit, key: keyOf(tp.platform, 'test.limit', 'b') };
    for (let i = 0; i < 3; i++) {
      await checkLimit(tp.platform.db, limit);
      await recordAttempt(tp.platform.db, limit.key);
    }
    const error = await checkLimit(second.db, limit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(15 * 60);
    expect((error as TooManyRequestsError).params).toEqual({ minutes: 15 });
    await expect(checkLimit(second.db, { ...limit, messageKey: 'test.refused' })).rejects.toMatchObject({ status: 429, key: 'test.refused' });
    await expect(checkLimit(tp.platform.db, other)).resolves.toBeUndefined();
    // Attempts from before the window do not count.
    expect(await attemptsSince(tp.platform.db, limit.key, new Date(Date.now() - 60_000))).toBe(3);
    expect(await attemptsSince(tp.platform.db, limit.key, new Date(Date.now() + 1000))).toBe(0);
    await clearAttempts(second.db, limit.key);
    await expect(checkLimit(tp.platform.db, limit)).resolves.toBeUndefined();
    await expect(checkLimit(tp.platform.db, { ...limit, windowMinutes: 25 * 60 })).rejects.toThrow(/at most/);
  });

  it('counts only failures under limitFailures, and clears on success', async () => {
    const account = { key: keyOf(tp.platform, 'test.account', 'kees'), max: 2, windowMinutes: 15 };
    const address = { key: keyOf(tp.platform, 'test.address', '192.0.2.1'), max: 5, windowMinutes: 15 };
    const wrong = () => limitFailures(tp.platform.db, [account, address], async () => { throw new Error('wrong'); }, { failed: (e) => e instanceof Error && e.message === 'wrong', clearOnSuccess: [account.key] });
    const right = () => limitFailures(tp.platform.db, [account, address], async () => 'ok', { failed: () => true, clearOnSuccess: [account.key] });
    await expect(wrong()).rejects.toThrow('wrong');
    expect(await right()).toBe('ok');
    expect((await keys()).sort()).toEqual([address.key]); // the account's failure is cleared, the address keeps it
    await expect(wrong()).rejects.toThrow('wrong');
    await expect(wrong()).rejects.toThrow('wrong');
    await expect(right()).rejects.toBeInstanceOf(TooManyRequestsError); // even the right one waits
    // Another kind of error is no failure: nothing is recorded.
    const before = (await keys()).length;
    await expect(limitFailures(tp.platform.db, [address], async () => { throw new Error('other'); }, { failed: (e) => e instanceof Error && e.message === 'wrong' })).rejects.toThrow('other');
    expect((await keys()).length).toBe(before);
  });

  it('prunes attempts older than a day, by itself and through the retention job', async () => {
    const key = keyOf(tp.platform, 'test.prune', 'x');
    await recordAttempt(tp.platform.db, key, new Date(Date.now() - 2 * 86400_000));
    await recordAttempt(tp.platform.db, key, new Date(Date.now() - 2 * 3600_000));
    await recordAttempt(tp.platform.db, key);
    await pruneAttempts(tp.platform.db);
    expect(await attemptsSince(tp.platform.db, key, new Date(0))).toBe(2);
    const rule = retentionRules().find((r) => r.name === 'rate_limit_attempts')!;
    expect(rule.days).toBe(1);
    await rule.run(tp.platform.db, new Date(Date.now() - 3600_000).toISOString());
    expect(await attemptsSince(tp.platform.db, key, new Date(0))).toBe(1);
  });
});
