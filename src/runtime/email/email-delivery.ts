/**
 * Delivering the outbox: the job kinds of its messages. An `email.send` job sends its email
 * through the {@link Mailer}; a transient failure (the server unreachable, a 4xx reply) is retried
 * by the job runner with backoff (30 s, doubling, at most an hour; 8 attempts), a permanent one (a
 * refused address, a 5xx reply, a payload that is not an email) fails the job at once. Delivery is
 * at least once: a crash between sending and completing the job sends that email again.
 *
 * Without a mailer (no `SMTP_URL`), an email's attempts fail with a message saying so, and after
 * the last one the email is failed, visible in the outbox; Retry in Setup → Background Jobs
 * sends it once a mailer is configured. Email alerts and custom notifications are kept, failed
 * with the reason: Eddy has no email templates for alerts and no notification channel.
 */
import type { JsonValue } from '../../engine/index.js';
import type { BackoffPolicy } from '../jobs/backoff.js';
import { PermanentJobError, RetryableJobError } from '../jobs/job-errors.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { type Mailer, MailError, type MailMessage } from '../ports/mailer.js';
import { DELIVERY_MAX_ATTEMPTS, EMAIL_ALERT_JOB, EMAIL_JOB, NOTIFICATION_JOB } from './outbox.js';

/** Retry delays of email delivery. */
export const EMAIL_BACKOFF: BackoffPolicy = { baseDelayMs: 30_000, maxDelayMs: 60 * 60_000 };

/** Why an email is not sent without a mailer. */
export const NO_MAILER_MESSAGE = 'No mailer is configured: set SMTP_URL to deliver email.';

/** Registers the outbox's kinds: email through `mailer` (when there is one), alerts and notifications kept as failed. */
export function registerEmailDelivery(runner: JobRunner, mailer: Mailer | undefined): void {
  const policy = { maxAttempts: DELIVERY_MAX_ATTEMPTS, backoff: EMAIL_BACKOFF };
  runner.register(
    EMAIL_JOB,
    async (payload, context) => {
      const mail = toMailMessage(context.job.id, payload);
      if (mailer === undefined) throw new RetryableJobError(NO_MAILER_MESSAGE);
      try {
        await mailer.send(mail);
      } catch (error) {
        if (error instanceof MailError && error.permanent) throw new PermanentJobError(error.message, { cause: error });
        throw error;
      }
    },
    policy,
  );
  runner.register(
    EMAIL_ALERT_JOB,
    () => Promise.reject(new PermanentJobError('Not delivered: email alerts need their email template, which Eddy does not deploy.')),
    policy,
  );
  runner.register(NOTIFICATION_JOB, () => Promise.reject(new PermanentJobError('Not delivered: Eddy has no channel for custom notifications.')), policy);
}

/** The email of a delivery job; a {@link PermanentJobError} when the payload is not one. */
function toMailMessage(jobId: string, payload: JsonValue): MailMessage {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new PermanentJobError('The outbox message has no email payload.');
  const from = text(payload['from']);
  if (from === undefined) throw new PermanentJobError('The email has no sender address.');
  const body = text(payload['body']) ?? '';
  const headers: Record<string, string> = { 'X-Eddy-Outbox-Id': jobId };
  const interviewId = text(payload['interviewId']);
  if (interviewId !== undefined) headers['X-Eddy-Interview-Id'] = interviewId;
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
