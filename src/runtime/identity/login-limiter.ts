/**
 * Rate limit of failed logins, per username and per client IP, over a sliding window (default
 * 10 failures per username and 50 per IP in 15 minutes — an IP may be a whole office behind
 * NAT). Kept in memory: a restart forgets it, and several server processes each count their own
 * (documented in docs/api.md); the cost of argon2 bounds guessing in any case. A locked key
 * is refused before any password is checked.
 */
import type { Clock } from '../index.js';

/** Limits of {@link LoginLimiter}. */
export interface LoginLimits {
  /** Failures per username within the window before it is locked (default 10). */
  readonly maxFailuresPerUser?: number;
  /** Failures per client IP within the window before it is locked (default 50). */
  readonly maxFailuresPerIp?: number;
  /** The sliding window (default 15 minutes). */
  readonly windowMs?: number;
}

/** Keys tracked at most; the oldest are dropped beyond this (bounded memory under attack). */
const MAX_KEYS = 100_000;

/** Counts failed logins and says when a username or IP is locked out. */
export class LoginLimiter {
  readonly #clock: Clock;
  readonly #maxPerUser: number;
  readonly #maxPerIp: number;
  readonly #windowMs: number;
  readonly #failures = new Map<string, number[]>();

  constructor(clock: Clock, limits: LoginLimits = {}) {
    this.#clock = clock;
    this.#maxPerUser = limits.maxFailuresPerUser ?? 10;
    this.#maxPerIp = limits.maxFailuresPerIp ?? 50;
    this.#windowMs = limits.windowMs ?? 15 * 60 * 1000;
  }

  /** Whether a login for `username` from `ip` must be refused without checking the password. */
  isLocked(username: string, ip: string): boolean {
    return this.#recent(userKey(username)) >= this.#maxPerUser || this.#recent(ipKey(ip)) >= this.#maxPerIp;
  }

  /** Records a failed login (an unknown username counts like a known one). */
  recordFailure(username: string, ip: string): void {
    const now = this.#clock.now().getTime();
    for (const key of [userKey(username), ipKey(ip)]) {
      const times = this.#failures.get(key) ?? [];
      times.push(now);
      this.#failures.delete(key);
      this.#failures.set(key, times);
    }
    while (this.#failures.size > MAX_KEYS) {
      const oldest = this.#failures.keys().next().value;
      if (oldest === undefined) break;
      this.#failures.delete(oldest);
    }
  }

  /** Clears a username's failures after a successful login. */
  recordSuccess(username: string): void {
    this.#failures.delete(userKey(username));
  }

  #recent(key: string): number {
    const times = this.#failures.get(key);
    if (!times) return 0;
    const since = this.#clock.now().getTime() - this.#windowMs;
    const kept = times.filter((t) => t > since);
    if (kept.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, kept);
    return kept.length;
  }
}

function userKey(username: string): string {
  return `user:${username.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}
