/**
 * Delivers the outbox after commit: claims pending messages (leased, so a crashed worker's
 * messages come back), sends emails through the {@link Mailer}, marks them sent, and on failure
 * retries transient errors with backoff and gives up on permanent ones (a refused address, a
 * 5xx reply) or after the last attempt. Delivery is at least once: a crash between sending and
 * marking sent sends that message again.
 *
 * Email alerts and custom notifications are kept in the outbox for display, marked `failed` with
 * the reason: Eddy has no email templates for alerts and no notification channel.
 */
import type { JsonValue } from '../../engine/index.js';
import type { Clock } from '../ports/clock.js';
import { EMAIL_ALERT_MESSAGE, EMAIL_MESSAGE, NOTIFICATION_MESSAGE } from '../interviews/effect-outbox.js';
import { LeaseLostError } from '../errors.js';
import { type Mailer, MailError, type MailMessage } from '../ports/mailer.js';
import { type LoopErrorHandler, PollingLoop } from '../jobs/polling-loop.js';
import type { ClaimedMessage, Storage } from '../ports/index.js';
import { backoffMs } from '../waits/wait-jobs.js';

/** How often the worker looks for messages to send. */
export const DEFAULT_OUTBOX_INTERVAL_MS = 1000;

/** Options of {@link OutboxWorker}. */
export interface OutboxWorkerOptions {
  readonly storage: Storage;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly intervalMs?: number;
  /** Messages claimed at once (default 10). */
  readonly batchSize?: number;
  /** How long a claimed message is reserved for its sender (default 60 s). */
  readonly leaseMs?: number;
  /** Attempts before a transient failure becomes final (default 8). */
  readonly maxAttempts?: number;
  /** First retry delay, doubled on each attempt (default 30 s). */
  readonly baseDelayMs?: number;
  /** Longest retry delay (default 1 h). */
  readonly maxDelayMs?: number;
  readonly onError?: LoopErrorHandler;
}

/** What one delivery round did. */
export interface OutboxDelivery {
  readonly sent: number;
  /** Failed for now, tried again later. */
  readonly retried: number;
  /** Given up on (permanent failure, last attempt, or not deliverable). */
  readonly failed: number;
}

/** Sends outbox messages in the background between `start()` and `stop()`. */
export class OutboxWorker {
  readonly #storage: Storage;
  readonly #mailer: Mailer;
  readonly #clock: Clock;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #loop: PollingLoop;

  constructor(options: OutboxWorkerOptions) {
    this.#storage = options.storage;
    this.#mailer = options.mailer;
    this.#clock = options.clock;
    this.#batchSize = options.batchSize ?? 10;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#baseDelayMs = options.baseDelayMs ?? 30_000;
    this.#maxDelayMs = options.maxDelayMs ?? 60 * 60_000;
    this.#loop = new PollingLoop({
      name: 'eddy outbox',
      intervalMs: options.intervalMs ?? DEFAULT_OUTBOX_INTERVAL_MS,
      round: () => this.deliverDue(),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    });
  }

  /** Whether the background loop runs. */
  get running(): boolean {
    return this.#loop.running;
  }

  /** Starts delivering. */
  start(): void {
    this.#loop.start();
  }

  /** Stops delivering and waits for the round in progress. */
  async stop(): Promise<void> {
    await this.#loop.stop();
  }

  /** Delivers every message due at `now` (default: the clock). */
  async deliverDue(now: Date = this.#clock.now()): Promise<OutboxDelivery> {
    let sent = 0;
    let retried = 0;
    let failed = 0;
    for (;;) {
      const messages = await this.#storage.outbox.claimPending(now.toISOString(), this.#batchSize, this.#leaseMs);
      for (const message of messages) {
        const outcome = await this.#deliver(message, now);
        if (outcome === 'sent') sent++;
        else if (outcome === 'retried') retried++;
        else failed++;
      }
      if (messages.length < this.#batchSize) return { sent, retried, failed };
    }
  }

  async #deliver(message: ClaimedMessage, now: Date): Promise<'sent' | 'retried' | 'failed'> {
    if (message.kind !== EMAIL_MESSAGE) {
      await this.#settle(() => this.#storage.outbox.markFailed(message, undeliverable(message.kind)));
      return 'failed';
    }
    let mail: MailMessage;
    try {
      mail = toMailMessage(message);
    } catch (error) {
      await this.#settle(() => this.#storage.outbox.markFailed(message, errorMessage(error)));
      return 'failed';
    }
    try {
      await this.#mailer.send(mail);
    } catch (error) {
      const permanent = error instanceof MailError && error.permanent;
      if (permanent || message.attempts >= this.#maxAttempts) {
        const reason = permanent ? errorMessage(error) : `Gave up after ${message.attempts} attempts: ${errorMessage(error)}`;
        await this.#settle(() => this.#storage.outbox.markFailed(message, reason));
        return 'failed';
      }
      const retryAt = new Date(now.getTime() + backoffMs(message.attempts, this.#baseDelayMs, this.#maxDelayMs));
      await this.#settle(() => this.#storage.outbox.markFailed(message, errorMessage(error), retryAt.toISOString()));
      return 'retried';
    }
    await this.#settle(() => this.#storage.outbox.markSent(message, now.toISOString()));
    return 'sent';
  }

  /** Records an outcome; a lost lease (another worker took the message over) is not an error. */
  async #settle(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
    }
  }
}

function undeliverable(kind: string): string {
  switch (kind) {
    case EMAIL_ALERT_MESSAGE:
      return 'Not delivered: email alerts need their email template, which Eddy does not deploy.';
    case NOTIFICATION_MESSAGE:
      return 'Not delivered: Eddy has no channel for custom notifications.';
    default:
      return `Not delivered: no delivery for outbox messages of kind "${kind}".`;
  }
}

/** The email of an outbox message; throws when the payload is not one. */
function toMailMessage(message: ClaimedMessage): MailMessage {
  const payload = message.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error('The outbox message has no email payload.');
  const from = text(payload['from']);
  if (from === undefined) throw new Error('The email has no sender address.');
  const body = text(payload['body']) ?? '';
  const headers: Record<string, string> = { 'X-Eddy-Outbox-Id': message.id };
  if (message.interviewId !== null) headers['X-Eddy-Interview-Id'] = message.interviewId;
  return {
    from,
    to: texts(payload['to']),
    cc: texts(payload['cc']),
    bcc: texts(payload['bcc']),
    subject: text(payload['subject']) ?? '',
    ...(payload['isHtml'] === true ? { html: body } : { text: body }),
    headers,
  };
}

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function texts(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
