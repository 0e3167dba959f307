/**
 * The server's composition root (`eddy serve`): opens the database (`--database`, else
 * `DATABASE_URL`, else `.eddy/eddy.db`), bootstraps the org, seeds the demo with `--demo`,
 * builds the runtime (waits resumed and email delivered by this process) and the HTTP server,
 * and listens (`--port`, else `PORT`, else 3000). `close()` shuts down gracefully: stop
 * accepting, finish in-flight requests, stop background work, close the database.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createConfiguredRuntime, databaseLocation, type Environment, parsePort, readConfig } from '../adapters/index.js';
import { bootstrapOrg, systemClock } from '../runtime/index.js';
import type { Clock, Runtime } from '../runtime/index.js';
import { openDatabase } from '../storage/index.js';
import type { EddyDatabase } from '../storage/index.js';
import { buildServer, parseTrustProxy, type TrustProxy } from './app.js';
import { DEMO_USERS, seedDemoOrg } from './demo/demo-org.js';
import type { DemoSeedResult } from './demo/demo-org.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** TCP port (default `PORT`, else 3000; 0 picks a free port). */
  readonly port?: number;
  /** Interface to listen on (default `HOST`, else 127.0.0.1). */
  readonly host?: string;
  /** `postgres://...`, `sqlite:<file>` or a SQLite file (default `DATABASE_URL`, else `.eddy/eddy.db`). */
  readonly database?: string;
  /** Seed the demo org into an empty database. */
  readonly demo?: boolean;
  /** The public base URL, when clients reach the server through a proxy. */
  readonly publicUrl?: string;
  /** Trust the proxy's `X-Forwarded-*` headers (default `EDDY_TRUST_PROXY`, else false): see `parseTrustProxy`. */
  readonly trustProxy?: TrustProxy;
  readonly logger?: FastifyServerOptions['logger'];
  readonly clock?: Clock;
  /** The environment read by `readConfig` (`PORT`, `HOST`, `DATABASE_URL`, `SMTP_URL`, `EDDY_*`); default `process.env`. */
  readonly env?: Environment;
  /** Where start-up notes go (demo credentials, the URL); default stdout. */
  readonly print?: (line: string) => void;
  /** A folder of invocable action modules for the runtime. */
  readonly actionsFolder?: string;
}

/** A listening server. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly runtime: Runtime;
  readonly storage: EddyDatabase;
  /** `http://host:port`. */
  readonly url: string;
  /** What `--demo` did (undefined without it). */
  readonly demo: DemoSeedResult | undefined;
  /** Graceful shutdown (idempotent). */
  close(): Promise<void>;
}



/** Prints the demo's sign-in details: the UI's URL, the admin and the other demo users, the connected app. */
function printDemo(demo: DemoSeedResult, url: string, print: (line: string) => void): void {
  const password = demo.adminPassword ?? '(unchanged: the one printed when the demo was seeded)';
  print(demo.seeded ? 'Demo org seeded. Sign in:' : 'Demo org already present. Sign in:');
  print(`  web UI         ${url}/`);
  print(`  admin          ${demo.adminUsername}`);
  print(`  password       ${password}${demo.adminPassword !== undefined && !demo.adminPasswordGenerated ? ' (from EDDY_ADMIN_PASSWORD)' : ''}`);
  print(`  other users    ${DEMO_USERS.manager} (Support Manager), ${DEMO_USERS.agent} (Support Agent); ${demo.seeded ? 'same password' : 'the password set when the demo was seeded'}`);
  print(`  client id      ${demo.clientId}`);
  if (demo.clientSecret !== undefined) print(`  client secret  ${demo.clientSecretGenerated ? demo.clientSecret : '(from EDDY_DEMO_CLIENT_SECRET)'}`);
  print(`  get a token:   curl -s ${url}/services/oauth2/token -d grant_type=password -d client_id=${demo.clientId} \\`);
  print(`                   --data-urlencode client_secret=... -d username=${demo.adminUsername} --data-urlencode password=...`);
}

/** How often expired and revoked tokens are deleted, and how long they are kept first. */
const TOKEN_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const TOKEN_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Deletes tokens that expired or were revoked a day ago, every hour (the timer does not keep the process alive). */
function sweepStaleTokens(storage: EddyDatabase, clock: Clock): NodeJS.Timeout {
  const timer = setInterval(() => {
    storage.oauth.deleteStaleTokens(new Date(clock.now().getTime() - TOKEN_RETENTION_MS).toISOString()).catch((error: unknown) => {
      process.stderr.write(`eddy: could not delete stale tokens: ${String(error)}\n`);
    });
  }, TOKEN_SWEEP_INTERVAL_MS);
  timer.unref();
  return timer;
}

/** Opens everything and listens. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const config = readConfig(options.env ?? process.env);
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = options.clock ?? systemClock;
  const port = options.port === undefined ? (config.port ?? 3000) : parsePort(options.port, '--port');
  const host = options.host ?? config.host ?? '127.0.0.1';
  const database = options.database ?? config.databaseUrl;
  const storage = await openDatabase({ ...databaseLocation(database), clock: () => clock.now() });
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  // $Api's server URLs: the public URL when configured, else the address the server listens on.
  let listeningUrl: string | undefined;
  const serverUrl = options.publicUrl ?? ((): string | undefined => listeningUrl);
  try {
    await bootstrapOrg(storage);
    runtime = await createConfiguredRuntime({ storage, clock, smtpUrl: config.smtpUrl, actionsFolder: options.actionsFolder, serverUrl });
    app = buildServer({
      storage,
      runtime,
      clock,
      logger: options.logger ?? false,
      embedOrigins: config.embedOrigins,
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      trustProxy: options.trustProxy ?? parseTrustProxy(config.trustProxy),
    });
    const demo = options.demo === true ? await seedDemoOrg(storage, app.oauth, { EDDY_ADMIN_PASSWORD: config.adminPassword, EDDY_DEMO_CLIENT_SECRET: config.demoClientSecret }) : undefined;
    await app.listen({ port, host });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address !== null ? address.port : port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    listeningUrl = url;
    runtime.startBackground();
    const sweeper = sweepStaleTokens(storage, clock);
    if (demo) printDemo(demo, url, print);
    print(`Eddy listening on ${url} (API ${url}/services/data, reference ${url}/services/data/openapi.html)`);

    let closing: Promise<void> | undefined;
    const started = { app, runtime };
    return {
      app,
      runtime,
      storage,
      url,
      demo,
      close: () =>
        (closing ??= (async () => {
          try {
            clearInterval(sweeper);
            await started.app.close();
            await started.runtime.stop();
          } finally {
            await storage.close();
          }
        })()),
    };
  } catch (error) {
    await app?.close();
    await runtime?.stop();
    await storage.close();
    throw error;
  }
}
