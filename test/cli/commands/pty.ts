/**
 * Drives a CLI command through a pseudo-terminal, as a user at a terminal would: `script` runs
 * it on a pty (so stdin and stdout are TTYs and readline is in terminal mode), the test waits for
 * a prompt and types the answer. Output is compared without escape sequences and carriage returns.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../run-eddy.js';
import { childEnv } from './support.js';

/**
 * How long `expect` waits for output before failing with what was printed: a guard, not a
 * measure. The first prompt comes after the CLI has started (seconds of CPU through tsx), which
 * on a busy machine can take a minute.
 */
const OUTPUT_GUARD_MS = 120_000;

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Output as the user reads it: escape sequences and carriage returns removed. */
export function cleanTerminalText(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}

/** One command running on a pseudo-terminal. */
export class PtySession {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #exit: Promise<number>;
  #raw = '';
  #consumed = 0;
  #onData: (() => void) | undefined;

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.#child = child;
    child.stdout.on('data', (chunk: Buffer) => {
      this.#raw += chunk.toString();
      this.#onData?.();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.#raw += chunk.toString();
      this.#onData?.();
    });
    this.#exit = new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Starts `node bin/eddy.js <args>` on a 120×40 pseudo-terminal in `cwd`. */
  static start(args: readonly string[], cwd: string): PtySession {
    const command = `stty cols 120 rows 40; exec ${[process.execPath, path.join(REPO_ROOT, 'bin/eddy.js'), ...args].map(shellQuote).join(' ')}`;
    return new PtySession(spawn('/usr/bin/script', ['-qfec', command, '/dev/null'], { cwd, env: { ...childEnv(), TERM: 'xterm' } }));
  }

  /** Everything printed so far, cleaned. */
  text(): string {
    return cleanTerminalText(this.#raw);
  }

  /**
   * Waits until the output after the previous match matches `pattern`; returns that output up to
   * the end of the match. Fails with the whole output when it does not come.
   */
  expect(pattern: RegExp | string): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const text = this.text();
        const rest = text.slice(this.#consumed);
        const match = typeof pattern === 'string' ? (rest.includes(pattern) ? { index: rest.indexOf(pattern), length: pattern.length } : undefined) : (() => {
          const found = pattern.exec(rest);
          return found === null ? undefined : { index: found.index, length: found[0].length };
        })();
        if (match === undefined) return false;
        const end = this.#consumed + match.index + match.length;
        const seen = text.slice(this.#consumed, end);
        this.#consumed = end;
        resolve(seen);
        return true;
      };
      if (check()) return;
      const guard = setTimeout(() => {
        this.#onData = undefined;
        reject(new Error(`Expected ${String(pattern)} in the terminal output:\n${this.text().slice(this.#consumed)}\n--- whole output ---\n${this.text()}`));
      }, OUTPUT_GUARD_MS);
      this.#onData = () => {
        if (check()) {
          clearTimeout(guard);
          this.#onData = undefined;
        }
      };
    });
  }

  /** Types a line and presses Enter. */
  type(line: string): void {
    this.#child.stdin.write(`${line}\r`);
  }

  /** Waits for the command to end; returns its exit code. */
  exitCode(): Promise<number> {
    return this.#exit;
  }

  /** Ends the session (the command is killed if still running). */
  kill(): void {
    this.#child.kill('SIGKILL');
  }
}
