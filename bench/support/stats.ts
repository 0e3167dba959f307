/**
 * Small statistics for the benchmark tables: quantiles of latency samples and the min / median /
 * max spread of a number over several runs.
 */

/** The value at quantile `q` (0–1) of `values` by the nearest-rank method; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/** The median of `values` (the mean of the middle two for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** A number's spread over several runs. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** The min / median / max of `values`. */
export function spread(values: readonly number[]): Spread {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

/** `a / b`, or NaN when `b` is not a positive number. */
export function ratio(a: number, b: number): number {
  return b > 0 && Number.isFinite(b) ? a / b : Number.NaN;
}

/** Latency samples in milliseconds, collected one by one. */
export class LatencySamples {
  readonly #samples: number[] = [];

  /** Adds one sample. */
  add(ms: number): void {
    this.#samples.push(ms);
  }

  /** How many samples there are. */
  get count(): number {
    return this.#samples.length;
  }

  /** The value at quantile `q` (0–1). */
  quantile(q: number): number {
    return quantile(this.#samples, q);
  }
}
