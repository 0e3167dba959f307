/**
 * CLI test support: an org in a temporary SQLite file driven by `node bin/eddy.js ... --database
 * <file>` child processes (with optional piped stdin), and a direct storage handle on the same
 * file for setup and for checking what the commands stored.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type EddyDatabase } from '../../../src/storage/open-database.js';
import { sharedPath } from '../../support/shared-folder.js';
import { REPO_ROOT, type EddyRun } from '../run-eddy.js';

/** The SFDX fixture project. */
export const FIXTURE_PROJECT = path.join(REPO_ROOT, 'test/fixtures/sfdx-project');

/** A flow file of the shared corpus (its tests: `it.skipIf(!sharedAvailable(...))`, test/support/shared-folder.ts). */
export function corpusFile(relative: string): string {
  return sharedPath('flows', relative);
}

/** The environment of CLI children: no `DATABASE_URL` or `SMTP_URL` from the outside. */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  return env;
}

/** An embedded org in a temporary folder. */
export class TempOrg {
  readonly dir: string;
  readonly databaseFile: string;

  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'eddy-cli-'));
    this.databaseFile = path.join(this.dir, 'org.db');
  }

  /** Runs `eddy <args> --database <file>` from the temporary folder, with `input` piped to stdin. */
  eddy(args: readonly string[], options: { readonly input?: string } = {}): Promise<EddyRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/eddy.js'), ...args, '--database', this.databaseFile], {
        cwd: this.dir,
        env: childEnv(),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(options.input ?? '');
    });
  }

  /** `eddy <args> --json`, parsed; fails when the command does not exit 0. */
  async json<T>(args: readonly string[]): Promise<T> {
    const run = await this.eddy([...args, '--json']);
    if (run.code !== 0) throw new Error(`eddy ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  }

  /** Opens the org's database in this process (close it before the next command writes). */
  open(): Promise<EddyDatabase> {
    return openDatabase({ file: this.databaseFile });
  }

  /** Removes the folder. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
