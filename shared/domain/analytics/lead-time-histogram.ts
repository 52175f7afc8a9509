/**
 * Lead times kept as a mergeable histogram with fixed logarithmic buckets, so percentiles can be
 * read over any set of hours and channels by adding bucket counts: a sum of p90s would mean nothing.
 *
 * Bucket i holds durations d (in seconds) with 2^(i/4) <= d < 2^((i+1)/4); everything under 2^(1/4) s
 * is bucket 0. Four buckets per doubling: each bucket spans a factor 2^(1/4) ≈ 1.19, and a percentile
 * is reported as the bucket's geometric middle, within ±9.5 % of the true value. 90 buckets reach
 * beyond 60 days, more than any order waits; a duration is never dropped (the last bucket is open).
 */
export const bucketsPerDoubling = 4;
export const maxBucket = 95;

/** Field prefix per lead time, in the counters of an hour: `shipLt:<bucket>`. */
export const leadTimeKinds = { placedToShipped: 'shipLt', placedToDelivered: 'delLt' } as const;
export type LeadTimeKind = keyof typeof leadTimeKinds;

export function bucketOf(seconds: number): number {
  if (!(seconds >= 2 ** (1 / bucketsPerDoubling))) return 0;
  return Math.min(maxBucket, Math.floor(bucketsPerDoubling * Math.log2(seconds) + 1e-9));
}

/** The value a bucket stands for: the geometric middle of its bounds, in seconds. */
export const bucketValue = (bucket: number): number => 2 ** ((bucket + 0.5) / bucketsPerDoubling);

export type Histogram = ReadonlyMap<number, number>;

/**
 * The nearest-rank percentile (p in 0..1) of a histogram: the smallest bucket holding at least
 * ceil(p × n) of the n durations, as that bucket's value. Undefined for an empty histogram.
 */
export function percentileOf(histogram: Histogram, p: number): number | undefined {
  const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) return bucketValue(bucket);
  }
  return undefined;
}
