/**
 * `eddy flows`: the org's flows and their versions, and version management —
 * `eddy flows [list] [--json]`, `eddy flows versions <ApiName> [--json]`,
 * `eddy flows activate <ApiName> [--version N]` (default: the latest version),
 * `eddy flows deactivate <ApiName>`, `eddy flows delete-version <ApiName> <N>`.
 */
import type { Command } from 'commander';
import type { FlowSummary, FlowVersionRecord, TriggerSummary } from '../../runtime/index.js';
import { type CommandContext, EXIT_CODES, UsageError } from '../command-context.js';
import { formatTable } from '../format-table.js';
import { addRuntimeOptions, type RuntimeOptions, runWithRuntime } from '../open-runtime.js';

interface JsonOption {
  readonly json?: boolean;
}

function versionNumber(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`"${text}" is not a version number (1, 2, ...).`);
  return value;
}

function versionText(version: FlowVersionRecord | null): string {
  return version === null ? '-' : `${version.VersionNumber}`;
}

/** `eddy flows` as a table. */
export function renderFlowsText(flows: readonly FlowSummary[]): string {
  return formatTable(
    ['API NAME', 'LABEL', 'TYPE', 'ACTIVE', 'LATEST', 'VERSIONS'],
    flows.map((flow) => [
      flow.definition.DeveloperName,
      flow.definition.MasterLabel,
      flow.definition.ProcessType,
      versionText(flow.activeVersion),
      flow.latestVersion === null ? '-' : `${flow.latestVersion.VersionNumber} (${flow.latestVersion.Status})`,
      `${flow.versionCount}`,
    ]),
    'No flows deployed yet (see "eddy deploy").',
  );
}

/** `eddy flows versions` as a table. */
export function renderVersionsText(versions: readonly FlowVersionRecord[]): string {
  return formatTable(
    ['VERSION', 'STATUS', 'ID', 'LABEL', 'LAST MODIFIED'],
    versions.map((v) => [`${v.VersionNumber}`, v.Status, v.Id, v.MasterLabel, v.LastModifiedDate]),
  );
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const TIMING_WORDS: Readonly<Record<TriggerSummary['timing'], string>> = { beforeSave: 'before', afterSave: 'after', beforeDelete: 'before' };
const EVENT_WORDS: Readonly<Record<TriggerSummary['events'][number], string>> = { create: 'created', update: 'updated', delete: 'deleted' };

/** Registers `flows` and its subcommands on the program. */
export function registerFlowsCommand(program: Command, context: CommandContext): void {
  const flows = program.command('flows').description("List the org's flows and manage their versions.");

  addRuntimeOptions(flows.command('list', { isDefault: true }).description('List flows with their active and latest versions (default).').option('--json', 'print JSON', false)).action(
    async (options: RuntimeOptions & JsonOption) => {
      await runWithRuntime(context, options, async (session) => {
        const list = await session.flows.list(session.actor.Id);
        context.stdout.write(options.json === true ? json(list) : renderFlowsText(list));
        return EXIT_CODES.ok;
      });
    },
  );

  addRuntimeOptions(flows.command('versions').description("List a flow's versions, newest first.").argument('<ApiName>').option('--json', 'print JSON', false)).action(
    async (apiName: string, options: RuntimeOptions & JsonOption) => {
      await runWithRuntime(context, options, async (session) => {
        const versions = await session.flows.versions(session.actor.Id, apiName);
        context.stdout.write(options.json === true ? json(versions) : renderVersionsText(versions));
        return EXIT_CODES.ok;
      });
    },
  );

  addRuntimeOptions(
    flows
      .command('activate')
      .description('Activate a version of a flow (the previously active version becomes Obsolete).')
      .argument('<ApiName>')
      .option('--version <N>', 'the version number (default: the latest version)'),
  ).action(async (apiName: string, options: RuntimeOptions & { version?: string }) => {
    const number = options.version === undefined ? undefined : versionNumber(options.version);
    await runWithRuntime(context, options, async (session) => {
      const before = await session.flows.get(session.actor.Id, apiName);
      const version = await session.flows.findVersion(session.actor.Id, apiName, number);
      const after = await session.flows.activate(session.actor.Id, version.Id);
      const previous = before.activeVersion !== null && before.activeVersion.Id !== version.Id ? ` (version ${before.activeVersion.VersionNumber} is now Obsolete)` : '';
      const already = before.activeVersion?.Id === version.Id ? ' (it already was)' : '';
      context.stdout.write(`${after.definition.DeveloperName} version ${version.VersionNumber} is active${already}${previous}.\n`);
      if (after.trigger !== undefined) {
        const order = after.trigger.runOrder.map((flow) => flow.apiName).join(' → ');
        context.stdout.write(`It runs ${TIMING_WORDS[after.trigger.timing]} a ${after.trigger.object} is ${after.trigger.events.map((e) => EVENT_WORDS[e]).join(' or ')}; ${after.trigger.object} ${TIMING_WORDS[after.trigger.timing]} flows run in this order: ${order}.\n`);
      }
      return EXIT_CODES.ok;
    });
  });

  addRuntimeOptions(flows.command('deactivate').description("Deactivate a flow's active version (paused interviews stay resumable).").argument('<ApiName>')).action(
    async (apiName: string, options: RuntimeOptions) => {
      await runWithRuntime(context, options, async (session) => {
        const before = await session.flows.get(session.actor.Id, apiName);
        const after = await session.flows.deactivate(session.actor.Id, apiName);
        context.stdout.write(`${after.definition.DeveloperName} has no active version now (version ${versionText(before.activeVersion)} is Obsolete).\n`);
        return EXIT_CODES.ok;
      });
    },
  );

  addRuntimeOptions(
    flows
      .command('delete-version')
      .description('Delete a version that is not active and has no paused or waiting interviews.')
      .argument('<ApiName>')
      .argument('<N>', 'the version number'),
  ).action(async (apiName: string, n: string, options: RuntimeOptions) => {
    const number = versionNumber(n);
    await runWithRuntime(context, options, async (session) => {
      const version = await session.flows.findVersion(session.actor.Id, apiName, number);
      await session.flows.deleteVersion(session.actor.Id, version.Id);
      const left = await session.flows.list(session.actor.Id);
      const gone = !left.some((flow) => flow.definition.Id === version.DefinitionId);
      context.stdout.write(`Deleted ${version.FullName}${gone ? ' (its last version: the flow is gone)' : ''}.\n`);
      return EXIT_CODES.ok;
    });
  });
}
