/**
 * `eddy interviews`: the interviews the acting user may see, and deleting one —
 * `eddy interviews [list] [--record ID | --flow ApiName | --all] [--status S ...] [--limit N] [--json]`
 * (default: the user's own), `eddy interviews show <Id> [--json]`, `eddy interviews delete <Id>`.
 */
import type { Command } from 'commander';
import type { FlowInterviewSummary } from '../../runtime/index.js';
import { type CommandContext, EXIT_CODES, UsageError } from '../command-context.js';
import { formatTable } from '../format-table.js';
import { addRuntimeOptions, type CliSession, type RuntimeOptions, runWithRuntime } from '../open-runtime.js';

/** Options of `eddy interviews`. */
export interface InterviewsCommandOptions extends RuntimeOptions {
  readonly record?: string;
  readonly flow?: string;
  readonly all?: boolean;
  readonly status?: string[];
  readonly limit?: string;
  readonly json?: boolean;
}

/** A listed interview with its flow's API name, version number and owner's username. */
export interface ListedInterview extends FlowInterviewSummary {
  readonly flowApiName: string;
  readonly flowVersionNumber: number | null;
  readonly ownerUsername: string | null;
}

const STATUSES = ['Running', 'Paused', 'Completed', 'Error'];

function statuses(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '')
    .map((value) => {
      const known = STATUSES.find((status) => status.toLowerCase() === value.toLowerCase());
      if (known === undefined) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}, not "${value}".`);
      return known;
    });
}

async function describe(session: CliSession, interviews: readonly FlowInterviewSummary[]): Promise<ListedInterview[]> {
  const definitions = new Map((await session.storage.flows.listDefinitions()).map((d) => [d.Id, d]));
  const versionNumbers = new Map<string, number>();
  for (const definitionId of new Set(interviews.map((i) => i.flowDefinitionId))) {
    if (!definitions.has(definitionId)) continue;
    for (const version of await session.storage.flows.listVersions(definitionId)) versionNumbers.set(version.Id, version.VersionNumber);
  }
  const usernames = new Map((await session.storage.directory.listUsers()).map((u) => [u.Id, u.Username]));
  return interviews.map((interview) => ({
    ...interview,
    flowApiName: definitions.get(interview.flowDefinitionId)?.DeveloperName ?? interview.flowDefinitionId,
    flowVersionNumber: versionNumbers.get(interview.FlowVersionViewId) ?? null,
    ownerUsername: usernames.get(interview.OwnerId) ?? null,
  }));
}

function statusText(interview: FlowInterviewSummary): string {
  return interview.InterviewStatus === 'Paused' && !interview.WasPausedFromScreen ? 'Waiting' : interview.InterviewStatus;
}

/** The list as a table. */
export function renderInterviewsText(interviews: readonly ListedInterview[]): string {
  return formatTable(
    ['ID', 'FLOW', 'STATUS', 'AT', 'PAUSE REASON', 'OWNER', 'LAST MODIFIED'],
    interviews.map((i) => [
      i.Id,
      `${i.flowApiName}${i.flowVersionNumber === null ? '' : ` v${i.flowVersionNumber}`}`,
      statusText(i),
      i.CurrentElement ?? '-',
      i.PauseLabel ?? '-',
      i.ownerUsername ?? i.OwnerId,
      i.LastModifiedDate,
    ]),
    'No interviews.',
  );
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Runs the list in an open session; returns the exit code. */
export async function listInterviews(session: CliSession, options: InterviewsCommandOptions, context: CommandContext): Promise<number> {
  const scopes = [options.record !== undefined, options.flow !== undefined, options.all === true].filter(Boolean).length;
  if (scopes > 1) throw new UsageError('use one of --record, --flow and --all.');
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit must be a positive whole number, not "${options.limit}".`);
  const runtime = await session.runtime();
  const list = await runtime.interviews.list(session.actor.Id, {
    scope: options.record !== undefined ? 'record' : options.flow !== undefined ? 'flow' : options.all === true ? 'all' : 'mine',
    ...(options.record === undefined ? {} : { recordId: options.record }),
    ...(options.flow === undefined ? {} : { flowApiName: options.flow }),
    ...(options.status === undefined ? {} : { statuses: statuses(options.status) }),
    ...(limit === undefined ? {} : { limit }),
  });
  const listed = await describe(session, list);
  context.stdout.write(options.json === true ? json(listed) : renderInterviewsText(listed));
  return EXIT_CODES.ok;
}

/** Runs `interviews show` in an open session; returns the exit code. */
export async function showInterview(session: CliSession, id: string, options: { readonly json?: boolean }, context: CommandContext): Promise<number> {
  const view = await (await session.runtime()).interviews.get(session.actor.Id, id);
  if (options.json === true) {
    context.stdout.write(json(view));
  } else {
    const [listed] = await describe(session, [view.interview]);
    context.stdout.write(renderInterviewsText(listed === undefined ? [] : [listed]));
    context.stdout.write(`Awaiting: ${view.awaiting}${view.screen === undefined ? '' : ` (screen "${view.screen.name}")`}\n`);
  }
  return EXIT_CODES.ok;
}

/** Runs `interviews delete` in an open session; returns the exit code. */
export async function deleteInterview(session: CliSession, id: string, context: CommandContext): Promise<number> {
  await (await session.runtime()).interviews.delete(session.actor.Id, id);
  context.stdout.write(`Deleted interview ${id}.\n`);
  return EXIT_CODES.ok;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Registers `interviews` and its subcommands on the program. */
export function registerInterviewsCommand(program: Command, context: CommandContext): void {
  const interviews = program.command('interviews').description('List, show and delete flow interviews.');

  addRuntimeOptions(
    interviews
      .command('list', { isDefault: true })
      .description('List interviews you may see (default: your own).')
      .option('--record <Id>', 'interviews related to this record (FlowRecordRelation)')
      .option('--flow <ApiName>', "this flow's interviews")
      .option('--all', 'every interview (Manage Flow)', false)
      .option('--status <status>', 'Running, Paused, Completed or Error (repeatable, or comma-separated)', collect)
      .option('--limit <N>', 'at most N interviews (default 200)')
      .option('--json', 'print JSON', false),
  ).action(async (options: InterviewsCommandOptions) => {
    await runWithRuntime(context, options, (session) => listInterviews(session, options, context));
  });

  addRuntimeOptions(interviews.command('show').description('Show an interview and what it waits for.').argument('<Id>').option('--json', 'print JSON', false)).action(
    async (id: string, options: RuntimeOptions & { json?: boolean }) => {
      await runWithRuntime(context, options, (session) => showInterview(session, id, options, context));
    },
  );

  addRuntimeOptions(interviews.command('delete').description('Delete an interview (Manage Flow, or your own).').argument('<Id>')).action(
    async (id: string, options: RuntimeOptions) => {
      await runWithRuntime(context, options, (session) => deleteInterview(session, id, context));
    },
  );
}
