import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../../src/runtime/identity/password-hasher.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../../support/timeouts.js';
import { PtySession } from './pty.js';
import { TempOrg } from './support.js';

describe('eddy users set-password', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let org: TempOrg;
  const sessions: PtySession[] = [];
  beforeEach(() => {
    org = new TempOrg();
  });
  afterEach(() => {
    for (const session of sessions.splice(0)) session.kill();
    org.dispose();
  });

  /** The stored hash of a user's password (null when none). */
  const storedHash = async (username: string): Promise<string | null> => {
    const db = await org.open();
    try {
      const user = await db.directory.getUserByUsername(username);
      return user === undefined ? null : await db.directory.getPasswordHash(user.Id);
    } finally {
      await db.close();
    }
  };
  const matches = async (username: string, password: string): Promise<boolean> => {
    const hash = await storedHash(username);
    return hash !== null && new PasswordHasher().verify(hash, password);
  };

  it('sets a password from stdin as an argon2id hash, for oneself or as an administrator', async () => {
    await org.eddy(['users', 'add', 'ada@example.com']);
    expect(await storedHash('ada@example.com')).toBeNull();
    const set = await org.eddy(['users', 'set-password', 'ada@example.com', '--password-stdin'], { input: 'Correct horse 1\n' });
    expect(set).toMatchObject({ code: 0, stdout: 'Set the password of ada@example.com; their access tokens were revoked.\n', stderr: '' });
    expect(await storedHash('ada@example.com')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await matches('ada@example.com', 'Correct horse 1')).toBe(true);
    expect(await matches('ada@example.com', 'Correct horse 1\n')).toBe(false);

    const own = await org.eddy(['users', 'set-password', 'ada@example.com', '--password-stdin', '--as', 'ada@example.com'], { input: 'Battery staple 2\r\n' });
    expect(own.code).toBe(0);
    expect(await matches('ada@example.com', 'Battery staple 2')).toBe(true);
    expect(await matches('ada@example.com', 'Correct horse 1')).toBe(false);
  });

  it('asks twice at a terminal without echoing what is typed', async () => {
    await org.eddy(['users', 'add', 'ada@example.com']);
    const terminal = PtySession.start(['users', 'set-password', 'ada@example.com', '--database', org.databaseFile], org.dir);
    sessions.push(terminal);
    await terminal.expect('New password for ada@example.com: ');
    terminal.type('Never shown 42');
    await terminal.expect('Type it again: ');
    terminal.type('Never shown 42');
    await terminal.expect('Set the password of ada@example.com');
    expect(await terminal.exitCode()).toBe(0);
    expect(terminal.text()).not.toContain('Never shown');
    expect(await matches('ada@example.com', 'Never shown 42')).toBe(true);

    const mismatch = PtySession.start(['users', 'set-password', 'ada@example.com', '--database', org.databaseFile], org.dir);
    sessions.push(mismatch);
    await mismatch.expect('New password for ada@example.com: ');
    mismatch.type('First try 123');
    await mismatch.expect('Type it again: ');
    mismatch.type('Second try 123');
    await mismatch.expect('eddy: the passwords do not match; nothing was changed.');
    expect(await mismatch.exitCode()).toBe(1);
    expect(mismatch.text()).not.toContain('try 123');
    expect(await matches('ada@example.com', 'Never shown 42')).toBe(true);
  });

  it("refuses another user's password without Manage Users, short passwords, unknown users, and a missing terminal, changing nothing", async () => {
    await org.eddy(['users', 'add', 'ada@example.com']);
    await org.eddy(['users', 'add', 'bob@example.com']);
    const denied = await org.eddy(['users', 'set-password', 'bob@example.com', '--password-stdin', '--as', 'ada@example.com'], { input: 'Long enough 1\n' });
    expect(denied).toMatchObject({
      code: 1,
      stderr: "eddy: INSUFFICIENT_ACCESS: Setting another user's password needs the Manage Users permission; ada@example.com does not have it.\n",
    });
    expect(await org.eddy(['users', 'set-password', 'bob@example.com', '--password-stdin'], { input: 'short\n' })).toMatchObject({
      code: 1,
      stderr: 'eddy: the password must have at least 8 characters; nothing was changed.\n',
    });
    expect(await org.eddy(['users', 'set-password', 'bob@example.com', '--password-stdin'], { input: 'two\nlines here\n' })).toMatchObject({
      code: 1,
      stderr: 'eddy: the password on stdin must be one line.\n',
    });
    expect(await org.eddy(['users', 'set-password', 'nobody@example.com', '--password-stdin'], { input: 'Long enough 1\n' })).toMatchObject({
      code: 1,
      stderr: 'eddy: NOT_FOUND: No user nobody@example.com.\n',
    });
    // stdin is a pipe here: no terminal to ask at.
    expect(await org.eddy(['users', 'set-password', 'bob@example.com'], { input: 'Long enough 1\n' })).toMatchObject({
      code: 2,
      stderr: 'eddy: there is no terminal to ask for the password; pipe it in with --password-stdin.\n',
    });
    expect(await storedHash('bob@example.com')).toBeNull();
  });
});
