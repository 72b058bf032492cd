/**
 * A token bucket per app: `limit` requests per minute, bursts up to `limit`. Kept in memory, so
 * with several Padu processes each allows the limit (documented in README).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; limit: number }>();

  /** Takes one request from the app's bucket; returns 0 when allowed, else seconds to wait. */
  take(key: string, limitPerMinute: number, now = Date.now()): number {
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.limit !== limitPerMinute) {
      bucket = { tokens: limitPerMinute, at: now, limit: limitPerMinute };
      this.buckets.set(key, bucket);
    }
    const perMs = limitPerMinute / 60_000;
    bucket.tokens = Math.min(limitPerMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}
