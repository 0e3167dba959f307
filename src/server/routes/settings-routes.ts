/**
 * Eddy's Setup API (not Salesforce's; documented in the served OpenAPI under `/eddy`), what the
 * web UI's Setup pages use. Reading needs Customize Application or Manage Flow, changing needs
 * Customize Application (403 `INSUFFICIENT_ACCESS` otherwise):
 *
 * - `GET /eddy/settings` → `{ allowPause, resumeSharedInterviews, automatedProcessUserEmail,
 *   flowInterviewSharingModel: Private|Read|ReadWrite, orgWideEmailAddresses: [{ Id, Address, DisplayName }] }`;
 * - `PATCH /eddy/settings` with any of the first four → the settings (unknown properties 400
 *   `INVALID_FIELD`, wrong types 400 `INVALID_TYPE_ON_FIELD_IN_RECORD`; nothing stored on error);
 * - `POST /eddy/settings/org-wide-email-addresses` `{ Address, DisplayName }` → 201 `{ id, success, errors }`;
 * - `DELETE /eddy/settings/org-wide-email-addresses/{id}` → 204;
 * - `GET /eddy/outbox?status=pending|sent|failed|cancelled&limit=` → `{ totalSize, done, records }`;
 * - `GET /eddy/sharing-rules` → `{ records }`; `POST` `{ Name, DeveloperName?, Description?,
 *   GroupId, UserOrGroupId, AccessLevel: Read|Edit }` → 201 `{ id, success, errors }`;
 *   `DELETE /eddy/sharing-rules/{id}` → 204.
 */
import type { FastifyInstance } from 'fastify';
import { InvalidApiInputError, InvalidFieldError, InvalidTypeOnFieldError, MissingArgumentError, OUTBOX_STATUSES, type OutboxStatus, SettingsService } from '../../runtime/index.js';
import type { FlowSettingsChanges, SharingModel } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { integerParam, paramsOf, queryOf, resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { objectBodyOf } from './sobject-routes.js';

const SETTINGS_FIELDS = ['allowPause', 'resumeSharedInterviews', 'automatedProcessUserEmail', 'flowInterviewSharingModel'] as const;
const SHARING_MODELS: readonly SharingModel[] = ['Private', 'Read', 'ReadWrite'];
const RULE_FIELDS = ['Name', 'DeveloperName', 'Description', 'GroupId', 'UserOrGroupId', 'AccessLevel'] as const;

function rejectUnknown(body: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) throw new InvalidFieldError(`No such column '${key}': expected ${known.join(', ')}.`, [key]);
  }
}

function wrongType(name: string, expected: string): InvalidTypeOnFieldError {
  return new InvalidTypeOnFieldError(`${name}: expected ${expected}.`, [name]);
}

/** The checked settings changes of a PATCH body. */
function settingsChangesOf(body: Record<string, unknown>): FlowSettingsChanges {
  rejectUnknown(body, SETTINGS_FIELDS);
  const { allowPause, resumeSharedInterviews, automatedProcessUserEmail, flowInterviewSharingModel } = body;
  if (allowPause !== undefined && typeof allowPause !== 'boolean') throw wrongType('allowPause', 'true or false');
  if (resumeSharedInterviews !== undefined && typeof resumeSharedInterviews !== 'boolean') throw wrongType('resumeSharedInterviews', 'true or false');
  if (automatedProcessUserEmail !== undefined && automatedProcessUserEmail !== null && typeof automatedProcessUserEmail !== 'string') throw wrongType('automatedProcessUserEmail', 'an email address or null');
  if (flowInterviewSharingModel !== undefined && !SHARING_MODELS.includes(flowInterviewSharingModel as SharingModel)) throw wrongType('flowInterviewSharingModel', SHARING_MODELS.join(', '));
  return {
    ...(allowPause === undefined ? {} : { allowPause }),
    ...(resumeSharedInterviews === undefined ? {} : { resumeSharedInterviews }),
    ...(automatedProcessUserEmail === undefined ? {} : { automatedProcessUserEmail: automatedProcessUserEmail === '' ? null : automatedProcessUserEmail }),
    ...(flowInterviewSharingModel === undefined ? {} : { flowInterviewSharingModel: flowInterviewSharingModel as SharingModel }),
  };
}

function requiredText(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null || value === '') throw new MissingArgumentError(`${name} is required.`, [name]);
  if (typeof value !== 'string') throw wrongType(name, 'text');
  return value;
}

function optionalText(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(name, 'text');
  return value;
}

/** The most outbox messages one read answers (storage's own cap). */
const MAX_OUTBOX_LIMIT = 10_000;

/** Registers the Setup API inside the versioned API. */
export function registerSettingsRoutes(api: FastifyInstance, context: ServerContext): void {
  const settings = new SettingsService(context.storage);

  resource(api, '/eddy/settings', {
    GET: (request) => settings.get(actorOf(request).userId),
    PATCH: (request) => settings.update(actorOf(request).userId, settingsChangesOf(objectBodyOf(request))),
  });

  resource(api, '/eddy/settings/org-wide-email-addresses', {
    POST: async (request, reply) => {
      const body = objectBodyOf(request);
      rejectUnknown(body, ['Address', 'DisplayName']);
      const added = await settings.addOrgWideEmailAddress(actorOf(request).userId, { Address: requiredText(body, 'Address'), DisplayName: requiredText(body, 'DisplayName') });
      return reply.code(201).send({ id: added.Id, success: true, errors: [] });
    },
  });

  resource(api, '/eddy/settings/org-wide-email-addresses/:id', {
    DELETE: async (request, reply) => {
      await settings.removeOrgWideEmailAddress(actorOf(request).userId, paramsOf(request).id ?? '');
      return reply.code(204).send();
    },
  });

  resource(api, '/eddy/outbox', {
    GET: async (request) => {
      const query = queryOf(request);
      const status = query.status === undefined || query.status === '' ? undefined : query.status;
      if (status !== undefined && !OUTBOX_STATUSES.includes(status as OutboxStatus)) throw new InvalidApiInputError(`status must be pending, sent, failed or cancelled, not "${status}".`, ['status']);
      const limit = integerParam(query.limit, 'limit', { min: 1, max: MAX_OUTBOX_LIMIT });
      const records = await settings.outbox(actorOf(request).userId, {
        ...(status === undefined ? {} : { status: status as OutboxStatus }),
        ...(limit === undefined ? {} : { limit }),
      });
      return { totalSize: records.length, done: true, records };
    },
  });

  resource(api, '/eddy/sharing-rules', {
    GET: async (request) => {
      const rules = await settings.sharingRules(actorOf(request).userId);
      return { records: rules.map(({ Id, Name, DeveloperName, Description, GroupId, UserOrGroupId, AccessLevel }) => ({ Id, Name, DeveloperName, Description, GroupId, UserOrGroupId, AccessLevel })) };
    },
    POST: async (request, reply) => {
      const body = objectBodyOf(request);
      rejectUnknown(body, RULE_FIELDS);
      const developerName = optionalText(body, 'DeveloperName');
      const description = optionalText(body, 'Description');
      const accessLevel = requiredText(body, 'AccessLevel');
      const rule = await settings.addSharingRule(actorOf(request).userId, {
        Name: requiredText(body, 'Name'),
        ...(developerName === undefined ? {} : { DeveloperName: developerName }),
        ...(description === undefined ? {} : { Description: description }),
        GroupId: requiredText(body, 'GroupId'),
        UserOrGroupId: requiredText(body, 'UserOrGroupId'),
        AccessLevel: accessLevel as 'Read' | 'Edit',
      });
      return reply.code(201).send({ id: rule.Id, success: true, errors: [] });
    },
  });

  resource(api, '/eddy/sharing-rules/:id', {
    DELETE: async (request, reply) => {
      await settings.deleteSharingRule(actorOf(request).userId, paramsOf(request).id ?? '');
      return reply.code(204).send();
    },
  });
}
