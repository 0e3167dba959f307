/**
 * `eddy serve [--port 3000] [--host 127.0.0.1] [--database FILE|URL] [--demo] [--public-url URL] [--trust-proxy V]`:
 * runs the REST API server until SIGINT or SIGTERM, then shuts down gracefully. `PORT`, `HOST`
 * and `DATABASE_URL` work as well; `--demo` seeds the demo org into an empty database.
 */
import type { Command } from 'commander';
import type { TrustProxy } from '../../server/index.js';
import { type CommandContext, EXIT_CODES, UsageError } from '../command-context.js';

interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly database?: string;
  readonly demo?: boolean;
  readonly publicUrl?: string;
  readonly trustProxy?: string;
  readonly log?: boolean;
  readonly actions?: string;
}

function portNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`"${text}" is not a port number.`);
  return port;
}

/** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

/** Registers `serve` on the program. */
export function registerServeCommand(program: Command, context: CommandContext): void {
  program
    .command('serve')
    .description('Run the REST API server (Salesforce-compatible: OAuth 2.0, sObjects, SOQL, flows).')
    .option('--port <port>', 'TCP port (default: $PORT, else 3000)')
    .option('--host <host>', 'interface to listen on (default: $HOST, else 127.0.0.1)')
    .option('--database <url>', 'postgres://..., sqlite:<file> or a SQLite file (default: $DATABASE_URL, else .eddy/eddy.db)')
    .option('--demo', 'seed the demo org (admin, users, connected app, records, flows) into an empty database', false)
    .option('--public-url <url>', 'the URL clients reach the server at (instance_url), when behind a proxy')
    .option('--trust-proxy <value>', "trust the proxy's X-Forwarded-* headers: true, a number of hops, or its addresses (default: $EDDY_TRUST_PROXY, else off)")
    .option('--actions <folder>', 'a folder of invocable action modules')
    .option('--log', 'log requests (JSON lines on stdout)', false)
    .action(async (options: ServeOptions) => {
      const port = portNumber(options.port);
      // The server (Fastify, the web UI's routes) is loaded only by this command, not by every CLI start.
      const { parseTrustProxy, startServer } = await import('../../server/index.js');
      let trustProxy: TrustProxy | undefined;
      try {
        trustProxy = options.trustProxy === undefined ? undefined : parseTrustProxy(options.trustProxy);
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      const server = await startServer({
        ...(port === undefined ? {} : { port }),
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.database === undefined ? {} : { database: options.database }),
        ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
        ...(trustProxy === undefined ? {} : { trustProxy }),
        ...(options.actions === undefined ? {} : { actionsFolder: options.actions }),
        demo: options.demo === true,
        logger: options.log === true,
        print: (line) => context.stdout.write(`${line}\n`),
      });
      const signal = await untilStopped();
      context.stdout.write(`${signal}: shutting down...\n`);
      await server.close();
      context.setExitCode(EXIT_CODES.ok);
    });
}
