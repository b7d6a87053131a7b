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
