/**
 * Listing interviews: a list request (whose interviews, and which) turned into the storage query
 * and the viewer it runs as. Storage applies the access rule to every row, for every scope: `all`
 * (Manage Flow) is not a bypass, it is what the rule lets a Manage Flow user read — every
 * interview.
 */
import { InsufficientAccessError, InvalidApiInputError, MissingArgumentError, NotFoundError } from '../errors.js';
import { parseId } from '../org/ids.js';
import type { Actor } from './interview-access.js';
import { checkCount, checkStatuses, MAX_LIST_LIMIT, MAX_LIST_OFFSET } from './interview-input.js';
import type { InterviewListQuery, StorageSession, Viewer } from '../ports/index.js';

/** A list query: whose interviews, and which. */
export interface InterviewListRequest {
  /** `mine`: owned by the user; `record`: related to `recordId`; `flow`: of `flowApiName`; `all`: every interview (Manage Flow). */
  readonly scope: 'mine' | 'record' | 'flow' | 'all';
  readonly recordId?: string;
  readonly flowApiName?: string;
  readonly statuses?: readonly string[];
  readonly limit?: number;
  readonly offset?: number;
}

/** The storage query of `query` for `actor`, and whom it lists as. */
export async function listQuery(session: StorageSession, actor: Actor, query: InterviewListRequest): Promise<{ filter: InterviewListQuery; viewer: Viewer }> {
  const filter: { -readonly [K in keyof InterviewListQuery]: InterviewListQuery[K] } = {};
  const viewer: Viewer = actor.subject;
  switch (query?.scope) {
    case 'mine':
      filter.ownerId = actor.user.Id;
      break;
    case 'record':
      if (query.recordId === undefined || query.recordId === '') throw new MissingArgumentError('recordId is required to list the interviews of a record.', ['recordId']);
      filter.relatedRecordId = parseId(query.recordId, 'recordId');
      break;
    case 'flow': {
      if (query.flowApiName === undefined || query.flowApiName === '') throw new MissingArgumentError('flowApiName is required to list the interviews of a flow.', ['flowApiName']);
      const definition = await session.flows.getDefinitionByName(query.flowApiName);
      if (definition === undefined) throw new NotFoundError(`No flow named "${query.flowApiName}".`, ['flowApiName']);
      filter.flowDefinitionId = definition.Id;
      break;
    }
    case 'all':
      if (!actor.subject.permissions.manageFlow) throw new InsufficientAccessError('Listing every interview needs the Manage Flow permission.');
      break;
    default:
      throw new InvalidApiInputError(`scope must be mine, record, flow or all, not ${JSON.stringify(query?.scope)}.`, ['scope']);
  }
  if (query.statuses !== undefined) filter.statuses = checkStatuses(query.statuses);
  if (query.limit !== undefined) filter.limit = checkCount(query.limit, 'limit', 1, MAX_LIST_LIMIT);
  if (query.offset !== undefined) filter.offset = checkCount(query.offset, 'offset', 0, MAX_LIST_OFFSET);
  return { filter, viewer };
}
