/** The OpenAPI of sObject Collections and Composite (`routes/collection-routes.ts`, `routes/composite-routes.ts`), merged into Eddy's paths and schemas. */
import { json, ok, pathParam, queryParam, ref, STANDARD_ERRORS, type Json } from './openapi-parts.js';

const TRIGGERS = 'Writes go through the save pipeline: record-triggered flows fire, once per chunk of records of one type (see docs/triggers.md).';
const RESULTS = ok('One result per record, in request order (200 even when records failed)', { type: 'array', items: ref('CollectionSaveResult') });
const sObject = pathParam('sObject', 'A business object: Account, Contact, a custom object, ...');

/** `/composite/sobjects…` and `/composite`. */
export const COMPOSITE_PATHS: Json = {
  '/composite/sobjects': {
    post: {
      operationId: 'collectionCreate',
      summary: 'Create up to 200 records',
      description: `Each record names its type in attributes.type; types may be mixed. allOrNone (default false): true rolls every record back when one fails. ${TRIGGERS}`,
      tags: ['Records'],
      requestBody: { required: true, content: json(ref('CollectionRequest')) },
      responses: { '200': RESULTS, ...STANDARD_ERRORS },
    },
    patch: {
      operationId: 'collectionUpdate',
      summary: 'Update up to 200 records',
      description: `Each record needs id (or Id) and attributes.type. ${TRIGGERS}`,
      tags: ['Records'],
      requestBody: { required: true, content: json(ref('CollectionRequest')) },
      responses: { '200': RESULTS, ...STANDARD_ERRORS },
    },
    delete: {
      operationId: 'collectionDelete',
      summary: 'Delete up to 200 records',
      description: TRIGGERS,
      tags: ['Records'],
      parameters: [queryParam('ids', 'Record Ids, separated by commas (at most 200)'), queryParam('allOrNone', 'true or false (default)')],
      responses: { '200': RESULTS, ...STANDARD_ERRORS },
    },
  },
  '/composite/sobjects/{sObject}': {
    get: {
      operationId: 'collectionRetrieve',
      summary: 'Read up to 200 records of one object',
      tags: ['Records'],
      parameters: [sObject, queryParam('ids', 'Record Ids, separated by commas'), queryParam('fields', 'Field names, separated by commas')],
      responses: { '200': ok('One record per Id, or null for an Id of no record', { type: 'array', items: { type: 'object', nullable: true, additionalProperties: true } }), ...STANDARD_ERRORS },
    },
    post: {
      operationId: 'collectionRetrieveByBody',
      summary: 'Read up to 200 records of one object (Ids and fields in the body)',
      tags: ['Records'],
      parameters: [sObject],
      requestBody: {
        required: true,
        content: json({ type: 'object', properties: { ids: { type: 'array', items: { type: 'string' } }, fields: { type: 'array', items: { type: 'string' } } }, required: ['ids', 'fields'] }),
      },
      responses: { '200': ok('One record per Id, or null for an Id of no record', { type: 'array', items: { type: 'object', nullable: true, additionalProperties: true } }), ...STANDARD_ERRORS },
    },
  },
  '/composite/sobjects/{sObject}/{externalIdField}': {
    patch: {
      operationId: 'collectionUpsert',
      summary: 'Upsert up to 200 records of one object by an external Id field',
      description: `No match: a create; one match: an update; each result says created. ${TRIGGERS}`,
      tags: ['Records'],
      parameters: [sObject, pathParam('externalIdField', 'An external Id field of the object, or Id')],
      requestBody: { required: true, content: json(ref('CollectionRequest')) },
      responses: { '200': RESULTS, ...STANDARD_ERRORS },
    },
  },
  '/composite': {
    post: {
      operationId: 'composite',
      summary: 'Up to 25 subrequests in order, with @{referenceId.path} references',
      description: `Subrequests: POST /sobjects/{T}, GET|PATCH|DELETE /sobjects/{T}/{id}, GET /query?q=. allOrNone=true runs them in one transaction: a failure rolls everything back and the others answer PROCESSING_HALTED. ${TRIGGERS}`,
      tags: ['Records'],
      requestBody: { required: true, content: json(ref('CompositeRequest')) },
      responses: { '200': ok('One answer per subrequest', ref('CompositeResponse')), ...STANDARD_ERRORS },
    },
  },
};

/** The schemas of {@link COMPOSITE_PATHS}. */
export const COMPOSITE_SCHEMAS: Json = {
  CollectionRequest: {
    type: 'object',
    properties: {
      allOrNone: { type: 'boolean' },
      records: { type: 'array', maxItems: 200, items: { type: 'object', properties: { attributes: { type: 'object', properties: { type: { type: 'string' } } } }, additionalProperties: true } },
    },
    required: ['records'],
  },
  CollectionSaveResult: {
    type: 'object',
    properties: {
      id: { type: 'string', nullable: true },
      success: { type: 'boolean' },
      created: { type: 'boolean', description: 'Upsert only' },
      errors: {
        type: 'array',
        items: { type: 'object', properties: { statusCode: { type: 'string' }, message: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } }, required: ['statusCode', 'message', 'fields'] },
      },
    },
    required: ['id', 'success', 'errors'],
  },
  CompositeRequest: {
    type: 'object',
    properties: {
      allOrNone: { type: 'boolean' },
      collateSubrequests: { type: 'boolean', description: 'Accepted and ignored' },
      compositeRequest: {
        type: 'array',
        maxItems: 25,
        items: {
          type: 'object',
          properties: { method: { type: 'string', enum: ['GET', 'POST', 'PATCH', 'DELETE'] }, url: { type: 'string' }, referenceId: { type: 'string' }, body: { type: 'object', additionalProperties: true } },
          required: ['method', 'url', 'referenceId'],
        },
      },
    },
    required: ['compositeRequest'],
  },
  CompositeResponse: {
    type: 'object',
    properties: {
      compositeResponse: {
        type: 'array',
        items: {
          type: 'object',
          properties: { body: {}, httpHeaders: { type: 'object', additionalProperties: { type: 'string' } }, httpStatusCode: { type: 'integer' }, referenceId: { type: 'string' } },
          required: ['body', 'httpHeaders', 'httpStatusCode', 'referenceId'],
        },
      },
    },
    required: ['compositeResponse'],
  },
};
