/**
 * A token bucket per client: a burst of `capacity` messages, then `perSecond` on average. Pure,
 * with the time handed in, so the transport supplies the clock and tests drive it by hand.
 */

export interface RateLimit {
  capacity: number;
  perSecond: number;
}

/** Generous for people clicking and typing, tight enough that a script flooding the room is cut off. */
export const DEFAULT_RATE_LIMIT: RateLimit = { capacity: 20, perSecond: 5 };

export interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in the caller's milliseconds. */
  at: number;
}

export const fullBucket = (limit: RateLimit, now: number): Bucket => ({ tokens: limit.capacity, at: now });

/** Takes one token if there is one; otherwise says how long until there will be. */
export function takeToken(bucket: Bucket, now: number, limit: RateLimit): { ok: boolean; bucket: Bucket; retryInMs: number } {
  // A clock that goes backwards (or a bogus time) must not mint tokens.
  const elapsed = Number.isFinite(now) && now > bucket.at ? now - bucket.at : 0;
  const tokens = Math.min(limit.capacity, bucket.tokens + (elapsed / 1000) * limit.perSecond);
  const at = Math.max(bucket.at, Number.isFinite(now) ? now : bucket.at);
  if (tokens >= 1) return { ok: true, bucket: { tokens: tokens - 1, at }, retryInMs: 0 };
  return { ok: false, bucket: { tokens, at }, retryInMs: Math.ceil(((1 - tokens) / limit.perSecond) * 1000) };
}
