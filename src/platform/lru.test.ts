import { describe, expect, it } from 'vitest';
import { Lru, Memo, memoPerDatabase } from './lru.js';

describe('Lru', () => {
  it('keeps the most recently used entries and drops the oldest', () => {
    const lru = new Lru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // now b is the oldest
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.count]).toEqual([1, undefined, 3, 2]);
  });

  it('bounds the total weight, and keeps nothing heavier than the whole cache', () => {
    const lru = new Lru<string>(10, (s) => s.length);
    lru.set('a', 'xxxx');
    lru.set('b', 'yyyy');
    lru.set('a', 'xx'); // replaced: its old weight is given back
    expect(lru.weight).toBe(6);
    lru.set('c', 'zzzzzz'); // 12 > 10: b (the oldest) goes
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.weight]).toEqual(['xx', undefined, 'zzzzzz', 8]);
    lru.set('d', 'w'.repeat(11));
    expect([lru.get('d'), lru.count, lru.weight]).toEqual([undefined, 2, 8]);
  });

  it('deletes an entry only while it holds the given value', () => {
    const lru = new Lru<object>(5);
    const first = {};
    const second = {};
    lru.set('k', first);
    lru.set('k', second);
    lru.delete('k', first);
    expect(lru.get('k')).toBe(second);
    lru.delete('k');
    expect([lru.get('k'), lru.count, lru.weight]).toEqual([undefined, 0, 0]);
  });
});

describe('Memo', () => {
  it('gives the kept value under the same fingerprint and computes again under another', async () => {
    const memo = new Memo<number>(4);
    let computed = 0;
    const compute = async () => ++computed;
    expect(await memo.get('k', 'v1', compute)).toBe(1);
    expect(await memo.get('k', 'v1', compute)).toBe(1);
    expect(await memo.get('k', 'v2', compute)).toBe(2);
    expect(await memo.get('other', 'v2', compute)).toBe(3);
  });

  it('shares one computation between callers that ask together, and does not keep a failure', async () => {
    const memo = new Memo<string>(4);
    let calls = 0;
    const slow = async () => { calls++; await new Promise((r) => setTimeout(r, 5)); return 'x'; };
    expect(await Promise.all([memo.get('k', 'v', slow), memo.get('k', 'v', slow)])).toEqual(['x', 'x']);
    expect(calls).toBe(1);
    await expect(memo.get('f', 'v', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await memo.get('f', 'v', async () => 'fine')).toBe('fine');
  });

  it('keeps the values of one database apart from another', async () => {
    const memoOf = memoPerDatabase<string>(4);
    const [a, b] = [{}, {}];
    await memoOf(a).get('k', 'v', async () => 'a');
    expect(await memoOf(b).get('k', 'v', async () => 'b')).toBe('b');
    expect(await memoOf(a).get('k', 'v', async () => 'not again')).toBe('a');
  });
});
