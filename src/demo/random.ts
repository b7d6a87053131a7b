/** A small seeded PRNG (mulberry32) so the demo is the same on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between(min: number, max: number) { return min + (max - min) * next(); },
    int(min: number, max: number) { return Math.floor(min + (max - min + 1) * next()); },
    pick<T>(items: readonly T[]): T { return items[Math.floor(next() * items.length)]!; },
  };
}
export type Random = ReturnType<typeof seededRandom>;
