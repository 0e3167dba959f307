/**
 * Eddy's command line (`bin/eddy.js`): builds the commander program from one module per command
 * under `commands/` and maps outcomes to exit codes (0 ok, 1 failed, 2 bad usage).
 */
import { Command, CommanderError } from 'commander';
import { EXIT_CODES, UsageError, type CommandContext } from './command-context.js';
import { registerDeployCommand } from './commands/deploy.js';
import { registerFlowsCommand } from './commands/flows.js';
import { registerInterviewsCommand } from './commands/interviews.js';
import { registerJobsCommand } from './commands/jobs.js';
import { registerQueryCommand } from './commands/query.js';
import { registerResumeCommand } from './commands/resume.js';
import { registerRunCommand } from './commands/run.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUsersCommand } from './commands/users.js';
import { registerValidateCommand } from './commands/validate.js';

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT_CODES.ok;
  const context: CommandContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = new Command('eddy')
    .description('Eddy runs Salesforce flows (*.flow-meta.xml) outside Salesforce.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .showHelpAfterError('(run "eddy --help" for usage)');
  registerValidateCommand(program, context);
  registerDeployCommand(program, context);
  registerFlowsCommand(program, context);
  registerUsersCommand(program, context);
  registerInterviewsCommand(program, context);
  registerJobsCommand(program, context);
  registerQueryCommand(program, context);
  registerRunCommand(program, context);
  registerResumeCommand(program, context);
  registerServeCommand(program, context);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    if (error instanceof UsageError) {
      context.stderr.write(`eddy: ${error.message}\n`);
      return EXIT_CODES.usage;
    }
    throw error;
  }
  return exitCode;
}
