/**
 * The CLI's composition root: opens the database (`--database`, else `DATABASE_URL`, else
 * `.eddy/eddy.db` in the working folder), bootstraps an empty org (standard permission sets and
 * the administrator `admin@eddy.local`), builds the services and (on demand) the runtime, and picks the acting
 * user (`--as <username>`, default the org's administrator). `runWithRuntime` wraps a command:
 * it opens, runs, closes, and prints a bad request (`RequestError`) as `eddy: CODE: message`
 * with exit code 1.
 */
import type { Command } from 'commander';
import { createConfiguredRuntime, databaseLocation, readConfig } from '../adapters/index.js';
import { bootstrapOrg, DEFAULT_ADMIN_USERNAME, findAdmin, FlowService, isRequestError, UserService } from '../runtime/index.js';
import type { Runtime, UserRecord } from '../runtime/index.js';
import { type EddyDatabase, openDatabase, SoqlEngine } from '../storage/index.js';
import { type CommandContext, EXIT_CODES } from './command-context.js';

/** The options every command that uses the org accepts. */
export interface RuntimeOptions {
  /** `postgres://...`, `sqlite:<file>`, or a SQLite file path. */
  readonly database?: string;
  /** The acting user's username (or Id). */
  readonly as?: string;
}

/** An open org for one command. */
export interface CliSession {
  readonly storage: EddyDatabase;
  readonly flows: FlowService;
  readonly users: UserService;
  /** The acting user. */
  readonly actor: UserRecord;
  /** The runtime (interviews, scheduler, actions), built on first use; no background work is started. */
  runtime(): Promise<Runtime>;
  /** Stops the runtime, if built, and closes the database. */
  close(): Promise<void>;
}

/** A failure the command explains itself (an unknown `--as` user, ...): printed as `eddy: message`, exit code 1. */
export class CommandFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailedError';
  }
}

/** Adds `--database <url>` and `--as <username>` to a command. */
export function addRuntimeOptions(command: Command): Command {
  return command
    .option('--database <url>', 'postgres://..., sqlite:<file> or a SQLite file (default: $DATABASE_URL, else .eddy/eddy.db)')
    .option('--as <username>', `act as this user (default: the org's administrator, ${DEFAULT_ADMIN_USERNAME})`);
}


async function resolveActor(storage: EddyDatabase, as: string | undefined): Promise<UserRecord> {
  if (as === undefined) {
    const admin = await findAdmin(storage);
    if (admin === undefined) throw new CommandFailedError('this org has no active administrator; name a user with --as <username>.');
    return admin;
  }
  const user = /^005[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/.test(as) ? await storage.directory.getUser(as) : await storage.directory.getUserByUsername(as);
  if (user === undefined) throw new CommandFailedError(`no user ${as} in this org (see "eddy users").`);
  if (!user.IsActive) throw new CommandFailedError(`user ${user.Username} is not active.`);
  return user;
}

/** Opens the org for a command: database, bootstrap, services and the acting user. */
export async function openCliSession(options: RuntimeOptions): Promise<CliSession> {
  const config = readConfig();
  const storage = await openDatabase(databaseLocation(options.database ?? config.databaseUrl));
  try {
    await bootstrapOrg(storage);
    const actor = await resolveActor(storage, options.as);
    let runtime: Promise<Runtime> | undefined;
    return {
      storage,
      flows: new FlowService(storage),
      users: new UserService(storage),
      actor,
      runtime: () => (runtime ??= createConfiguredRuntime({ storage, smtpUrl: config.smtpUrl, soql: new SoqlEngine(storage) })),
      async close() {
        try {
          if (runtime !== undefined) await (await runtime).stop();
        } finally {
          await storage.close();
        }
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** Prints an error the user can act on (`eddy: CODE: message`) and returns exit code 1; rethrows anything else. */
export function reportFailure(error: unknown, context: CommandContext): number {
  if (isRequestError(error)) {
    context.stderr.write(`eddy: ${error.code}: ${error.message}\n`);
    return EXIT_CODES.failed;
  }
  if (error instanceof CommandFailedError) {
    context.stderr.write(`eddy: ${error.message}\n`);
    return EXIT_CODES.failed;
  }
  throw error;
}

/**
 * Runs `work` with an open session and sets the exit code it returns; bad requests and
 * {@link CommandFailedError}s are printed and give exit code 1. The database is always closed.
 */
export async function runWithRuntime(context: CommandContext, options: RuntimeOptions, work: (session: CliSession) => Promise<number>): Promise<void> {
  let code: number;
  try {
    const session = await openCliSession(options);
    try {
      code = await work(session);
    } finally {
      await session.close();
    }
  } catch (error) {
    code = reportFailure(error, context);
  }
  context.setExitCode(code);
}
