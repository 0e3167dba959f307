/** Wait subscriptions: what a waiting interview listens for. */
import type { FlowValue } from '../../engine/index.js';
import type { IsoDateTime } from './common.js';

/** A waiting interview's interest in a platform event. */
export interface WaitSubscription {
  readonly id: string;
  readonly interviewId: string;
  /** The Wait element. */
  readonly element: string;
  /** The wait event (outcome) name. */
  readonly event: string;
  /** The platform event API name (`Order_Shipped__e`), matched case-insensitively. */
  readonly eventType: string;
  /** Field values a published event must have. */
  readonly filters: Record<string, FlowValue>;
  readonly createdDate: IsoDateTime;
}

/** Subscriptions of waiting interviews to platform events. */
export interface WaitSubscriptionStore {
  add(subscription: Omit<WaitSubscription, 'id' | 'createdDate'>): Promise<WaitSubscription>;
  /** Subscriptions to an event type, oldest first. */
  listByEventType(eventType: string): Promise<WaitSubscription[]>;
  listForInterview(interviewId: string): Promise<WaitSubscription[]>;
  /** Removes the interview's subscriptions; returns how many. */
  removeForInterview(interviewId: string): Promise<number>;
}
