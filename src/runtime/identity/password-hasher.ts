/**
 * Password hashing with argon2id (memory-hard; `@node-rs/argon2`, whose default algorithm is
 * argon2id), PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$...`) so parameters can change later
 * without breaking stored hashes. Defaults are OWASP's minimum for argon2id (19 MiB, 2 passes).
 */
import { hash, verify } from '@node-rs/argon2';

/** Cost parameters of new hashes. */
export interface PasswordHasherOptions {
  /** Memory per hash in KiB (default 19456). */
  readonly memoryCostKiB?: number;
  /** Passes (default 2). */
  readonly timeCost?: number;
}

/** Hashes and verifies passwords and client secrets. */
export class PasswordHasher {
  readonly #memoryCost: number;
  readonly #timeCost: number;
  #dummy: Promise<string> | undefined;

  constructor(options: PasswordHasherOptions = {}) {
    this.#memoryCost = options.memoryCostKiB ?? 19456;
    this.#timeCost = options.timeCost ?? 2;
  }

  /** An argon2id PHC string of `password` with a fresh random salt. */
  hash(password: string): Promise<string> {
    return hash(password, { memoryCost: this.#memoryCost, timeCost: this.#timeCost, parallelism: 1 });
  }

  /** Whether `password` matches `stored`; false for a malformed hash rather than an error. */
  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of one verification and returns false: used when there is no user or no
   * stored hash, so response times do not reveal which usernames exist.
   */
  async verifyNothing(password: string): Promise<false> {
    this.#dummy ??= this.hash('not a password of anyone');
    await this.verify(await this.#dummy, password);
    return false;
  }
}
