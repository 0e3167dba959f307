/**
 * The org row, its process automation settings, org-wide email addresses and `$Label` values.
 * `initializeOrganization` creates the org on first use: the org row, the "Automated Process"
 * user and the "All Internal Users" group.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { DuplicateValueError, InvalidEmailAddressError, InvalidTypeOnFieldError, KEY_PREFIXES, newId, NotFoundError } from '../runtime/index.js';
import type { OrgSettings, OrgSettingsChanges, OrgWideEmailAddressRecord, SettingsStore, SharingModel } from '../runtime/index.js';
import type { Database, OrganizationTable, OrgWideEmailAddressesTable } from './database-schema.js';
import { fromBool, toBool } from './sql-helpers.js';
import { runCompiled } from './compiled-queries.js';
import type { StoreContext } from './store-context.js';

const SHARING_MODELS: readonly SharingModel[] = ['Private', 'Read', 'ReadWrite'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function toSettings(row: Selectable<OrganizationTable>): OrgSettings {
  return {
    Id: row.Id,
    Name: row.Name,
    TimeZoneSidKey: row.TimeZoneSidKey,
    allowPause: fromBool(row.allow_pause),
    resumeSharedInterviews: fromBool(row.resume_shared_interviews),
    automatedProcessUserEmail: row.automated_process_user_email,
    flowInterviewSharingModel: row.flow_interview_sharing_model as SharingModel,
    automatedProcessUserId: row.automated_process_user_id,
  };
}

function toAddress(row: Selectable<OrgWideEmailAddressesTable>): OrgWideEmailAddressRecord {
  return {
    Id: row.Id,
    Address: row.Address,
    DisplayName: row.DisplayName,
    IsAllowAllProfiles: fromBool(row.IsAllowAllProfiles),
    CreatedDate: row.CreatedDate,
    CreatedById: row.CreatedById,
    LastModifiedDate: row.LastModifiedDate,
    LastModifiedById: row.LastModifiedById,
  };
}

/** Reads the org row; throws when the database was never initialised (a bug: `openDatabase` does it). */
export async function readOrganization(db: Kysely<Database>): Promise<Selectable<OrganizationTable>> {
  const row = await db.selectFrom('organization').selectAll().executeTakeFirst();
  if (!row) throw new Error('The organization row is missing: open the database with openDatabase().');
  return row;
}

/**
 * Creates the org on first use (idempotent; safe when several processes start at once): the org
 * row (Id 00D...), the "Automated Process" user and the "All Internal Users" group.
 */
export async function initializeOrganization(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // SQLite transactions already hold the write lock (BEGIN IMMEDIATE); PostgreSQL needs one.
    if (dialect === 'postgres') await sql`lock table organization in share row exclusive mode`.execute(trx);
    if (await trx.selectFrom('organization').select('Id').executeTakeFirst()) return;
    const orgId = newId(KEY_PREFIXES.Organization);
    const userId = newId(KEY_PREFIXES.User);
    const audit = { CreatedDate: now, CreatedById: userId, LastModifiedDate: now, LastModifiedById: userId, SystemModstamp: now, IsDeleted: 0 };
    const username = `autoproc@${orgId.toLowerCase()}.eddy`;
    await trx
      .insertInto('users')
      .values({
        Id: userId, Username: username, username_key: username, Email: 'autoproc@eddy.invalid', FirstName: null, LastName: 'Automated Process',
        Name: 'Automated Process', Alias: 'autoproc', CommunityNickname: null, IsActive: 1, UserRoleId: null, ManagerId: null, Title: null,
        Department: null, CompanyName: null, Phone: null, MobilePhone: null, TimeZoneSidKey: 'GMT', LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US', EmailEncodingKey: 'UTF-8', UserType: 'AutomatedProcess', FederationIdentifier: null, password_hash: null,
        ...audit,
      })
      .execute();
    await trx
      .insertInto('groups')
      .values({
        Id: newId(KEY_PREFIXES.Group), Name: 'All Internal Users', DeveloperName: 'AllInternalUsers', Type: 'Organization', RelatedId: orgId,
        Email: null, DoesIncludeBosses: 0, DoesSendEmailToMembers: 0, ...audit,
      })
      .execute();
    await trx
      .insertInto('organization')
      .values({
        Id: orgId, Name: 'Eddy', TimeZoneSidKey: 'GMT', DefaultLocaleSidKey: 'en_US', LanguageLocaleKey: 'en_US', OrganizationType: 'Eddy',
        IsSandbox: 0, InstanceName: 'EDDY', allow_pause: 1, resume_shared_interviews: 1, automated_process_user_email: null,
        flow_interview_sharing_model: 'Private', automated_process_user_id: userId, schema_revision: randomUUID(), ...audit,
      })
      .execute();
  });
}

/** {@link SettingsStore} on Kysely. */
export class KyselySettingsStore implements SettingsStore {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async accessRevision(): Promise<string> {
    const [row] = await runCompiled(this.#ctx, 'accessRevision', (db) => db.selectFrom('access_revision').select('value').where('id', '=', 1), [1]);
    if (row === undefined) throw new Error('The access revision row is missing: the database was not migrated.');
    return String(row.value);
  }

  async getOrganization(): Promise<OrgSettings> {
    return toSettings(await readOrganization(this.#ctx.db));
  }

  async updateOrganization(changes: OrgSettingsChanges, actorId: string): Promise<OrgSettings> {
    if (changes.flowInterviewSharingModel !== undefined && !SHARING_MODELS.includes(changes.flowInterviewSharingModel)) {
      throw new InvalidTypeOnFieldError(`flowInterviewSharingModel: expected one of ${SHARING_MODELS.join(', ')}`, ['flowInterviewSharingModel']);
    }
    const email = changes.automatedProcessUserEmail;
    if (typeof email === 'string' && !EMAIL.test(email)) {
      throw new InvalidEmailAddressError(`automatedProcessUserEmail: invalid email address: ${email}`, ['automatedProcessUserEmail']);
    }
    const now = this.#ctx.now();
    return this.#ctx.atomic(async (db) => {
      await db
        .updateTable('organization')
        .set({
          ...(changes.Name !== undefined ? { Name: changes.Name } : {}),
          ...(changes.TimeZoneSidKey !== undefined ? { TimeZoneSidKey: changes.TimeZoneSidKey } : {}),
          ...(changes.allowPause !== undefined ? { allow_pause: toBool(changes.allowPause) } : {}),
          ...(changes.resumeSharedInterviews !== undefined ? { resume_shared_interviews: toBool(changes.resumeSharedInterviews) } : {}),
          ...(email !== undefined ? { automated_process_user_email: email } : {}),
          ...(changes.flowInterviewSharingModel !== undefined ? { flow_interview_sharing_model: changes.flowInterviewSharingModel } : {}),
          LastModifiedDate: now,
          LastModifiedById: actorId,
          SystemModstamp: now,
        })
        .execute();
      return toSettings(await readOrganization(db));
    });
  }

  async listOrgWideEmailAddresses(): Promise<OrgWideEmailAddressRecord[]> {
    const rows = await this.#ctx.db.selectFrom('org_wide_email_addresses').selectAll().orderBy('Address').execute();
    return rows.map(toAddress);
  }

  async addOrgWideEmailAddress(input: { readonly Address: string; readonly DisplayName: string; readonly IsAllowAllProfiles?: boolean }, actorId: string): Promise<OrgWideEmailAddressRecord> {
    const address = input.Address.trim();
    if (!EMAIL.test(address)) throw new InvalidEmailAddressError(`Address: invalid email address: ${address}`, ['Address']);
    return this.#ctx.atomic(async (db) => {
      const taken = await db.selectFrom('org_wide_email_addresses').select('Id').where(sql<boolean>`lower(${sql.ref('Address')}) = ${address.toLowerCase()}`).executeTakeFirst();
      if (taken) throw new DuplicateValueError(`duplicate value found: Address duplicates value on record with id: ${taken.Id}`, ['Address']);
      const now = this.#ctx.now();
      const row = {
        Id: newId(KEY_PREFIXES.OrgWideEmailAddress), Address: address, DisplayName: input.DisplayName, IsAllowAllProfiles: toBool(input.IsAllowAllProfiles ?? true),
        CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
      };
      await db.insertInto('org_wide_email_addresses').values(row).execute();
      return toAddress(row);
    });
  }

  async removeOrgWideEmailAddress(id: string): Promise<void> {
    const result = await this.#ctx.db.deleteFrom('org_wide_email_addresses').where('Id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFoundError(`No org-wide email address with Id ${id}.`);
  }

  async getLabels(): Promise<Record<string, string>> {
    const rows = await this.#ctx.db.selectFrom('custom_labels').select(['name', 'value']).orderBy('name').execute();
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  async setLabels(labels: Readonly<Record<string, string>>): Promise<void> {
    const now = this.#ctx.now();
    const entries = Object.entries(labels);
    if (entries.length === 0) return;
    await this.#ctx.atomic(async (db) => {
      for (const [name, value] of entries) {
        await db
          .insertInto('custom_labels')
          .values({ name, value, language: 'en_US', last_modified_date: now })
          .onConflict((oc) => oc.column('name').doUpdateSet({ value, last_modified_date: now }))
          .execute();
      }
    });
  }

  async deleteLabel(name: string): Promise<void> {
    await this.#ctx.db.deleteFrom('custom_labels').where('name', '=', name).execute();
  }
}
