/**
 * `eddy run <FlowApiName> [--input name=value ...] [--record ID] [--version N] [--as username]`:
 * runs a flow in the terminal, asking for each screen's inputs, with Back, Pause (asks for a
 * reason, saves the interview and prints how to resume it) and Finish (prints the output
 * variables). Pause is not offered when the org turned pausing off. Exit code 0 when the flow
 * finished, paused or waits; 1 when it failed, a request was refused, or the input ended.
 */
import type { Command } from 'commander';
import type { FlowValue, ScreenModel } from '../../engine/index.js';
import type { InterviewService, InterviewView } from '../../runtime/index.js';
import { type CommandContext, EXIT_CODES, UsageError } from '../command-context.js';
import { addRuntimeOptions, type CliSession, type RuntimeOptions, runWithRuntime } from '../open-runtime.js';
import { closeTerminal, promptScreen, renderFinish, TerminalClosedError, type TerminalIo } from '../terminal/index.js';

/** Options of `eddy run`. */
export interface RunCommandOptions extends RuntimeOptions {
  readonly input?: string[];
  readonly record?: string;
  readonly version?: string;
}

/** The terminal streams `eddy run` and `eddy resume` talk through. */
export function processTerminal(): TerminalIo {
  return { input: process.stdin, output: process.stdout };
}

function write(io: TerminalIo, text: string): void {
  io.output.write(text);
}

/** `--input name=value` pairs as start inputs: a name given twice makes a list, a JSON list or object is parsed. */
export function parseInputs(pairs: readonly string[], collections: ReadonlySet<string> = new Set()): Record<string, FlowValue> {
  const inputs: Record<string, FlowValue> = {};
  const repeated = new Set<string>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--input needs name=value, not "${pair}".`);
    const name = pair.slice(0, at).trim();
    const text = pair.slice(at + 1);
    let value: FlowValue = text;
    if (/^\s*[[{]/.test(text)) {
      try {
        value = JSON.parse(text) as FlowValue;
      } catch {
        value = text;
      }
    }
    const existing = inputs[name];
    if (existing === undefined) {
      inputs[name] = collections.has(name.toLowerCase()) && !Array.isArray(value) ? [value] : value;
    } else {
      inputs[name] = [...(Array.isArray(existing) && (repeated.has(name) || collections.has(name.toLowerCase())) ? existing : [existing]), value];
      repeated.add(name);
    }
  }
  return inputs;
}

function resumeHint(view: InterviewView): string {
  return `eddy resume ${view.interview.Id}`;
}

/** A screen as the org allows it: without Pause when "Let users pause flows" is off. */
function allowedScreen(screen: ScreenModel, allowPause: boolean): ScreenModel {
  return allowPause ? screen : { ...screen, actions: screen.actions.filter((action) => action !== 'PAUSE') };
}

/** Prints how the interview ended up and returns the exit code. */
function report(view: InterviewView, io: TerminalIo): number {
  const { interview } = view;
  switch (view.awaiting) {
    case 'finished':
      write(io, `\n${renderFinish(view.outputs ?? {})}`);
      return EXIT_CODES.ok;
    case 'paused': {
      const reason = interview.PauseLabel === null ? '' : ` (${interview.PauseLabel})`;
      write(io, `\nPaused interview ${interview.Id}${reason}.\nTo continue: ${resumeHint(view)}\n`);
      return EXIT_CODES.ok;
    }
    case 'waiting':
      write(
        io,
        `\nInterview ${interview.Id} is waiting at "${interview.CurrentElement ?? ''}"; it resumes by itself when its time or event comes (while "eddy serve" runs).\n`,
      );
      return EXIT_CODES.ok;
    case 'failed': {
      const fault = view.fault;
      const where = fault?.element === undefined ? '' : ` at "${fault.element}"`;
      write(io, `\nThe flow failed${where}: ${fault === undefined ? (interview.Error ?? 'unknown error') : `${fault.code}: ${fault.message}`}\nInterview ${interview.Id} is in error.\n`);
      return EXIT_CODES.failed;
    }
    case 'screen':
      // Not an end: `driveInTerminal` only returns on the others.
      return EXIT_CODES.failed;
  }
}

/**
 * Runs an interview in the terminal from `view` until it finishes, fails, waits or is paused:
 * each screen is prompted with `promptScreen`, then submitted, paused or navigated back.
 * Returns the exit code. When the input ends or the user presses Ctrl+C, the interview stays at
 * its screen (continue it with `eddy resume`).
 */
export async function driveInTerminal(interviews: InterviewService, actorId: string, first: InterviewView, allowPause: boolean, io: TerminalIo): Promise<number> {
  let view = first;
  try {
    while (view.awaiting === 'screen' && view.screen !== undefined) {
      const answer = await promptScreen(allowedScreen(view.screen, allowPause), io);
      const version = view.interview.version;
      if (answer.action === 'PAUSE') {
        view = await interviews.pause(actorId, view.interview.Id, { values: answer.values, version, ...(answer.pauseReason === undefined ? {} : { reason: answer.pauseReason }) });
      } else {
        view = await interviews.navigate(actorId, view.interview.Id, { action: answer.action, values: answer.values, version });
      }
    }
  } catch (error) {
    if (!(error instanceof TerminalClosedError)) throw error;
    const why = error.code === 'INTERRUPTED' ? 'Interrupted' : 'The input ended';
    write(io, `\n${why}: interview ${view.interview.Id} was not paused; it stays at screen "${view.screen?.name ?? view.interview.CurrentElement ?? ''}".\nTo continue: ${resumeHint(view)}\n`);
    return EXIT_CODES.failed;
  } finally {
    closeTerminal(io);
  }
  return report(view, io);
}

/** The title line printed when a run starts or resumes. */
export function runBanner(view: InterviewView, verb: 'Running' | 'Resuming'): string {
  const label = view.interview.InterviewLabel ?? view.interview.flowApiName;
  return `${verb} ${view.interview.flowApiName} — interview ${view.interview.Id} (${label})\n`;
}

/** Runs `eddy run` in an open session; returns the exit code. */
export async function runFlow(session: CliSession, flowApiName: string, options: RunCommandOptions, io: TerminalIo = processTerminal()): Promise<number> {
  const runtime = await session.runtime();
  const variables = await session.flows.inputVariables(session.actor.Id, flowApiName).catch(() => []);
  const collections = new Set(variables.filter((v) => v.isCollection).map((v) => v.name.toLowerCase()));
  const inputs = parseInputs(options.input ?? [], collections);
  let versionId: string | undefined;
  if (options.version !== undefined) {
    const number = Number(options.version);
    if (!Number.isInteger(number) || number < 1) throw new UsageError(`"${options.version}" is not a version number (1, 2, ...).`);
    versionId = (await session.flows.findVersion(session.actor.Id, flowApiName, number)).Id;
  }
  const view = await runtime.interviews.start(session.actor.Id, flowApiName, {
    inputs,
    ...(options.record === undefined ? {} : { recordId: options.record }),
    ...(versionId === undefined ? {} : { versionId }),
  });
  write(io, runBanner(view, 'Running'));
  const { allowPause } = await session.storage.settings.getOrganization();
  return driveInTerminal(runtime.interviews, session.actor.Id, view, allowPause, io);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Registers `run` on the program. */
export function registerRunCommand(program: Command, context: CommandContext): void {
  addRuntimeOptions(
    program
      .command('run')
      .description('Run a flow in the terminal: screens become prompts, with Back, Pause and Finish.')
      .argument('<FlowApiName>')
      .option('--input <name=value>', 'an input variable (repeatable; a name given twice makes a list; JSON lists and records are parsed)', collect)
      .option('--record <Id>', 'the record the flow runs for (its recordId input)')
      .option('--version <N>', 'run this version instead of the active one (admins)'),
  ).action(async (flowApiName: string, options: RunCommandOptions) => {
    await runWithRuntime(context, options, (session) => runFlow(session, flowApiName, options));
  });
}
