/**
 * Line input for the terminal runner over `node:readline/promises`, working the same on a TTY
 * (line editing, hidden passwords, Ctrl+C) and on a pipe (scripted answers written all at once).
 *
 * One reader is kept per input stream and reused across screens: readline reads ahead, so a
 * reader closed after each screen would drop the answers a pipe already delivered for the next.
 */
import { createInterface, type Interface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/** Where the runner reads answers and writes prompts. */
export interface TerminalIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

/** Why no answer can come: the input ended, or the user pressed Ctrl+C. */
export class TerminalClosedError extends Error {
  readonly code: 'INPUT_CLOSED' | 'INTERRUPTED';

  constructor(code: 'INPUT_CLOSED' | 'INTERRUPTED') {
    super(code === 'INPUT_CLOSED' ? 'The input ended before the screen was completed.' : 'Interrupted.');
    this.name = 'TerminalClosedError';
    this.code = code;
  }
}

const readers = new WeakMap<NodeJS.ReadableStream, LineReader>();

/** Reads answers line by line; use {@link LineReader.for} to share one per input stream. */
export class LineReader {
  readonly #readline: Interface;
  readonly #lines: AsyncIterator<string>;
  readonly #output: NodeJS.WritableStream;
  readonly #input: NodeJS.ReadableStream;
  readonly #terminal: boolean;
  #muted = false;
  #closed: TerminalClosedError | undefined;

  private constructor(io: TerminalIo) {
    this.#input = io.input;
    this.#output = io.output;
    this.#terminal = isTty(io.input) && isTty(io.output);
    const output = io.output;
    const echo = new Writable({
      write: (chunk: Buffer | string, _encoding, done) => {
        if (!this.#muted) output.write(chunk);
        done();
      },
    });
    // readline lays out the line from the output's width.
    Object.defineProperty(echo, 'columns', { get: () => (output as { columns?: number }).columns });
    this.#readline = createInterface({ input: io.input, output: echo, terminal: this.#terminal, historySize: 0 });
    // Created now so that lines readline reads ahead are buffered, not dropped.
    this.#lines = this.#readline[Symbol.asyncIterator]();
    this.#readline.on('SIGINT', () => {
      this.#closed ??= new TerminalClosedError('INTERRUPTED');
      this.close();
    });
    this.#readline.on('close', () => {
      this.#closed ??= new TerminalClosedError('INPUT_CLOSED');
      if (readers.get(this.#input) === this) readers.delete(this.#input);
    });
    this.#readline.pause();
  }

  /** The reader of `io.input`, created on first use. */
  static for(io: TerminalIo): LineReader {
    let reader = readers.get(io.input);
    if (reader === undefined) {
      reader = new LineReader(io);
      readers.set(io.input, reader);
    }
    return reader;
  }

  /** Whether input and output are a terminal. */
  get isTerminal(): boolean {
    return this.#terminal;
  }

  /** Writes text to the output. */
  write(text: string): void {
    this.#output.write(text);
  }

  /**
   * Shows `prompt` and returns the next line (without its line break). With `secret`, what is
   * typed is not echoed on a terminal. Throws {@link TerminalClosedError} when no line can come.
   */
  async ask(prompt: string, options: { secret?: boolean } = {}): Promise<string> {
    if (this.#closed?.code === 'INTERRUPTED') throw this.#closed;
    if (this.#closed === undefined) {
      this.#readline.setPrompt(prompt);
      this.#readline.resume();
      this.#readline.prompt();
    } else {
      // The input has ended, but lines read before its end may still be buffered.
      this.#output.write(prompt);
    }
    this.#muted = options.secret === true && this.#terminal;
    try {
      const next = await this.#lines.next();
      if (next.done === true) throw this.#closed ?? new TerminalClosedError('INPUT_CLOSED');
      // A pipe is not echoed by anyone: show the answer (never a secret) so the transcript reads like a session.
      if (!this.#terminal) this.#output.write(options.secret === true ? '\n' : `${next.value}\n`);
      return next.value;
    } finally {
      if (this.#muted) {
        this.#muted = false;
        this.#output.write('\n');
      }
      if (this.#closed === undefined) this.#readline.pause();
    }
  }

  /** Closes the reader (and restores the terminal mode); the next {@link LineReader.for} makes a new one. */
  close(): void {
    this.#readline.close();
  }
}

/** Releases the reader kept for `io.input`, if any (call when the run is over). */
export function closeTerminal(io: TerminalIo): void {
  readers.get(io.input)?.close();
}

function isTty(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}
