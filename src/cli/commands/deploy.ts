/**
 * `eddy deploy <paths...> [--activate] [--new-version] [--json]`: deploys flows and object
 * metadata from SFDX project folders (`force-app/main/default/...`, searched at any depth) or
 * files, with a progress bar on a terminal and a summary of what was created, updated, left
 * unchanged or refused, and why. Exit code 0 when everything asked for happened, 1 when a file or
 * an activation was refused, 2 on bad usage.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { classifyDeployFile } from '../../runtime/index.js';
import type { DeployFile, DeployResult, FlowDeployResult, ObjectFileDeployResult, TriggerRunOrder } from '../../runtime/index.js';
import { type CommandContext, EXIT_CODES, UsageError } from '../command-context.js';
import { addRuntimeOptions, type CliSession, CommandFailedError, type RuntimeOptions, runWithRuntime } from '../open-runtime.js';
import { readMetadataFile, whereIn } from '../read-metadata-file.js';

/** Options of `eddy deploy`. */
export interface DeployCommandOptions extends RuntimeOptions {
  readonly activate?: boolean;
  readonly newVersion?: boolean;
  readonly json?: boolean;
}

/** The most metadata text one `eddy deploy` reads (64 MiB of characters): Eddy's own cap, to keep a deploy's memory bounded. */
export const MAX_DEPLOY_CHARACTERS = 64 * 1024 * 1024;

/** The files to deploy under `paths`, and how many other files the folders held. */
export interface CollectedFiles {
  readonly files: DeployFile[];
  /** Files in the folders that are neither flows nor object metadata (not read). */
  readonly skipped: number;
}

async function walk(folder: string, into: string[], skipped: { count: number }): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) await walk(full, into, skipped);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (classifyDeployFile(full) === 'other') skipped.count += 1;
      else into.push(full);
    }
  }
}

/**
 * Reads the flow and object metadata files under `paths` (files named directly are always read).
 * A file over the size limit or not UTF-8 fails the whole deploy (`CommandFailedError` naming the
 * file and line) before anything is stored.
 */
export async function collectDeployFiles(paths: readonly string[]): Promise<CollectedFiles> {
  const found: string[] = [];
  const skipped = { count: 0 };
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : error instanceof Error ? error.message : String(error);
      throw new UsageError(`cannot read ${given}: ${reason}`);
    }
    if (info.isDirectory()) await walk(given, found, skipped);
    else found.push(given);
  }
  const files: DeployFile[] = [];
  let total = 0;
  for (const file of [...new Set(found)]) {
    const read = await readMetadataFile(file);
    // A file Salesforce would refuse to even read stops the deploy before anything is stored.
    if (!read.ok) throw new CommandFailedError(`${whereIn(file, read.problem)}: ${read.problem.message} Nothing was deployed.`);
    total += read.text.length;
    if (total > MAX_DEPLOY_CHARACTERS) {
      throw new CommandFailedError(`the files under ${paths.join(', ')} hold more than ${MAX_DEPLOY_CHARACTERS / (1024 * 1024)} MiB of metadata; deploy them in parts. Nothing was deployed.`);
    }
    files.push({ path: file, content: read.text });
  }
  return { files, skipped: skipped.count };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function flowLine(flow: FlowDeployResult): string[] {
  const status = flow.status.padEnd(10);
  if (flow.status === 'refused') return [`  ${status}${flow.apiName} (${flow.path}): ${flow.reason ?? 'refused'}`];
  const invalid = flow.versionStatus === 'InvalidDraft';
  const notActivated = invalid && flow.activationRequested ? ', not activated: it has validation errors' : '';
  const lines = [`  ${status}${flow.apiName} version ${flow.versionNumber ?? '?'} (${flow.versionStatus ?? '?'}${notActivated})`];
  if (flow.reason !== undefined && !invalid) lines.push(`            ${flow.reason}`);
  for (const d of flow.diagnostics.filter((item) => item.severity === 'error')) {
    lines.push(`            error ${d.code}${d.element === undefined ? '' : ` [${d.element}]`}: ${d.message}`);
  }
  const warnings = flow.diagnostics.filter((item) => item.severity === 'warning').length;
  if (warnings > 0) lines.push(`            ${plural(warnings, 'warning')} (see "eddy validate ${flow.path}")`);
  return lines;
}

const TIMING_LABELS: Readonly<Record<TriggerRunOrder['timing'], string>> = { beforeSave: 'before save', afterSave: 'after save', beforeDelete: 'before delete' };

function triggerLine(group: TriggerRunOrder): string {
  const flows = group.flows.map((flow) => `${flow.apiName} (${flow.events.join(', ')}${flow.triggerOrder === null ? '' : `; order ${flow.triggerOrder}`})`);
  return `  ${group.object} ${TIMING_LABELS[group.timing]}: ${flows.join(' → ')}`;
}

function objectLine(file: ObjectFileDeployResult): string {
  const reason = file.reason === undefined ? '' : `: ${file.reason}`;
  return `  ${file.status.padEnd(10)}${file.name}${file.status === 'refused' || file.status === 'ignored' ? ` (${file.path})${reason}` : ''}`;
}

/** The deploy report as text. */
export function renderDeployText(result: DeployResult, skipped: number): string {
  const lines: string[] = [];
  if (result.objects.files.length > 0) lines.push('Objects and fields:', ...result.objects.files.map(objectLine));
  if (result.flows.length > 0) lines.push('Flows:', ...result.flows.flatMap(flowLine));
  if (result.triggers.length > 0) lines.push('Record-triggered flows, in run order:', ...result.triggers.map(triggerLine));
  const { flows, objects, fields } = result.summary;
  const parts = [
    `flows: ${flows.created} created, ${flows.updated} updated, ${flows.unchanged} unchanged, ${flows.refused} refused`,
    `${flows.activated} active${flows.activationRefused > 0 ? `, ${flows.activationRefused} not activated` : ''}`,
  ];
  if (result.objects.files.length > 0) {
    parts.push(`objects: ${objects.created} created, ${objects.updated} updated, ${objects.refused} refused`);
    parts.push(`fields: ${fields.created} created, ${fields.updated} updated, ${fields.ignored} ignored, ${fields.refused} refused`);
  }
  const ignored = result.ignored.length + skipped;
  if (ignored > 0) parts.push(`${plural(ignored, 'other file')} ignored`);
  lines.push('', `Deployed: ${parts.join('; ')}.`);
  return `${lines.join('\n')}\n`;
}

/** Runs the deploy in an open session; returns the exit code. */
export async function runDeploy(session: CliSession, paths: readonly string[], options: DeployCommandOptions, context: CommandContext): Promise<number> {
  if (paths.length === 0) throw new UsageError('deploy needs at least one file or folder.');
  const { files, skipped } = await collectDeployFiles(paths);
  if (files.length === 0) throw new UsageError(`no flow or object metadata files found in ${paths.join(', ')}.`);
  const bar =
    context.stderr.isTTY === true
      ? new SingleBar({ stream: process.stderr, format: 'deploying [{bar}] {value}/{total} files', clearOnComplete: true, hideCursor: true })
      : undefined;
  bar?.start(files.length, 0);
  let result: DeployResult;
  try {
    result = await session.flows.deploy(session.actor.Id, files, {
      activate: options.activate === true,
      skipUnchanged: options.newVersion !== true,
      onProgress: ({ done }) => bar?.update(done),
    });
  } finally {
    bar?.stop();
  }
  context.stdout.write(options.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderDeployText(result, skipped));
  return result.summary.ok ? EXIT_CODES.ok : EXIT_CODES.failed;
}

/** Registers `deploy` on the program. */
export function registerDeployCommand(program: Command, context: CommandContext): void {
  addRuntimeOptions(
    program
      .command('deploy')
      .description('Deploy flows and custom objects/fields from SFDX project folders or files; each changed flow becomes a new version.')
      .argument('<paths...>', 'project folders (searched recursively) or metadata files')
      .option('--activate', 'activate every deployed flow version', false)
      .option('--new-version', 'store a new version even when a flow is unchanged', false)
      .option('--json', 'print the result as JSON', false),
  ).action(async (paths: string[], options: DeployCommandOptions) => {
    await runWithRuntime(context, options, (session) => runDeploy(session, paths, options, context));
  });
}
