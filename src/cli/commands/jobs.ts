/**
 * `eddy jobs`: the background jobs (wait alarms, email delivery, ...) and what to do about a
 * stuck one — `eddy jobs [list] [--status S] [--kind K] [--limit N] [--after Id] [--json]`
 * (newest first), `eddy jobs show <Id> [--json]`, `eddy jobs retry <Id>` (a failed or cancelled
 * job, queued again with its attempts reset), `eddy jobs cancel <Id>` (a queued one). Reading
 * needs Customize Application or Manage Flow; retry and cancel need Customize Application.
 */
import type { Command } from 'commander';
import { type Job, JOB_STATUSES, JobService, systemClock } from '../../runtime/index.js';
import { type CommandContext, EXIT_CODES, UsageError } from '../command-context.js';
import { formatTable } from '../format-table.js';
import { addRuntimeOptions, type CliSession, type RuntimeOptions, runWithRuntime } from '../open-runtime.js';

/** Options of `eddy jobs list`. */
export interface JobsCommandOptions extends RuntimeOptions {
  readonly status?: string;
  readonly kind?: string;
  readonly limit?: string;
  readonly after?: string;
  readonly json?: boolean;
}

/** What `eddy jobs --json` prints. */
export interface ListedJobs {
  readonly records: readonly Job[];
  /** `--after` for the next page, or null on the last. */
  readonly nextAfter: string | null;
}

/** Longest last error shown in the table (the whole text is in `show` and `--json`). */
const ERROR_WIDTH = 60;

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > ERROR_WIDTH ? `${line.slice(0, ERROR_WIDTH - 1)}…` : line;
}

/** The jobs as a table. */
export function renderJobsText(jobs: readonly Job[]): string {
  return formatTable(
    ['ID', 'KIND', 'STATUS', 'ATTEMPTS', 'RUN AT', 'LAST ERROR'],
    jobs.map((job) => [job.id, job.kind, job.status, `${job.attempts}/${job.maxAttempts}`, job.runAt, job.lastError === null ? '-' : shorten(job.lastError)]),
    'No jobs.',
  );
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function service(session: CliSession): JobService {
  return new JobService(session.storage, systemClock);
}

/** Runs the list in an open session; returns the exit code. */
export async function listJobs(session: CliSession, options: JobsCommandOptions, context: CommandContext): Promise<number> {
  const status = options.status?.trim().toLowerCase();
  if (status !== undefined && !JOB_STATUSES.some((known) => known === status)) throw new UsageError(`--status must be one of ${JOB_STATUSES.join(', ')}, not "${options.status ?? ''}".`);
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit must be a positive whole number, not "${options.limit ?? ''}".`);
  const page = await service(session).list(session.actor.Id, {
    ...(status === undefined ? {} : { status }),
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    ...(limit === undefined ? {} : { limit }),
    ...(options.after === undefined ? {} : { after: options.after }),
  });
  if (options.json === true) {
    const listed: ListedJobs = { records: page.records, nextAfter: page.nextAfter ?? null };
    context.stdout.write(json(listed));
  } else {
    context.stdout.write(renderJobsText(page.records));
    if (page.nextAfter !== undefined) context.stdout.write(`More: eddy jobs --after ${page.nextAfter}\n`);
  }
  return EXIT_CODES.ok;
}

/** Registers `jobs` and its subcommands on the program. */
export function registerJobsCommand(program: Command, context: CommandContext): void {
  const jobs = program.command('jobs').description('List background jobs (wait alarms, email delivery), retry or cancel one.');

  addRuntimeOptions(
    jobs
      .command('list', { isDefault: true })
      .description('List jobs, newest first.')
      .option('--status <status>', JOB_STATUSES.join(', '))
      .option('--kind <kind>', 'a job kind: wait.resume, email.send, ...')
      .option('--limit <N>', 'at most N jobs (default 100)')
      .option('--after <Id>', 'the jobs after this one (the next page)')
      .option('--json', 'print JSON', false),
  ).action(async (options: JobsCommandOptions) => {
    await runWithRuntime(context, options, (session) => listJobs(session, options, context));
  });

  addRuntimeOptions(jobs.command('show').description('Show a job, its payload and its last error.').argument('<Id>').option('--json', 'print JSON', false)).action(
    async (id: string, options: RuntimeOptions & { json?: boolean }) => {
      await runWithRuntime(context, options, async (session) => {
        const job = await service(session).get(session.actor.Id, id);
        if (options.json === true) {
          context.stdout.write(json(job));
        } else {
          context.stdout.write(renderJobsText([job]));
          context.stdout.write(`Payload: ${JSON.stringify(job.payload)}\n`);
          if (job.lastError !== null) context.stdout.write(`Last error: ${job.lastError}\n`);
        }
        return EXIT_CODES.ok;
      });
    },
  );

  addRuntimeOptions(jobs.command('retry').description('Queue a failed or cancelled job again (Customize Application).').argument('<Id>')).action(
    async (id: string, options: RuntimeOptions) => {
      await runWithRuntime(context, options, async (session) => {
        const job = await service(session).retry(session.actor.Id, id);
        context.stdout.write(`Queued job ${job.id} (${job.kind}) again.\n`);
        return EXIT_CODES.ok;
      });
    },
  );

  addRuntimeOptions(jobs.command('cancel').description('Cancel a queued job (Customize Application).').argument('<Id>')).action(async (id: string, options: RuntimeOptions) => {
    await runWithRuntime(context, options, async (session) => {
      const job = await service(session).cancel(session.actor.Id, id);
      context.stdout.write(`Cancelled job ${job.id} (${job.kind}).\n`);
      return EXIT_CODES.ok;
    });
  });
}
