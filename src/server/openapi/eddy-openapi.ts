// Over 400 lines: data: the OpenAPI paths and schemas of Eddy's own API.
/**
 * Eddy's additions to the seed's OpenAPI document: the flow runtime API (`/eddy/...`), the
 * Salesforce resources the server also serves (describe, records, SOQL paging, platform events,
 * versions) and OAuth. Paths are relative to `/services/data/v{version}` unless they carry their
 * own `servers` (OAuth and identity live at the root).
 */
import type { JsonValue } from '../../engine/index.js';
import { COMPOSITE_PATHS, COMPOSITE_SCHEMAS } from './composite-openapi.js';
import { JOB_PATHS, JOB_SCHEMAS } from './jobs-openapi.js';
import { errors, json, type Json, ok, pathParam, queryParam, ref, STANDARD_ERRORS } from './openapi-parts.js';

const ROOT_SERVER: JsonValue = [{ url: '/', description: 'The Eddy server itself' }];

const interviewId = pathParam('interviewId', 'The FlowInterview Id (0Fo...)');

const MANAGE_USERS = 'Needs Manage Users (403 INSUFFICIENT_ACCESS otherwise).';

/** A directory object's create (and update or delete by Id) as the sObject resources serve them. */
function directoryObjectPaths(object: string, create: { readonly required: readonly string[]; readonly properties: Json; readonly errors: string }, byId: { readonly patch?: string; readonly delete?: string }): Json {
  const id = pathParam('recordId', `The ${object} Id`);
  const item: Json = {};
  if (byId.patch !== undefined) {
    item.patch = {
      operationId: `update${object}`,
      summary: byId.patch,
      description: MANAGE_USERS,
      tags: ['Users and Groups'],
      parameters: [id],
      requestBody: { required: true, content: json({ type: 'object', properties: create.properties, additionalProperties: false }) },
      responses: { '204': { description: 'Updated' }, ...STANDARD_ERRORS },
    };
  }
  if (byId.delete !== undefined) {
    item.delete = {
      operationId: `delete${object}`,
      summary: byId.delete,
      description: MANAGE_USERS,
      tags: ['Users and Groups'],
      parameters: [id],
      responses: { '204': { description: 'Deleted' }, ...STANDARD_ERRORS },
    };
  }
  return {
    [`/sobjects/${object}`]: {
      post: {
        operationId: `create${object}`,
        summary: `Create a ${object}`,
        description: `${MANAGE_USERS} 400: ${create.errors}; nothing is stored on error.`,
        tags: ['Users and Groups'],
        requestBody: { required: true, content: json({ type: 'object', required: [...create.required], properties: create.properties, additionalProperties: false }) },
        responses: { '201': ok('Created', ref('CreateResponse')), ...STANDARD_ERRORS },
      },
    },
    [`/sobjects/${object}/{recordId}`]: item,
  };
}

const text: Json = { type: 'string' };
const nullableText: Json = { type: 'string', nullable: true };

/** Users, public groups and queues, their members and permission set assignments. */
const DIRECTORY_PATHS: Json = {
  ...directoryObjectPaths(
    'User',
    {
      required: ['Username', 'LastName', 'Email'],
      properties: {
        Username: text, LastName: text, FirstName: nullableText, Email: text, Alias: nullableText, CommunityNickname: nullableText, IsActive: { type: 'boolean' },
        UserRoleId: nullableText, ManagerId: nullableText, Title: nullableText, Department: nullableText, CompanyName: nullableText, Phone: nullableText,
        MobilePhone: nullableText, TimeZoneSidKey: text, LocaleSidKey: text, LanguageLocaleKey: text, EmailEncodingKey: text, FederationIdentifier: nullableText,
      },
      errors: 'REQUIRED_FIELD_MISSING, DUPLICATE_USERNAME (Username, case-insensitive), INVALID_CROSS_REFERENCE_KEY (UserRoleId, ManagerId), MALFORMED_ID, INVALID_FIELD, INVALID_FIELD_FOR_INSERT_UPDATE, INVALID_EMAIL_ADDRESS',
    },
    { patch: 'Change a user: IsActive false deactivates (their tokens fail with 401 on their next request), true reactivates. Users are never deleted (DELETE: 405).' },
  ),
  ...directoryObjectPaths(
    'Group',
    {
      required: ['Name', 'Type'],
      properties: { Name: text, DeveloperName: text, Type: { type: 'string', enum: ['Regular', 'Queue'] }, Email: nullableText, DoesIncludeBosses: { type: 'boolean' } },
      errors: 'REQUIRED_FIELD_MISSING, DUPLICATE_VALUE (DeveloperName, derived from Name when absent), INVALID_OPERATION (a Type Eddy maintains: Role, Organization, ...)',
    },
    { delete: 'Delete a public group or queue with its memberships and the shares to it (400 INVALID_OPERATION for role and organization groups, DELETE_FAILED while a sharing rule names it or it owns interviews)' },
  ),
  ...directoryObjectPaths(
    'GroupMember',
    {
      required: ['GroupId', 'UserOrGroupId'],
      properties: { GroupId: text, UserOrGroupId: text },
      errors: 'REQUIRED_FIELD_MISSING, MALFORMED_ID, INVALID_CROSS_REFERENCE_KEY, DUPLICATE_VALUE (already a member), INVALID_OPERATION (a role or organization group)',
    },
    { delete: 'Remove a member from a public group or queue' },
  ),
  ...directoryObjectPaths(
    'PermissionSetAssignment',
    {
      required: ['AssigneeId', 'PermissionSetId'],
      properties: { AssigneeId: text, PermissionSetId: text },
      errors: 'REQUIRED_FIELD_MISSING, MALFORMED_ID, INVALID_CROSS_REFERENCE_KEY, DUPLICATE_VALUE (already assigned)',
    },
    { delete: 'Take a permission set back from a user' },
  ),
};

/** Eddy's paths, keyed like the seed's. */
export const EDDY_PATHS: Json = {
  '/eddy/interviews': {
    get: {
      operationId: 'eddyListInterviews',
      summary: 'List interviews the caller may read',
      tags: ['Eddy Flow Runtime'],
      parameters: [
        queryParam('scope', 'mine (default), record, flow, or all (Manage Flow)', { type: 'string', enum: ['mine', 'record', 'flow', 'all'] }),
        queryParam('recordId', 'With scope=record: interviews related to this record'),
        queryParam('flowApiName', 'With scope=flow: interviews of this flow'),
        queryParam('status', 'Comma-separated InterviewStatus values (Running, Paused, Completed, Error)'),
        queryParam('limit', 'At most this many (default 200, max 2000)', { type: 'integer' }),
        queryParam('offset', 'Skip this many', { type: 'integer' }),
      ],
      responses: { '200': ok('FlowInterview records, newest first', ref('InterviewList')), ...STANDARD_ERRORS },
    },
    post: {
      operationId: 'eddyStartInterview',
      summary: 'Start an interview and get its first screen',
      description: 'Like POST /sobjects/FlowInterview, but answers the interview view (screen model, or outputs for a flow that ran to its end).',
      tags: ['Eddy Flow Runtime'],
      requestBody: { required: true, content: json(ref('StartInterviewRequest')) },
      responses: { '201': ok('Started', ref('InterviewView')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/interviews/{interviewId}/screen': {
    get: {
      operationId: 'eddyGetScreen',
      summary: 'Read the current screen of an interview',
      description: 'The screen model to render (fields with values, choices, visibility and errors; the navigation actions), or where the interview is instead: paused, waiting, finished (outputs), failed (fault).',
      tags: ['Eddy Flow Runtime'],
      parameters: [interviewId],
      responses: { '200': ok('The interview view', ref('InterviewView')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/interviews/{interviewId}/navigate': {
    post: {
      operationId: 'eddyNavigate',
      summary: 'Submit the screen: NEXT, BACK, FINISH, or PAUSE with a reason',
      description:
        'Field values go in `values` by screen field name. Invalid values come back as `screen.errors` on the same screen: the interview does not advance. PAUSE keeps the valid values and needs the screen and the org to allow pausing. The request must say which screen it answers — `version` (interview.version of the view) or `screen` (its screen.name), 400 MISSING_ARGUMENT without either — so that of several copies of one submit (a double click, a retry, two tabs) exactly one applies and the others get 409 CONFLICT naming where the interview is now.',
      tags: ['Eddy Flow Runtime'],
      parameters: [interviewId],
      requestBody: { required: true, content: json(ref('NavigateRequest')) },
      responses: { '200': ok('The interview view after the action', ref('InterviewView')), '409': errors('CONFLICT: the interview changed since it was read'), ...STANDARD_ERRORS },
    },
  },
  '/eddy/interviews/{interviewId}/preview': {
    post: {
      operationId: 'eddyPreview',
      summary: 'Render the shown screen with the values being entered',
      description:
        'For screens whose model has `reactive: true` (some field has a visibility rule): the screen as it would be with `values` entered — `visible` flags and display text recomputed — while the user types, as Salesforce shows and hides fields at once. Reads only: nothing is validated or stored and `interview.version` does not change; errors are those of the last submission. Needs what navigate needs: resume access and an interview running at a screen.',
      tags: ['Eddy Flow Runtime'],
      parameters: [interviewId],
      requestBody: { required: true, content: json(ref('PreviewRequest')) },
      responses: { '200': ok('The interview view with the previewed screen', ref('InterviewView')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/interviews/{interviewId}/resume': {
    post: {
      operationId: 'eddyResume',
      summary: 'Resume a paused interview',
      description: 'Shows the screen it was paused on, with the values kept. Needs Run Flows and resume access ("Let users resume shared flow interviews").',
      tags: ['Eddy Flow Runtime'],
      parameters: [interviewId],
      responses: { '200': ok('The interview view', ref('InterviewView')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/deploy': {
    post: {
      operationId: 'eddyDeploy',
      summary: 'Deploy flow and object metadata files',
      description: 'Each flow file becomes a new version (activated with activate=true or <status>Active</status>). Needs Manage Flow or Customize Application.',
      tags: ['Eddy Flow Runtime'],
      requestBody: { required: true, content: json(ref('DeployRequest')) },
      responses: { '200': ok('What happened to each file', { type: 'object', additionalProperties: true }), ...STANDARD_ERRORS },
    },
  },
  '/eddy/settings': {
    get: {
      operationId: 'eddyGetSettings',
      summary: 'Process Automation settings',
      description: 'Let users pause flows, let users resume shared interviews, the automated process sender email, the FlowInterview org-wide default and the org-wide email addresses. Needs Customize Application or Manage Flow.',
      tags: ['Eddy Setup'],
      responses: { '200': ok('The settings', ref('EddySettings')), ...STANDARD_ERRORS },
    },
    patch: {
      operationId: 'eddyUpdateSettings',
      summary: 'Change Process Automation settings',
      description: 'Any subset of allowPause, resumeSharedInterviews, automatedProcessUserEmail (null clears it), flowInterviewSharingModel. Unknown properties: 400 INVALID_FIELD; wrong types: 400 INVALID_TYPE_ON_FIELD_IN_RECORD or INVALID_EMAIL_ADDRESS; nothing is stored on error. Needs Customize Application.',
      tags: ['Eddy Setup'],
      requestBody: { required: true, content: json(ref('EddySettingsChanges')) },
      responses: { '200': ok('The settings after the change', ref('EddySettings')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/settings/org-wide-email-addresses': {
    post: {
      operationId: 'eddyAddOrgWideEmailAddress',
      summary: 'Add an org-wide email address',
      description: 'A sender address flows may use (Send Email senderAddress). 400 INVALID_EMAIL_ADDRESS or DUPLICATE_VALUE. Needs Customize Application.',
      tags: ['Eddy Setup'],
      requestBody: { required: true, content: json({ type: 'object', required: ['Address', 'DisplayName'], properties: { Address: { type: 'string', format: 'email' }, DisplayName: { type: 'string' } }, additionalProperties: false }) },
      responses: { '201': ok('Added', ref('CreateResponse')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/settings/org-wide-email-addresses/{id}': {
    delete: {
      operationId: 'eddyRemoveOrgWideEmailAddress',
      summary: 'Remove an org-wide email address',
      description: 'Needs Customize Application.',
      tags: ['Eddy Setup'],
      parameters: [pathParam('id', 'The OrgWideEmailAddress Id (0D2...)')],
      responses: { '204': { description: 'Removed' }, ...STANDARD_ERRORS },
    },
  },
  '/eddy/outbox': {
    get: {
      operationId: 'eddyListOutbox',
      summary: 'Emails and notifications sent, pending or failed',
      description: 'Oldest first. Each message is a delivery job (see /eddy/jobs): its status, attempts and last error. Needs Customize Application or Manage Flow.',
      tags: ['Eddy Setup'],
      parameters: [queryParam('status', 'pending, sent, failed or cancelled', { type: 'string', enum: ['pending', 'sent', 'failed', 'cancelled'] }), queryParam('limit', 'At most this many (default 1000)', { type: 'integer', minimum: 1 })],
      responses: {
        '200': ok('The messages', { type: 'object', properties: { totalSize: { type: 'integer' }, done: { type: 'boolean' }, records: { type: 'array', items: ref('EddyOutboxMessage') } } }),
        ...STANDARD_ERRORS,
      },
    },
  },
  '/eddy/sharing-rules': {
    get: {
      operationId: 'eddyListSharingRules',
      summary: 'Flow interview sharing rules',
      description: 'Interviews owned by members of GroupId are shared with the members of UserOrGroupId. Needs Customize Application or Manage Flow.',
      tags: ['Eddy Setup'],
      responses: { '200': ok('The rules', { type: 'object', properties: { records: { type: 'array', items: ref('EddySharingRule') } } }), ...STANDARD_ERRORS },
    },
    post: {
      operationId: 'eddyAddSharingRule',
      summary: 'Add a flow interview sharing rule',
      description: 'DeveloperName defaults from Name. 400 INVALID_CROSS_REFERENCE_KEY (no such group), INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST (AccessLevel), DUPLICATE_VALUE (DeveloperName), INVALID_FIELD (unknown property). Needs Customize Application.',
      tags: ['Eddy Setup'],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          required: ['Name', 'GroupId', 'UserOrGroupId', 'AccessLevel'],
          properties: { Name: { type: 'string' }, DeveloperName: { type: 'string' }, Description: { type: 'string', nullable: true }, GroupId: { type: 'string' }, UserOrGroupId: { type: 'string' }, AccessLevel: { type: 'string', enum: ['Read', 'Edit'] } },
          additionalProperties: false,
        }),
      },
      responses: { '201': ok('Added', ref('CreateResponse')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/sharing-rules/{id}': {
    delete: {
      operationId: 'eddyDeleteSharingRule',
      summary: 'Delete a flow interview sharing rule',
      description: 'Needs Customize Application.',
      tags: ['Eddy Setup'],
      parameters: [pathParam('id', 'The sharing rule Id')],
      responses: { '204': { description: 'Deleted' }, ...STANDARD_ERRORS },
    },
  },
  ...JOB_PATHS,
  ...COMPOSITE_PATHS,
  ...DIRECTORY_PATHS,
  '/sobjects/{eventName}': {
    post: {
      operationId: 'publishPlatformEvent',
      summary: 'Publish a platform event (X__e) or create a record',
      description: 'For a platform event (name ending in __e), waiting interviews whose Wait element listens for it and whose conditions match resume. For a business object (Account, Case, ...), creates the record.',
      tags: ['Records'],
      parameters: [pathParam('eventName', 'Platform event API name (Order_Shipped__e) or object name')],
      requestBody: { required: true, content: json({ type: 'object', additionalProperties: true }) },
      responses: { '201': ok('Published / created', ref('CreateResponse')), ...STANDARD_ERRORS },
    },
  },
  '/sobjects/{sObject}/{recordId}': {
    get: {
      operationId: 'getRecord',
      summary: 'Read a record',
      tags: ['Records'],
      parameters: [pathParam('sObject', 'Object API name'), pathParam('recordId', 'Record Id (15 or 18 characters)'), queryParam('fields', 'Comma-separated field names')],
      responses: { '200': ok('The record', ref('SObjectRecord')), ...STANDARD_ERRORS },
    },
    patch: {
      operationId: 'updateRecord',
      summary: 'Update a record',
      tags: ['Records'],
      parameters: [pathParam('sObject', 'Object API name'), pathParam('recordId', 'Record Id')],
      requestBody: { required: true, content: json({ type: 'object', additionalProperties: true }) },
      responses: { '204': { description: 'Updated' }, ...STANDARD_ERRORS },
    },
    delete: {
      operationId: 'deleteRecord',
      summary: 'Delete a record',
      tags: ['Records'],
      parameters: [pathParam('sObject', 'Object API name'), pathParam('recordId', 'Record Id')],
      responses: { '204': { description: 'Deleted' }, ...STANDARD_ERRORS },
    },
  },
  '/sobjects': {
    get: {
      operationId: 'describeGlobal',
      summary: 'List every object (describe global)',
      tags: ['Describe'],
      responses: { '200': ok('Objects', { type: 'object', additionalProperties: true }), ...STANDARD_ERRORS },
    },
  },
  '/sobjects/{sObject}/describe': {
    get: {
      operationId: 'describeSObject',
      summary: 'Describe an object: fields, types, picklist values, relationships',
      tags: ['Describe'],
      parameters: [pathParam('sObject', 'Object API name')],
      responses: { '200': ok('The describe', { type: 'object', additionalProperties: true }), ...STANDARD_ERRORS },
    },
  },
  '/queryAll': {
    get: {
      operationId: 'queryAll',
      summary: 'SOQL including deleted records',
      tags: ['Query'],
      parameters: [{ name: 'q', in: 'query', required: true, description: 'SOQL', schema: { type: 'string' } }],
      responses: { '200': ok('Query results', ref('QueryResult')), ...STANDARD_ERRORS },
    },
  },
  '/query/{queryLocator}': {
    get: {
      operationId: 'queryMore',
      summary: 'The next page of a query (nextRecordsUrl); accepted under every API version',
      tags: ['Query'],
      parameters: [pathParam('queryLocator', 'The locator: last segment of nextRecordsUrl')],
      responses: { '200': ok('Query results', ref('QueryResult')), ...STANDARD_ERRORS },
    },
  },
  '/tooling/query': {
    get: {
      operationId: 'toolingQuery',
      summary: 'SOQL through the Tooling API path (Flow and every other object)',
      tags: ['Query'],
      parameters: [{ name: 'q', in: 'query', required: true, description: 'SOQL', schema: { type: 'string' } }],
      responses: { '200': ok('Query results', ref('QueryResult')), ...STANDARD_ERRORS },
    },
  },
  '/': {
    get: {
      operationId: 'listResources',
      summary: 'Resources of an API version (includes the identity URL)',
      tags: ['Identity'],
      responses: { '200': ok('Resource URLs', { type: 'object', additionalProperties: { type: 'string' } }), ...STANDARD_ERRORS },
    },
  },
  '/services/data': {
    servers: ROOT_SERVER,
    get: {
      operationId: 'listVersions',
      summary: 'API versions (no token needed)',
      tags: ['Identity'],
      security: [],
      responses: { '200': ok('Versions, oldest first', { type: 'array', items: ref('ApiVersion') }) },
    },
  },
  '/services/oauth2/token': {
    servers: ROOT_SERVER,
    post: {
      operationId: 'oauthToken',
      summary: 'Get an access token (password, refresh_token, client_credentials)',
      description: 'Form-encoded. The password may be followed by the user\'s security token. Errors: {"error":"invalid_grant","error_description":"authentication failure"} (400). Failed logins are limited per username and per IP.',
      tags: ['Identity'],
      security: [],
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: ref('TokenRequest') } } },
      responses: { '200': ok('Tokens', ref('TokenResponse')), '400': { description: 'OAuth error', content: json(ref('OAuthError')) } },
    },
  },
  '/services/oauth2/revoke': {
    servers: ROOT_SERVER,
    post: {
      operationId: 'oauthRevoke',
      summary: 'Revoke an access or refresh token (a refresh token takes its access tokens along)',
      tags: ['Identity'],
      security: [],
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] } } } },
      responses: { '200': { description: 'Revoked (also for an unknown token)' } },
    },
  },
  '/services/oauth2/userinfo': {
    servers: ROOT_SERVER,
    get: {
      operationId: 'oauthUserInfo',
      summary: 'OpenID Connect claims of the token\'s user',
      tags: ['Identity'],
      responses: { '200': ok('Claims', { type: 'object', additionalProperties: true }), '401': errors('INVALID_SESSION_ID') },
    },
  },
  '/id/{orgId}/{userId}': {
    servers: ROOT_SERVER,
    get: {
      operationId: 'identity',
      summary: 'The identity URL of a token response (accepts ?oauth_token= too)',
      tags: ['Identity'],
      parameters: [pathParam('orgId', 'Organization Id (00D...)'), pathParam('userId', 'User Id (005...)')],
      responses: { '200': ok('Identity', { type: 'object', additionalProperties: true }), '401': errors('INVALID_SESSION_ID'), '404': errors('Another user\'s identity') },
    },
  },
};

/** Eddy's schemas. */
export const EDDY_SCHEMAS: Json = {
  ...JOB_SCHEMAS,
  ...COMPOSITE_SCHEMAS,
  ErrorList: {
    type: 'array',
    description: "Salesforce's error body",
    items: { type: 'object', properties: { message: { type: 'string' }, errorCode: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } }, required: ['message', 'errorCode'] },
  },
  ApiVersion: { type: 'object', properties: { label: { type: 'string' }, url: { type: 'string' }, version: { type: 'string' } }, required: ['label', 'url', 'version'] },
  TokenRequest: {
    type: 'object',
    properties: {
      grant_type: { type: 'string', enum: ['password', 'refresh_token', 'client_credentials'] },
      client_id: { type: 'string' },
      client_secret: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string', description: 'The password, optionally followed by the security token' },
      refresh_token: { type: 'string' },
    },
    required: ['grant_type', 'client_id'],
  },
  TokenResponse: {
    type: 'object',
    properties: {
      access_token: { type: 'string', description: '<orgId>!<random>, like Salesforce tokens' },
      refresh_token: { type: 'string' },
      instance_url: { type: 'string' },
      id: { type: 'string', description: '<instance_url>/id/<orgId>/<userId>' },
      token_type: { type: 'string', enum: ['Bearer'] },
      issued_at: { type: 'string' },
      signature: { type: 'string' },
      scope: { type: 'string' },
    },
    required: ['access_token', 'instance_url', 'id', 'token_type', 'issued_at'],
  },
  OAuthError: { type: 'object', properties: { error: { type: 'string' }, error_description: { type: 'string' } }, required: ['error'] },
  SObjectRecord: {
    type: 'object',
    properties: { attributes: { type: 'object', properties: { type: { type: 'string' }, url: { type: 'string' } } }, Id: { type: 'string' } },
    additionalProperties: true,
  },
  InvocableActionResult: {
    type: 'object',
    properties: {
      actionName: { type: 'string' },
      isSuccess: { type: 'boolean' },
      errors: { type: ['array', 'null'], items: { type: 'object', properties: { statusCode: { type: 'string' }, message: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } } } },
      outputValues: {
        type: ['object', 'null'],
        additionalProperties: true,
        properties: { Flow__InterviewGuid: { type: 'string' }, Flow__InterviewStatus: { type: 'string', enum: ['Created', 'Started', 'Finished', 'Error', 'Waiting'] } },
      },
      version: { type: 'integer' },
    },
    required: ['actionName', 'isSuccess', 'errors', 'outputValues'],
  },
  StartInterviewRequest: {
    type: 'object',
    properties: {
      flowApiName: { type: 'string' },
      inputs: { description: 'Input variable values: [{ name, value }] or { name: value }', oneOf: [{ type: 'array', items: ref('FlowInputVariable') }, { type: 'object', additionalProperties: true }] },
      recordId: { type: 'string', description: 'A record the flow starts from (passed as its recordId input)' },
    },
    required: ['flowApiName'],
  },
  NavigateRequest: {
    type: 'object',
    properties: {
      action: { type: 'string', enum: ['NEXT', 'BACK', 'FINISH', 'PAUSE'] },
      values: { type: 'object', additionalProperties: true, description: 'Screen field values by field name' },
      pauseReason: { type: 'string', maxLength: 255, description: 'With PAUSE: why (PauseLabel)' },
      version: { type: 'integer', minimum: 1, description: 'The interview.version of the view this answers (optimistic concurrency); this or `screen` is required' },
      screen: { type: 'string', description: 'The screen.name this answers; this or `version` is required' },
    },
    required: ['action'],
  },
  PreviewRequest: {
    type: 'object',
    properties: {
      values: { type: 'object', additionalProperties: true, description: 'Screen field values by field name, as navigate takes them' },
    },
  },
  DeployRequest: {
    type: 'object',
    properties: {
      files: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } }, required: ['path', 'content'] } },
      activate: { type: 'boolean' },
    },
    required: ['files'],
  },
  EddySettings: {
    type: 'object',
    properties: {
      allowPause: { type: 'boolean', description: '"Let users pause flows"' },
      resumeSharedInterviews: { type: 'boolean', description: '"Let users resume shared flow interviews"' },
      automatedProcessUserEmail: { type: ['string', 'null'], description: 'Sender of emails sent by automated processes' },
      flowInterviewSharingModel: { type: 'string', enum: ['Private', 'Read', 'ReadWrite'], description: 'FlowInterview org-wide default' },
      orgWideEmailAddresses: { type: 'array', items: { type: 'object', properties: { Id: { type: 'string' }, Address: { type: 'string' }, DisplayName: { type: 'string' } } } },
    },
    required: ['allowPause', 'resumeSharedInterviews', 'automatedProcessUserEmail', 'flowInterviewSharingModel', 'orgWideEmailAddresses'],
  },
  EddySettingsChanges: {
    type: 'object',
    properties: {
      allowPause: { type: 'boolean' },
      resumeSharedInterviews: { type: 'boolean' },
      automatedProcessUserEmail: { type: ['string', 'null'] },
      flowInterviewSharingModel: { type: 'string', enum: ['Private', 'Read', 'ReadWrite'] },
    },
    additionalProperties: false,
  },
  EddyOutboxMessage: {
    type: 'object',
    properties: {
      Id: { type: 'string' },
      kind: { type: 'string', description: 'email, emailAlert or notification' },
      status: { type: 'string', enum: ['pending', 'sent', 'failed', 'cancelled'] },
      to: { type: 'array', items: { type: 'string' } },
      subject: { type: ['string', 'null'] },
      attempts: { type: 'integer' },
      lastError: { type: ['string', 'null'] },
      interviewId: { type: ['string', 'null'] },
      CreatedDate: { type: 'string', format: 'date-time' },
      sentAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  EddySharingRule: {
    type: 'object',
    properties: {
      Id: { type: 'string' },
      Name: { type: 'string' },
      DeveloperName: { type: 'string' },
      Description: { type: ['string', 'null'] },
      GroupId: { type: 'string', description: 'Share interviews owned by members of this group' },
      UserOrGroupId: { type: 'string', description: '... with the members of this group' },
      AccessLevel: { type: 'string', enum: ['Read', 'Edit'] },
    },
  },
  InterviewList: { type: 'object', properties: { totalSize: { type: 'integer' }, done: { type: 'boolean' }, records: { type: 'array', items: ref('SObjectRecord') } }, required: ['records'] },
  InterviewView: {
    type: 'object',
    properties: {
      interview: { type: 'object', additionalProperties: true, description: 'The FlowInterview record plus flowApiName and version (optimistic concurrency)' },
      awaiting: { type: 'string', enum: ['screen', 'paused', 'waiting', 'finished', 'failed'] },
      flowLabel: { type: ['string', 'null'] },
      screen: ref('ScreenModel'),
      pausedText: { type: ['string', 'null'] },
      wait: { type: 'object', additionalProperties: true, description: 'The Wait element and the events that resume it' },
      outputs: { type: 'object', additionalProperties: true },
      fault: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, element: { type: ['string', 'null'] } } },
    },
    required: ['interview', 'awaiting'],
  },
  ScreenModel: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      label: { type: 'string' },
      helpText: { type: 'string' },
      fields: { type: 'array', items: ref('ScreenField') },
      actions: { type: 'array', items: { type: 'string', enum: ['NEXT', 'BACK', 'PAUSE', 'FINISH'] } },
      labels: { type: 'object', additionalProperties: true },
      pausedText: { type: 'string' },
      showHeader: { type: 'boolean' },
      showFooter: { type: 'boolean' },
      stages: { type: 'object', additionalProperties: true },
      errors: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field errors of the last submission, by field name' },
      pageErrors: { type: 'array', items: { type: 'string' } },
      reactive: { type: 'boolean', description: 'Some field has a visibility rule: preview the screen as the user changes it' },
    },
    required: ['name', 'fields', 'actions', 'errors'],
  },
  ScreenField: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      fieldType: { type: 'string' },
      inputType: { type: 'string', description: 'text, textarea, number, currency, checkbox, date, dateTime, time, radio, picklist, multiPicklist, displayText, section, column, lookup, ...' },
      dataType: { type: 'string' },
      label: { type: 'string' },
      text: { type: 'string' },
      isRichText: { type: 'boolean' },
      value: {},
      required: { type: 'boolean' },
      readOnly: { type: 'boolean' },
      disabled: { type: 'boolean' },
      choices: { type: 'array', items: { type: 'object', additionalProperties: true } },
      visible: { type: 'boolean' },
      fields: { type: 'array', items: ref('ScreenField') },
    },
    required: ['name', 'inputType'],
  },
};

/** Eddy's tags, after the seed's. */
export const EDDY_TAGS: JsonValue = [
  { name: 'Eddy Flow Runtime', description: "Eddy's own API for screen clients: read an interview's screen, navigate, pause, resume; deploy metadata" },
  { name: 'Eddy Setup', description: "Eddy's own API for Setup: Process Automation settings, org-wide email addresses, the outbox, background jobs, flow interview sharing rules" },
  { name: 'Records', description: 'sObject records and platform events' },
  { name: 'Users and Groups', description: 'Users, public groups and queues, their members, permission set assignments (Manage Users)' },
  { name: 'Describe', description: 'Object and field metadata' },
  { name: 'Query', description: 'SOQL and its paging' },
  { name: 'Identity', description: 'OAuth 2.0, identity, versions' },
];
