/**
 * The durable scheduler: polls the job queue (every 250 ms by default, so an alarm resumes
 * within about a second in the embedded default) and resumes the waiting interviews whose alarms
 * are due. The timers live in the database (`jobs`), not in this process: a restart loses none,
 * and several processes can poll the same database (claims are leased, each job runs once).
 */
import type { Clock } from '../ports/clock.js';
import { PollingLoop, type LoopErrorHandler } from './polling-loop.js';

/** How often the embedded scheduler polls for due jobs. */
export const DEFAULT_SCHEDULER_INTERVAL_MS = 250;

/** What the scheduler runs each round: resume what is due at `now`, returning how many resumed. */
export type DueWaitRunner = (now: Date) => Promise<number>;

/** Options of {@link Scheduler}. */
export interface SchedulerOptions {
  readonly clock: Clock;
  /** `InterviewService.resumeDueWaits`. */
  readonly resumeDue: DueWaitRunner;
  readonly intervalMs?: number;
  readonly onError?: LoopErrorHandler;
}

/** Resumes due waits in the background between `start()` and `stop()`. */
export class Scheduler {
  readonly intervalMs: number;
  readonly #clock: Clock;
  readonly #resumeDue: DueWaitRunner;
  readonly #loop: PollingLoop;
  #resumed = 0;

  constructor(options: SchedulerOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_SCHEDULER_INTERVAL_MS;
    this.#clock = options.clock;
    this.#resumeDue = options.resumeDue;
    this.#loop = new PollingLoop({
      name: 'eddy scheduler',
      intervalMs: this.intervalMs,
      round: () => this.tick(),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    });
  }

  /** Whether the background loop runs. */
  get running(): boolean {
    return this.#loop.running;
  }

  /** Interviews resumed by this scheduler so far. */
  get resumed(): number {
    return this.#resumed;
  }

  /** Starts polling. */
  start(): void {
    this.#loop.start();
  }

  /** Stops polling and waits for the round in progress. */
  async stop(): Promise<void> {
    await this.#loop.stop();
  }

  /** One round now: resumes what is due at the clock's time; returns how many resumed. */
  async tick(): Promise<number> {
    const resumed = await this.#resumeDue(this.#clock.now());
    this.#resumed += resumed;
    return resumed;
  }
}
