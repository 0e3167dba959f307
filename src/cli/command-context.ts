/**
 * What every command gets from `main`: the output streams and a way to set the exit code.
 * Commands never call `process.exit`; bad usage is a {@link UsageError} (exit code 2).
 */

/** Exit codes shared by all commands. */
export const EXIT_CODES = { ok: 0, failed: 1, usage: 2 } as const;

/** A writable text stream; `isTTY` is set for terminals. */
export interface OutputStream {
  write(text: string): boolean;
  readonly isTTY?: boolean | undefined;
}

/** Passed to each command's `register...Command`. */
export interface CommandContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Sets the exit code `main` returns. */
  setExitCode(code: number): void;
}

/** Bad usage (no paths, an unreadable path ...): `main` prints the message and returns exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
