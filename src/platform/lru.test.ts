import { describe, expect, it } from 'vitest';
import { Lru } from './lru.js';

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
