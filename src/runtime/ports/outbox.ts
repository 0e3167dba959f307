/** The outbox: messages written with the transaction that causes them, delivered after commit. */
import type { JsonValue } from '../../engine/index.js';
import type { IsoDateTime } from './common.js';

/** Delivery state of an outbox message. */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** An email or notification to deliver after commit. */
export interface OutboxMessage {
  readonly id: string;
  readonly kind: string;
  /** The effect as the engine produced it (plus whatever the runtime resolved, e.g. addresses). */
  readonly payload: JsonValue;
  readonly interviewId: string | null;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: IsoDateTime;
  readonly lastError: string | null;
  readonly createdDate: IsoDateTime;
  readonly sentDate: IsoDateTime | null;
}

/** A message a sender claimed; its `leaseToken` proves the claim to `markSent` / `markFailed`. */
export interface ClaimedMessage extends OutboxMessage {
  readonly leaseToken: string;
}

/** Emails and notifications stored with the state change that caused them, delivered after commit. */
export interface Outbox {
  add(message: { readonly kind: string; readonly payload: JsonValue; readonly interviewId?: string | null }): Promise<OutboxMessage>;
  /**
   * Claims up to `limit` pending messages due at `now` for `leaseMs` (attempts + 1). A claimed
   * message is not handed out again until its lease ends, so a crashed sender's messages come back.
   */
  claimPending(now: IsoDateTime, limit: number, leaseMs: number): Promise<ClaimedMessage[]>;
  /** Marks a claimed message sent (`LeaseLostError` if the lease was lost). */
  markSent(message: ClaimedMessage, now: IsoDateTime): Promise<void>;
  /** Records a failure: pending again at `retryAt` when given, else `failed` for good. */
  markFailed(message: ClaimedMessage, error: string, retryAt?: IsoDateTime): Promise<void>;
  list(filter?: { readonly status?: OutboxStatus; readonly interviewId?: string; readonly limit?: number }): Promise<OutboxMessage[]>;
}
