/** Shared setup of the flow and user service tests: the fixture project's files, an org with users. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeployFile } from '../../../src/runtime/flows/deploy-result.js';
import { bootstrapOrg, findAdmin } from '../../../src/runtime/org/org-bootstrap.js';
import type { Storage, UserRecord } from '../../../src/runtime/ports/index.js';

/** The SFDX fixture project (`test/fixtures/sfdx-project`). */
export const FIXTURE_PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sfdx-project');

/** Every file under `folder`, with paths relative to it, in name order. */
export function readFolder(folder: string = FIXTURE_PROJECT): DeployFile[] {
  const files: DeployFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push({ path: path.relative(folder, full), content: readFileSync(full, 'utf8') });
    }
  };
  walk(folder);
  return files;
}

/** Only the files whose path contains `part`. */
export function filesMatching(files: readonly DeployFile[], part: string): DeployFile[] {
  return files.filter((file) => file.path.includes(part));
}

/** An org with the standard permission sets and its admin, plus users holding one standard set each. */
export interface TestOrg {
  readonly admin: UserRecord;
  /** Run Flows only. */
  readonly flowUser: UserRecord;
  /** Run Flows and Manage Flow. */
  readonly flowManager: UserRecord;
  /** No permission set at all. */
  readonly nobody: UserRecord;
}

/** Bootstraps the org and creates the test users. */
export async function setUpOrg(storage: Storage): Promise<TestOrg> {
  await bootstrapOrg(storage);
  const admin = await findAdmin(storage);
  if (admin === undefined) throw new Error('bootstrapOrg made no admin');
  const sets = await storage.directory.listPermissionSets();
  const user = async (name: string, setName: string | undefined): Promise<UserRecord> => {
    const created = await storage.directory.createUser({ Username: `${name}@example.com`, Email: `${name}@example.com`, LastName: name }, admin.Id);
    const set = sets.find((s) => s.Name === setName);
    if (set !== undefined) await storage.directory.assignPermissionSet(created.Id, set.Id);
    return created;
  };
  return { admin, flowUser: await user('runner', 'Flow_User'), flowManager: await user('manager', 'Flow_Manager'), nobody: await user('nobody', undefined) };
}

/**
 * Deploys the fixture project's objects and fields (`Feedback__c`), which its survey flow names:
 * without them Salesforce, and Eddy, refuse to activate the flow.
 */
export async function deployFixtureObjects(service: { deploy(actorId: string, files: readonly DeployFile[]): Promise<unknown> }, actorId: string): Promise<void> {
  await service.deploy(actorId, filesMatching(readFolder(), '/objects/'));
}
