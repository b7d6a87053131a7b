/** Statistics and formatting shared by the parts of `npm run bench`. */

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
export const fmtRps = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');
export const fmtCount = (value: number) => value.toLocaleString('en-US');
export const fmtRatio = (value: number) => (!Number.isFinite(value) ? '–' : value >= 10 ? `${value.toFixed(0)}×` : value >= 0.1 ? `${value.toFixed(2)}×` : `${value.toFixed(3)}×`);
/** Milliseconds, with the unit: "850 ms", "12.3 s". */
export const fmtDuration = (ms: number) => (!Number.isFinite(ms) ? '–' : ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);
