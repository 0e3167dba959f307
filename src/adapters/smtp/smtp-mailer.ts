/**
 * The SMTP mailer (nodemailer, pooled) behind the runtime's {@link Mailer} port, for
 * `smtp://` and `smtps://` URLs (`SMTP_URL`).
 */
import nodemailer from 'nodemailer';
import { checkMessage, type Mailer, MailError, type MailMessage } from '../../runtime/index.js';

/** A mailer holding connections, to be closed at shutdown. */
export interface SmtpMailer extends Mailer {
  /** Closes pooled connections; later sends fail. */
  close(): void;
}

/** Options of {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** Time allowed to connect and receive the greeting; default 10 s. */
  readonly connectionTimeoutMs?: number;
  /** Inactivity allowed on an open connection; default 30 s. */
  readonly socketTimeoutMs?: number;
  /** Pooled connections; default 2. */
  readonly maxConnections?: number;
}

/**
 * A pooled SMTP mailer for `smtp://[user:pass@]host[:port]` or `smtps://...` (TLS from the
 * start). nodemailer's URL query options apply (`?ignoreTLS=true`, `?tls.rejectUnauthorized=false`).
 * Throws `MAIL_CONFIG` for a URL that is not smtp/smtps.
 */
export function createSmtpMailer(smtpUrl: string, options: SmtpMailerOptions = {}): SmtpMailer {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new MailError('MAIL_CONFIG', 'SMTP_URL is not a valid URL; expected smtp://user:pass@host:port or smtps://...', { permanent: true });
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailError('MAIL_CONFIG', `SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`, { permanent: true });
  }
  const connectionTimeoutMs = options.connectionTimeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 2,
    connectionTimeout: connectionTimeoutMs,
    greetingTimeout: connectionTimeoutMs,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
  });
  return {
    async send(message) {
      const checked = checkMessage(message);
      try {
        const info = await transport.sendMail({
          from: checked.from,
          to: [...message.to],
          cc: message.cc === undefined ? undefined : [...message.cc],
          bcc: message.bcc === undefined ? undefined : [...message.bcc],
          subject: message.subject,
          text: checked.text,
          html: message.html,
          headers: message.headers === undefined ? undefined : { ...message.headers },
        });
        return { messageId: info.messageId, rejected: [...info.rejected] };
      } catch (error) {
        throw classifySmtpError(error, message);
      }
    },
    close() {
      transport.close();
    },
  };
}

interface NodemailerFailure {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly responseCode?: unknown;
  readonly permanent?: unknown;
}

const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONFIGURATION = new Set(['ENOAUTH', 'ECONFIG', 'EREQUIRETLS', 'EOAUTH2']);

/** Maps a nodemailer error to a {@link MailError}: 5xx permanent, 4xx and network failures transient. */
function classifySmtpError(error: unknown, message: MailMessage): MailError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as NodemailerFailure;
  const detail = typeof failure.message === 'string' ? failure.message : String(error);
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const text = `Sending email "${message.subject}" failed: ${detail}`;
  if (responseCode !== undefined) {
    // nodemailer sets `permanent` from the reply class (5xx except 503); compute it the same way if absent.
    const permanent = typeof failure.permanent === 'boolean' ? failure.permanent : responseCode >= 500 && responseCode < 600 && responseCode !== 503;
    return new MailError(permanent ? 'MAIL_REJECTED' : 'MAIL_DEFERRED', text, { permanent, responseCode, cause: error });
  }
  if (code !== undefined && UNREACHABLE.has(code)) return new MailError('MAIL_UNREACHABLE', text, { permanent: false, cause: error });
  if (code !== undefined && CONFIGURATION.has(code)) return new MailError('MAIL_CONFIG', text, { permanent: true, cause: error });
  if (code === 'EENVELOPE') return new MailError('INVALID_ADDRESS', text, { permanent: true, cause: error });
  return new MailError('MAIL_FAILED', text, { permanent: false, cause: error });
}
