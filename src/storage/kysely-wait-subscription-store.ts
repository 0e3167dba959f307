/** Platform-event subscriptions of waiting interviews, looked up by event type. */
import type { Selectable } from 'kysely';
import type { FlowValue } from '../engine/index.js';
import { parseId } from '../runtime/index.js';
import type { WaitSubscription, WaitSubscriptionStore } from '../runtime/index.js';
import type { FlowWaitSubscriptionsTable } from './database-schema.js';
import { orderedUuid, parseJson } from './sql-helpers.js';
import type { StoreContext } from './store-context.js';

function toSubscription(row: Selectable<FlowWaitSubscriptionsTable>): WaitSubscription {
  return {
    id: row.id, interviewId: row.interview_id, element: row.element, event: row.event, eventType: row.event_type,
    filters: parseJson<Record<string, FlowValue>>(row.filters), createdDate: row.created_date,
  };
}

/** {@link WaitSubscriptionStore} on Kysely. */
export class KyselyWaitSubscriptionStore implements WaitSubscriptionStore {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async add(subscription: Omit<WaitSubscription, 'id' | 'createdDate'>): Promise<WaitSubscription> {
    const row = {
      id: orderedUuid(), interview_id: parseId(subscription.interviewId, 'interviewId'), element: subscription.element, event: subscription.event,
      event_type: subscription.eventType, event_type_key: subscription.eventType.toLowerCase(), filters: JSON.stringify(subscription.filters),
      created_date: this.#ctx.now(),
    };
    await this.#ctx.db.insertInto('flow_wait_subscriptions').values(row).execute();
    return toSubscription(row);
  }

  async listByEventType(eventType: string): Promise<WaitSubscription[]> {
    const rows = await this.#ctx.db.selectFrom('flow_wait_subscriptions').selectAll().where('event_type_key', '=', eventType.toLowerCase()).orderBy('created_date').orderBy('id').execute();
    return rows.map(toSubscription);
  }

  async listForInterview(interviewId: string): Promise<WaitSubscription[]> {
    const rows = await this.#ctx.db.selectFrom('flow_wait_subscriptions').selectAll().where('interview_id', '=', parseId(interviewId, 'interviewId')).orderBy('created_date').orderBy('id').execute();
    return rows.map(toSubscription);
  }

  async removeForInterview(interviewId: string): Promise<number> {
    const result = await this.#ctx.db.deleteFrom('flow_wait_subscriptions').where('interview_id', '=', parseId(interviewId, 'interviewId')).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
