/**
 * `eddy validate <files or folders...> [--json]`: parses and validates flow files and prints, per
 * file, OK or its diagnostics, then a summary listing every unsupported construct by count.
 * Exit code 0 when no file has an error, 1 otherwise, 2 on bad usage.
 */
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { flowApiNameFromFileName, validateFlowXml, type Diagnostic } from '../../flow-model/index.js';
import { EXIT_CODES, UsageError, type CommandContext } from '../command-context.js';
import { findFlowFiles } from '../find-flow-files.js';
import { readMetadataFile } from '../read-metadata-file.js';
import { fileReport, renderJson, renderText, summarise, type FileReport } from '../validate-report.js';

/** Below this many files the progress bar is not worth drawing. */
const PROGRESS_BAR_MIN_FILES = 50;

/** Options of `eddy validate`. */
export interface ValidateOptions {
  readonly json: boolean;
}

async function validateFile(file: string): Promise<FileReport> {
  const read = await readMetadataFile(file);
  if (!read.ok) {
    const where = read.problem.line === undefined ? '' : ` (line ${read.problem.line})`;
    const unreadable: Diagnostic = { code: 'XML_MALFORMED', severity: 'error', element: undefined, message: `The file cannot be read as XML${where}: ${read.problem.message}` };
    return fileReport(file, flowApiNameFromFileName(file), undefined, [unreadable]);
  }
  const { definition, diagnostics } = validateFlowXml(read.text, { fileName: file });
  return fileReport(file, definition?.apiName ?? flowApiNameFromFileName(file), definition?.processType, diagnostics);
}

/** Runs the command; returns the exit code. */
export async function runValidate(paths: readonly string[], options: ValidateOptions, context: CommandContext): Promise<number> {
  if (paths.length === 0) throw new UsageError('validate needs at least one file or folder.');
  const files = await findFlowFiles(paths);
  if (files.length === 0) throw new UsageError(`no flow files (*.flow-meta.xml, *.flow) found in ${paths.join(', ')}.`);
  const bar =
    context.stderr.isTTY === true && files.length >= PROGRESS_BAR_MIN_FILES
      ? new SingleBar({ stream: process.stderr, format: 'validating [{bar}] {value}/{total} files', clearOnComplete: true, hideCursor: true })
      : undefined;
  bar?.start(files.length, 0);
  const reports: FileReport[] = [];
  try {
    for (const file of files) {
      reports.push(await validateFile(file));
      bar?.increment();
    }
  } finally {
    bar?.stop();
  }
  const report = summarise(reports);
  context.stdout.write(options.json ? renderJson(report) : renderText(report));
  return report.summary.ok === report.summary.files ? EXIT_CODES.ok : EXIT_CODES.failed;
}

/** Registers `validate` on the program. */
export function registerValidateCommand(program: Command, context: CommandContext): void {
  program
    .command('validate')
    .description('Parse and validate flow files (*.flow-meta.xml, *.flow); folders are searched recursively.')
    .argument('<paths...>', 'flow files or folders')
    .option('--json', 'print the report as JSON', false)
    .action(async (paths: string[], options: { json: boolean }) => {
      context.setExitCode(await runValidate(paths, { json: options.json }, context));
    });
}
