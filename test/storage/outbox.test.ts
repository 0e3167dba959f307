import { expect, it } from 'vitest';
import type { ClaimedMessage } from '../../src/runtime/ports/index.js';
import { forEachDatabase } from '../support/databases.js';

forEachDatabase('outbox', (ctx) => {
  it('hands pending messages to one sender at a time and records delivery', async () => {
    const db = ctx.db();
    const other = await ctx.openAnother();
    const now = ctx.clock().iso();
    const added = await db.outbox.add({ kind: 'email', payload: { to: ['ada@example.com'], subject: 'Hi' }, interviewId: null });
    expect(added).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: now });
    const [first, second] = await Promise.all([db.outbox.claimPending(now, 10, 30_000), other.outbox.claimPending(now, 10, 30_000)]);
    expect([...(first ?? []), ...(second ?? [])]).toHaveLength(1);
    const claimed = [...(first ?? []), ...(second ?? [])][0] as ClaimedMessage;
    expect(claimed).toMatchObject({ payload: { to: ['ada@example.com'], subject: 'Hi' }, attempts: 1 });
    await db.outbox.markSent(claimed, now);
    expect(await db.outbox.list({ status: 'sent' })).toMatchObject([{ id: added.id, sentDate: now }]);
    await expect(db.outbox.markSent(claimed, now)).rejects.toMatchObject({ code: 'LEASE_LOST' });
  });

  it('retries a failed delivery later, gives up when told, and returns a crashed sender\'s messages', async () => {
    const db = ctx.db();
    const t0 = ctx.clock().iso();
    const later = new Date(Date.parse(t0) + 60_000).toISOString();
    const message = await db.outbox.add({ kind: 'notification', payload: { title: 'x' } });
    const [claimed] = await db.outbox.claimPending(t0, 10, 30_000);
    await db.outbox.markFailed(claimed as ClaimedMessage, 'connection refused', later);
    expect(await db.outbox.claimPending(t0, 10, 30_000)).toEqual([]);
    const [retry] = await db.outbox.claimPending(later, 10, 30_000);
    expect(retry).toMatchObject({ id: message.id, attempts: 2, lastError: 'connection refused' });
    // The sender crashes: after the lease the message is handed out again.
    const afterLease = new Date(Date.parse(later) + 30_000).toISOString();
    const [again] = await db.outbox.claimPending(afterLease, 10, 30_000);
    expect(again?.attempts).toBe(3);
    await db.outbox.markFailed(again as ClaimedMessage, 'mailbox unavailable');
    expect(await db.outbox.list({ status: 'failed' })).toMatchObject([{ id: message.id, lastError: 'mailbox unavailable' }]);
    expect(await db.outbox.claimPending(afterLease, 10, 30_000)).toEqual([]);
  });
});
