/**
 * A small least-recently-used map, bounded by a total weight (by default one per entry; the page
 * cache weighs its bodies in characters). A Map keeps insertion order, so a hit is moved to the end
 * and the first key is the oldest.
 */
export class Lru<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(readonly size: number, private readonly weigh: (value: V) => number = () => 1) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    if (weight > this.size) return; // larger than the whole cache: not kept
    this.entries.set(key, { value, weight });
    this.total += weight;
    while (this.total > this.size) this.delete(this.entries.keys().next().value!);
  }

  /** Removes the entry (only while it still holds `value`, when given). */
  delete(key: string, value?: V): void {
    const entry = this.entries.get(key);
    if (entry === undefined || (value !== undefined && entry.value !== value)) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get count(): number {
    return this.entries.size;
  }

  /** The sum of the entries' weights. */
  get weight(): number {
    return this.total;
  }
}

/**
 * Values computed from a database state, kept under a key with the fingerprint of the state they
 * were computed from: asked again under the same fingerprint, the kept value is given; under
 * another, it is computed again and replaces it. Requests that ask together share one computation;
 * a failed computation is not kept. Bounded like `Lru` (entries, least recently used out first).
 */
export class Memo<T> {
  private readonly entries: Lru<{ fingerprint: string; value: Promise<T> }>;

  constructor(size: number) {
    this.entries = new Lru(size);
  }

  get(key: string, fingerprint: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.fingerprint === fingerprint) return hit.value;
    const entry = { fingerprint, value: compute() };
    entry.value.catch(() => this.entries.delete(key, entry));
    this.entries.set(key, entry);
    return entry.value;
  }

  get count(): number {
    return this.entries.count;
  }
}

/** One Memo per database (tests open many in one process; a value of one never answers for another). */
export function memoPerDatabase<T>(size: number): (db: object) => Memo<T> {
  const memos = new WeakMap<object, Memo<T>>();
  return (db) => {
    let memo = memos.get(db);
    if (!memo) memos.set(db, memo = new Memo<T>(size));
    return memo;
  };
}
