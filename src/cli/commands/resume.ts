/**
 * `eddy resume <interviewId> [--as username]`: continues a paused interview in the terminal, on
 * the flow version it was paused on, showing its screen with the values kept — or an interview
 * left running at a screen (its run was interrupted before a pause). Same prompts and exit codes
 * as `eddy run`.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { addRuntimeOptions, runWithRuntime, type CliSession, type RuntimeOptions } from '../open-runtime.js';
import type { TerminalIo } from '../terminal/index.js';
import { driveInTerminal, processTerminal, runBanner } from './run.js';

/** Runs `eddy resume` in an open session; returns the exit code. */
export async function resumeInterview(session: CliSession, interviewId: string, io: TerminalIo = processTerminal()): Promise<number> {
  const runtime = await session.runtime();
  const current = await runtime.interviews.get(session.actor.Id, interviewId);
  // Running at a screen: continue it as is. Anything else goes through resume, which accepts
  // paused interviews and explains why the others cannot be resumed.
  const view = current.awaiting === 'screen' ? current : await runtime.interviews.resume(session.actor.Id, interviewId);
  const reason = current.interview.PauseLabel === null || current.awaiting !== 'paused' ? '' : `Paused because: ${current.interview.PauseLabel}\n`;
  io.output.write(`${runBanner(view, 'Resuming')}${reason}`);
  const { allowPause } = await session.storage.settings.getOrganization();
  return driveInTerminal(runtime.interviews, session.actor.Id, view, allowPause, io);
}

/** Registers `resume` on the program. */
export function registerResumeCommand(program: Command, context: CommandContext): void {
  addRuntimeOptions(
    program.command('resume').description('Continue a paused interview in the terminal (on the version it was paused on).').argument('<interviewId>'),
  ).action(async (interviewId: string, options: RuntimeOptions) => {
    await runWithRuntime(context, options, (session) => resumeInterview(session, interviewId));
  });
}
