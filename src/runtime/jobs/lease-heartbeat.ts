/**
 * The heartbeat of a claimed batch: while its jobs wait their turn and run, their leases are
 * extended every `intervalMs`, so that a long handler keeps its job and only a dead (or stalled)
 * worker's jobs are taken over. A job whose lease was lost all the same has its signal aborted:
 * its handler may stop early (its completion would be refused anyway).
 */
import type { Clock } from '../ports/clock.js';
import type { Job, Storage } from '../ports/index.js';
import type { LoopErrorHandler } from './polling-loop.js';

/** What {@link LeaseHeartbeat} needs. */
export interface LeaseHeartbeatOptions {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly owner: string;
  readonly leaseMs: number;
  readonly intervalMs: number;
  readonly onError: LoopErrorHandler;
}

/** Extends the leases of `jobs` until each is released or `stop()` is called. */
export class LeaseHeartbeat {
  readonly #options: LeaseHeartbeatOptions;
  readonly #held = new Map<string, AbortController>();
  readonly #timer: NodeJS.Timeout;
  #beating = false;

  constructor(options: LeaseHeartbeatOptions, jobs: readonly Job[]) {
    this.#options = options;
    for (const job of jobs) this.#held.set(job.id, new AbortController());
    this.#timer = setInterval(() => void this.#beat(), options.intervalMs);
    this.#timer.unref();
  }

  /** Aborted when the job's lease is lost. */
  signal(id: string): AbortSignal {
    return this.#held.get(id)?.signal ?? AbortSignal.abort();
  }

  /** The job is finished: its lease is no longer extended. */
  release(id: string): void {
    this.#held.delete(id);
  }

  /** Stops extending every lease. */
  stop(): void {
    clearInterval(this.#timer);
    this.#held.clear();
  }

  async #beat(): Promise<void> {
    if (this.#beating || this.#held.size === 0) return;
    this.#beating = true;
    const ids = [...this.#held.keys()];
    try {
      const until = new Date(this.#options.clock.now().getTime() + this.#options.leaseMs).toISOString();
      const kept = new Set(await this.#options.storage.jobs.extendLeases(this.#options.owner, ids, until));
      for (const id of ids) {
        if (!kept.has(id)) this.#held.get(id)?.abort(new Error(`The lease of job ${id} was lost to another worker.`));
      }
    } catch (error) {
      this.#options.onError(error);
    } finally {
      this.#beating = false;
    }
  }
}
