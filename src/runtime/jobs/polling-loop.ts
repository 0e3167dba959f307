/**
 * A background loop that runs one round of work, waits `intervalMs`, and runs again — never two
 * rounds at once. The scheduler and the outbox worker are such loops. Its timer does not keep the
 * process alive (a CLI command exits when its work is done; a server stays up for its sockets).
 */

/** What a round's failure is reported to (default: `console.error`). */
export type LoopErrorHandler = (error: unknown) => void;

/** Options of {@link PollingLoop}. */
export interface PollingLoopOptions {
  readonly name: string;
  readonly intervalMs: number;
  /** One round of work. */
  readonly round: () => Promise<unknown>;
  readonly onError?: LoopErrorHandler;
}

/** Runs `round` every `intervalMs` between `start()` and `stop()`. */
export class PollingLoop {
  readonly #options: PollingLoopOptions;
  #timer: NodeJS.Timeout | undefined;
  #current: Promise<void> | undefined;
  #running = false;

  constructor(options: PollingLoopOptions) {
    if (!Number.isFinite(options.intervalMs) || options.intervalMs <= 0) throw new Error(`${options.name}: intervalMs must be a positive number of milliseconds.`);
    this.#options = options;
  }

  /** Whether the loop is started. */
  get running(): boolean {
    return this.#running;
  }

  /** Starts the loop (the first round runs at once); starting a started loop does nothing. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops the loop and waits for a round in progress to end. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#current;
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#current = this.#round().finally(() => {
        this.#current = undefined;
        if (this.#running) this.#schedule(this.#options.intervalMs);
      });
    }, delayMs);
    this.#timer.unref();
  }

  async #round(): Promise<void> {
    try {
      await this.#options.round();
    } catch (error) {
      (this.#options.onError ?? defaultErrorHandler(this.#options.name))(error);
    }
  }
}

function defaultErrorHandler(name: string): LoopErrorHandler {
  return (error) => console.error(`${name}:`, error);
}
