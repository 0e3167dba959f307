import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer, type SmtpMailer } from '../../src/adapters/smtp/smtp-mailer.js';
import { createMemoryMailer } from '../../src/runtime/email/memory-mailer.js';
import { MailError, type MailMessage } from '../../src/runtime/ports/mailer.js';

interface Received {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
  readonly user: string | undefined;
}

interface TestServer {
  readonly port: number;
  readonly received: Received[];
  close(): Promise<void>;
}

/** A real SMTP server on a free local port, capturing every accepted message. */
async function startSmtpServer(options: Partial<SMTPServerOptions> = {}): Promise<TestServer> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: bound, then released. */
async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

const message: MailMessage = {
  from: 'Eddy <noreply@example.com>',
  to: ['ada@example.com'],
  cc: ['grace@example.com'],
  bcc: ['audit@example.com'],
  subject: 'Case 00001026 escalated',
  text: 'The case was escalated by the flow.',
  headers: { 'X-Eddy-Interview': '0Fo000000000001AAA' },
};

describe('createSmtpMailer', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(options: Partial<SMTPServerOptions> = {}, credentials = ''): Promise<{ server: TestServer; mailer: SmtpMailer }> {
    const server = await startSmtpServer(options);
    cleanups.push(() => server.close());
    const mailer = createSmtpMailer(`smtp://${credentials}127.0.0.1:${server.port}`);
    cleanups.push(() => mailer.close());
    return { server, mailer };
  }

  it('delivers a message with its envelope, headers and body', async () => {
    const { server, mailer } = await setUp();
    const receipt = await mailer.send(message);

    expect(receipt.messageId).toMatch(/^<.+@.+>$/);
    expect(receipt.rejected).toEqual([]);
    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail?.from).toBe('noreply@example.com');
    expect(mail?.to).toEqual(['ada@example.com', 'grace@example.com', 'audit@example.com']);
    expect(mail?.raw).toMatch(/^From: Eddy <noreply@example\.com>$/m);
    expect(mail?.raw).toMatch(/^To: ada@example\.com$/m);
    expect(mail?.raw).toMatch(/^Cc: grace@example\.com$/m);
    expect(mail?.raw).not.toMatch(/^Bcc:/m);
    expect(mail?.raw).toMatch(/^Subject: Case 00001026 escalated$/m);
    expect(mail?.raw).toMatch(/^X-Eddy-Interview: 0Fo000000000001AAA$/m);
    expect(mail?.raw).toContain(`Message-ID: ${receipt.messageId}`);
    expect(mail?.raw).toContain('The case was escalated by the flow.');
  });

  it('authenticates with the credentials in the URL', async () => {
    const { server, mailer } = await setUp(
      {
        authOptional: false,
        onAuth(auth, _session, callback) {
          if (auth.username === 'flows' && auth.password === 's3cret') callback(null, { user: auth.username });
          else callback(smtpError('Invalid username or password', 535));
        },
      },
      'flows:s3cret@',
    );
    await mailer.send(message);
    expect(server.received.map((mail) => mail.user)).toEqual(['flows']);
  });

  it('sends an HTML body with a plain-text alternative derived from it', async () => {
    const { server, mailer } = await setUp();
    await mailer.send({
      from: 'noreply@example.com',
      to: ['ada@example.com'],
      subject: 'Welcome',
      html: '<p>Hello <b>Ada</b> &amp; team</p><p>Line two</p>',
    });
    const raw = server.received[0]?.raw ?? '';
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    const plain = /Content-Type: text\/plain[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw)?.[1];
    expect(plain).toBe('Hello Ada & team\r\nLine two');
    expect(raw).toMatch(/Content-Type: text\/html/);
    expect(raw).toContain('<b>Ada</b>');
  });

  it('marks a 5xx refusal as permanent', async () => {
    const { server, mailer } = await setUp({
      onRcptTo(_address, _session, callback) {
        callback(smtpError('5.1.1 Mailbox does not exist', 550));
      },
    });
    const failure = mailer.send({ ...message, cc: [], bcc: [] });
    await expect(failure).rejects.toBeInstanceOf(MailError);
    await expect(failure).rejects.toMatchObject({ code: 'MAIL_REJECTED', permanent: true, responseCode: 550 });
    await expect(failure).rejects.toThrow(/Sending email "Case 00001026 escalated" failed: .*Mailbox does not exist/);
    expect(server.received).toEqual([]);
  });

  it('marks a 4xx answer as transient', async () => {
    const { mailer } = await setUp({
      onRcptTo(_address, _session, callback) {
        callback(smtpError('4.7.1 Greylisted, try again later', 451));
      },
    });
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'MAIL_DEFERRED', permanent: false, responseCode: 451 });
  });

  it('marks wrong credentials as permanent', async () => {
    const { mailer } = await setUp(
      {
        authOptional: false,
        onAuth(_auth, _session, callback) {
          callback(smtpError('Invalid username or password', 535));
        },
      },
      'flows:wrong@',
    );
    await expect(mailer.send(message)).rejects.toMatchObject({ permanent: true, responseCode: 535 });
  });

  it('reports the recipients refused while others were accepted', async () => {
    const { server, mailer } = await setUp({
      onRcptTo(address, _session, callback) {
        callback(address.address === 'grace@example.com' ? smtpError('No such user', 550) : null);
      },
    });
    const receipt = await mailer.send(message);
    expect(receipt.rejected).toEqual(['grace@example.com']);
    expect(server.received[0]?.to).toEqual(['ada@example.com', 'audit@example.com']);
  });

  it('marks a server that is down as transient', async () => {
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${await unusedPort()}`);
    cleanups.push(() => mailer.close());
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'MAIL_UNREACHABLE', permanent: false });
  });

  it('refuses an invalid address as permanent without connecting', async () => {
    const { server, mailer } = await setUp();
    await expect(mailer.send({ ...message, to: ['not an address'] })).rejects.toMatchObject({ code: 'INVALID_ADDRESS', permanent: true });
    await expect(mailer.send({ ...message, to: ['ada@example.com\r\nBcc: victim@example.com'] })).rejects.toMatchObject({ code: 'INVALID_ADDRESS' });
    await expect(mailer.send({ ...message, to: [], cc: [], bcc: [] })).rejects.toMatchObject({ code: 'INVALID_ADDRESS', message: expect.stringContaining('no recipients') });
    expect(server.received).toEqual([]);
  });

  it('sends several messages over the pool', async () => {
    const { server, mailer } = await setUp();
    const receipts = await Promise.all([1, 2, 3].map((n) => mailer.send({ ...message, subject: `Message ${n}` })));
    expect(new Set(receipts.map((receipt) => receipt.messageId)).size).toBe(3);
    expect(server.received.map((mail) => /^Subject: (.*)$/m.exec(mail.raw)?.[1]?.trim()).sort()).toEqual(['Message 1', 'Message 2', 'Message 3']);
  });

  it('refuses a URL that is not smtp or smtps', () => {
    expect(() => createSmtpMailer('http://mail.example.com')).toThrow(expect.objectContaining({ code: 'MAIL_CONFIG' }));
    expect(() => createSmtpMailer('not a url')).toThrow(expect.objectContaining({ code: 'MAIL_CONFIG' }));
  });
});

describe('createMemoryMailer', () => {
  it('records messages with a text alternative for HTML bodies', async () => {
    const mailer = createMemoryMailer();
    const receipt = await mailer.send({ from: 'a@example.com', to: ['b@example.com'], subject: 'Hi', html: '<p>One<br>Two</p>' });
    expect(mailer.sent).toEqual([{ from: 'a@example.com', to: ['b@example.com'], subject: 'Hi', html: '<p>One<br>Two</p>', text: 'One\nTwo', messageId: receipt.messageId }]);
  });

  it('validates addresses and fails on demand', async () => {
    const mailer = createMemoryMailer();
    await expect(mailer.send({ from: 'a@example.com', to: ['nope'], subject: 'Hi' })).rejects.toMatchObject({ code: 'INVALID_ADDRESS' });
    mailer.failWith(new MailError('MAIL_UNREACHABLE', 'down', { permanent: false }));
    await expect(mailer.send({ from: 'a@example.com', to: ['b@example.com'], subject: 'Hi' })).rejects.toMatchObject({ permanent: false });
    expect(mailer.sent).toEqual([]);
  });
});
