/**
 * Emails flows send go to the outbox (delivery jobs) in the step's transaction and are delivered
 * by the job runner after commit: to a real SMTP server when `SMTP_URL` is set, retried on
 * transient failures, given up on permanent ones, and kept visible in the outbox when there is
 * nowhere to send them.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, expect, it } from 'vitest';
import { NO_MAILER_MESSAGE } from '../../../src/runtime/email/email-delivery.js';
import { MailError } from '../../../src/runtime/ports/mailer.js';
import { addToOutbox } from '../../../src/runtime/email/outbox.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployFixture, deployXml, fixtureXml, outboxOf, systemActor, testRuntime } from './support/runtime-harness.js';

interface Received {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
}

let servers: SMTPServer[] = [];

afterEach(async () => {
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  servers = [];
});

/** A real SMTP server on a free local port that keeps every message it accepts. */
async function smtpServer(): Promise<{ readonly url: string; readonly received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received };
}

forEachDatabase('outbox delivery', (ctx) => {
  it('delivers a flow\'s email to a real SMTP server after commit, from the automated process address, to addresses and users by Id', async () => {
    const db = ctx.db();
    const smtp = await smtpServer();
    const { runtime } = await testRuntime(ctx, { mailer: undefined, smtpUrl: smtp.url });
    expect(runtime.mailer).toBeDefined();
    await db.settings.updateOrganization({ automatedProcessUserEmail: 'flows@acme.test' }, await systemActor(db));
    await deployFixture(db, 'Send_Welcome_Email');
    const alice = await createUser(db, 'alice');
    const bob = await createUser(db, 'bob');

    const view = await runtime.interviews.start(alice.Id, 'Send_Welcome_Email', { inputs: { email: 'new@example.com', name: 'Ada', userId: bob.Id } });
    const [pending] = await outboxOf(db, { interviewId: view.interview.Id });
    expect(pending).toMatchObject({ kind: 'email', status: 'pending', payload: { from: 'flows@acme.test', to: ['new@example.com', 'bob@example.com'], subject: 'Welcome, Ada' } });
    expect(smtp.received).toEqual([]);

    try {
      expect(await runtime.jobs.runDue()).toEqual({ done: 1, retried: 0, failed: 0 });
    } finally {
      await runtime.stop();
    }
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: 'flows@acme.test', to: ['new@example.com', 'bob@example.com'] });
    expect(smtp.received[0]?.raw).toContain('Subject: Welcome, Ada');
    expect(smtp.received[0]?.raw).toContain('Hello Ada, your account is ready.');
    expect(smtp.received[0]?.raw.toLowerCase()).toContain(`x-eddy-interview-id: ${view.interview.Id.toLowerCase()}`);
    expect(await outboxOf(db, { interviewId: view.interview.Id })).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    expect(await runtime.jobs.runDue()).toEqual({ done: 0, retried: 0, failed: 0 });
  });

  it('sends from an org-wide address the flow names, and from the running user when nothing else is set', async () => {
    const db = ctx.db();
    const { runtime, mailer } = await testRuntime(ctx);
    await db.settings.addOrgWideEmailAddress({ Address: 'support@acme.test', DisplayName: 'Acme Support' }, await systemActor(db));
    const withSender = fixtureXml('Send_Welcome_Email').replace(
      '<inputParameters>\n            <name>emailSubject</name>',
      '<inputParameters>\n            <name>senderAddress</name>\n            <value>\n                <stringValue>support@acme.test</stringValue>\n            </value>\n        </inputParameters>\n        <inputParameters>\n            <name>emailSubject</name>',
    );
    await deployXml(db, 'Support_Email', withSender);
    await deployFixture(db, 'Send_Welcome_Email');
    const alice = await createUser(db, 'alice');
    await runtime.interviews.start(alice.Id, 'Support_Email', { inputs: { email: 'a@example.com', name: 'A' } });
    ctx.clock().advance(1000);
    await runtime.interviews.start(alice.Id, 'Send_Welcome_Email', { inputs: { email: 'b@example.com', name: 'B' } });
    expect(await runtime.jobs.runDue()).toEqual({ done: 2, retried: 0, failed: 0 });
    expect(mailer.sent.map((m) => [m.to[0], m.from])).toEqual([
      ['a@example.com', '"Acme Support" <support@acme.test>'],
      ['b@example.com', 'alice@example.com'],
    ]);
  });

  it('retries transient failures with backoff, gives up on permanent ones, and keeps other messages visible', async () => {
    const db = ctx.db();
    const { runtime, mailer } = await testRuntime(ctx);
    await deployFixture(db, 'Send_Welcome_Email');
    const alice = await createUser(db, 'alice');
    const first = await runtime.interviews.start(alice.Id, 'Send_Welcome_Email', { inputs: { email: 'a@example.com', name: 'A' } });

    mailer.failWith(new MailError('MAIL_UNREACHABLE', 'connection refused', { permanent: false }));
    const now = ctx.clock().now();
    expect(await runtime.jobs.runDue(now)).toEqual({ done: 0, retried: 1, failed: 0 });
    const [message] = await outboxOf(db, { interviewId: first.interview.Id });
    expect(message).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connection refused', nextAttemptAt: new Date(now.getTime() + 30_000).toISOString() });
    expect(await runtime.jobs.runDue(new Date(now.getTime() + 29_000))).toEqual({ done: 0, retried: 0, failed: 0 });

    mailer.failWith(undefined);
    expect(await runtime.jobs.runDue(new Date(now.getTime() + 30_000))).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(mailer.sent.map((m) => m.to)).toEqual([['a@example.com']]);

    const second = await runtime.interviews.start(alice.Id, 'Send_Welcome_Email', { inputs: { email: 'b@example.com', name: 'B' } });
    mailer.failWith(new MailError('MAIL_REJECTED', '550 mailbox unavailable', { permanent: true, responseCode: 550 }));
    expect(await runtime.jobs.runDue(new Date(now.getTime() + 60_000))).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(await outboxOf(db, { interviewId: second.interview.Id })).toEqual([expect.objectContaining({ status: 'failed', lastError: '550 mailbox unavailable' })]);

    await addToOutbox(db, { kind: 'notification', payload: { title: 'Heads up' }, interviewId: null });
    mailer.failWith(undefined);
    expect(await runtime.jobs.runDue(new Date(now.getTime() + 61_000))).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(await outboxOf(db, { status: 'failed' })).toContainEqual(expect.objectContaining({ kind: 'notification', lastError: expect.stringContaining('no channel') as string }));
  });

  it('keeps email pending and visible without SMTP_URL, and writes none for a rolled-back run', async () => {
    const db = ctx.db();
    let fail = false;
    const { runtime } = await testRuntime(ctx, {
      mailer: undefined,
      hooks: {
        beforeCommit: () => {
          if (fail) throw new Error('crash before commit');
        },
      },
    });
    expect(runtime.mailer).toBeUndefined();
    await deployFixture(db, 'Send_Welcome_Email');
    const alice = await createUser(db, 'alice');
    await runtime.interviews.start(alice.Id, 'Send_Welcome_Email', { inputs: { email: 'a@example.com', name: 'A' } });
    fail = true;
    await expect(runtime.interviews.start(alice.Id, 'Send_Welcome_Email', { inputs: { email: 'b@example.com', name: 'B' } })).rejects.toThrow('crash before commit');
    expect((await outboxOf(db)).map((m) => [m.status, (m.payload as { to: string[] }).to])).toEqual([['pending', ['a@example.com']]]);
    // Running the jobs without a mailer keeps the email pending, saying why, until its last attempt.
    expect(await runtime.jobs.runDue()).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await outboxOf(db)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, lastError: NO_MAILER_MESSAGE })]);
  });
});
