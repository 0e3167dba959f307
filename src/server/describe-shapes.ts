/**
 * Salesforce's describe JSON from the org schema (`runtime/org-schema.ts`): the describe-global
 * entry of an object (`GET /sobjects`), the full object describe (`GET /sobjects/{T}/describe`)
 * with its fields and child relationships, and record `attributes`. jsforce reads
 * `fields[].name`, `relationshipName`, `referenceTo` and `childRelationships[]`; other clients
 * read the rest, so the common keys are all present.
 */
import type { JsonValue } from '../engine/index.js';
import type { FieldDescribe, FieldType, ObjectDescribe, ObjectSummary, OrgSchema } from '../runtime/index.js';

/** Child relationship names Salesforce gives that the schema does not record. */
const CHILD_RELATIONSHIP_NAMES: Readonly<Record<string, { readonly name: string; readonly cascadeDelete: boolean }>> = {
  'FlowRecordRelation.ParentId': { name: 'RecordRelations', cascadeDelete: true },
  'FlowStageRelation.ParentId': { name: 'StageRelations', cascadeDelete: true },
  'FlowInterviewShare.ParentId': { name: 'Shares', cascadeDelete: true },
  'Contact.AccountId': { name: 'Contacts', cascadeDelete: false },
  'Case.AccountId': { name: 'Cases', cascadeDelete: false },
  'Case.ContactId': { name: 'Cases', cascadeDelete: false },
  'Opportunity.AccountId': { name: 'Opportunities', cascadeDelete: false },
  'Task.WhatId': { name: 'Tasks', cascadeDelete: true },
  'Event.WhatId': { name: 'Events', cascadeDelete: true },
  'Asset.AccountId': { name: 'Assets', cascadeDelete: false },
  'Order.AccountId': { name: 'Orders', cascadeDelete: false },
  'OrderItem.OrderId': { name: 'OrderItems', cascadeDelete: true },
  'OpportunityLineItem.OpportunityId': { name: 'OpportunityLineItems', cascadeDelete: true },
  'GroupMember.GroupId': { name: 'GroupMembers', cascadeDelete: true },
  'Flow.DefinitionId': { name: 'Versions', cascadeDelete: true },
};

/** The SOAP type of a describe field type. */
export function soapTypeOf(type: FieldType): string {
  switch (type) {
    case 'id':
    case 'reference':
      return 'tns:ID';
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
    case 'multipicklist':
    case 'combobox':
    case 'encryptedstring':
      return 'xsd:string';
    case 'boolean':
      return 'xsd:boolean';
    case 'int':
      return 'xsd:int';
    case 'double':
    case 'currency':
    case 'percent':
      return 'xsd:double';
    case 'date':
      return 'xsd:date';
    case 'datetime':
      return 'xsd:dateTime';
    case 'time':
      return 'xsd:time';
    case 'long':
      return 'xsd:long';
    case 'base64':
      return 'xsd:base64Binary';
    case 'address':
      return 'urn:address';
    case 'location':
      return 'urn:location';
    case 'anyType':
      return 'xsd:anyType';
    case 'complexvalue':
    case 'json':
      return 'urn:JsonValue';
  }
}

function isLongText(field: FieldDescribe): boolean {
  return field.type === 'textarea' && field.length > 255;
}

function groupable(type: FieldType): boolean {
  return !['textarea', 'double', 'currency', 'percent', 'datetime', 'multipicklist', 'encryptedstring', 'time'].includes(type);
}

/** One field of an object describe. */
export function describeField(field: FieldDescribe): Record<string, JsonValue> {
  return {
    aggregatable: !isLongText(field) && field.type !== 'boolean',
    autoNumber: field.autoNumber,
    byteLength: field.length * 3,
    calculated: field.calculated,
    cascadeDelete: false,
    caseSensitive: false,
    controllerName: null,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.defaultValue,
    defaultedOnCreate: field.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.digits,
    encrypted: field.type === 'encryptedstring',
    externalId: field.externalId,
    filterable: !isLongText(field),
    groupable: groupable(field.type),
    htmlFormatted: false,
    idLookup: field.idLookup,
    inlineHelpText: null,
    label: field.label,
    length: field.length,
    name: field.name,
    nameField: field.nameField,
    namePointing: field.referenceTo.length > 1,
    nillable: field.nillable,
    permissionable: field.nillable && field.custom,
    picklistValues: field.picklistValues.map((v) => ({ active: v.active, defaultValue: v.defaultValue, label: v.label, validFor: null, value: v.value })),
    polymorphicForeignKey: field.referenceTo.length > 1,
    precision: field.precision,
    referenceTo: [...field.referenceTo],
    relationshipName: field.relationshipName,
    relationshipOrder: null,
    restrictedPicklist: field.restrictedPicklist,
    scale: field.scale,
    soapType: soapTypeOf(field.type),
    sortable: !isLongText(field) && field.type !== 'multipicklist',
    type: field.type,
    unique: field.unique,
    updateable: field.updateable,
  };
}

/** The `urls` of an object under an API version. */
export function objectUrls(object: ObjectSummary, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** The describe-global entry of an object. */
export function describeGlobalEntry(object: ObjectSummary, version: string): Record<string, JsonValue> {
  return {
    activateable: false,
    createable: object.createable,
    custom: object.custom,
    customSetting: false,
    deletable: object.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: object.storage === 'records',
    mergeable: false,
    mruEnabled: false,
    name: object.name,
    queryable: object.queryable,
    replicateable: false,
    retrieveable: true,
    searchable: false,
    triggerable: object.storage === 'records',
    undeletable: false,
    updateable: object.updateable,
    urls: objectUrls(object, version),
  };
}

/** Child relationships of `object`: the catalogue's, and references from system and custom objects and fields (named from Eddy's table). */
export function childRelationshipsOf(schema: OrgSchema, object: ObjectDescribe): Record<string, JsonValue>[] {
  return schema.childRelationships(object).map((relationship) => {
    const known = CHILD_RELATIONSHIP_NAMES[`${relationship.childSObject}.${relationship.field}`];
    return {
      cascadeDelete: relationship.cascadeDelete || (known?.cascadeDelete ?? false),
      childSObject: relationship.childSObject,
      deprecatedAndHidden: false,
      field: relationship.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: relationship.relationshipName ?? known?.name ?? null,
      restrictedDelete: false,
    };
  });
}

/** The full describe of an object. */
export function describeObject(schema: OrgSchema, object: ObjectDescribe, version: string): Record<string, JsonValue> {
  return {
    ...describeGlobalEntry(object, version),
    actionOverrides: [],
    childRelationships: childRelationshipsOf(schema, object),
    compactLayoutable: object.storage === 'records',
    fields: object.fields.map(describeField),
    lookupLayoutable: null,
    listviewable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [],
    searchLayoutable: false,
    supportedScopes: [
      { label: 'All', name: 'everything' },
      { label: 'Mine', name: 'mine' },
    ],
  };
}

/** Record `attributes`: `{ type, url }` under an API version. */
export function recordAttributes(type: string, id: string | undefined, version: string): { type: string; url?: string } {
  return id === undefined ? { type } : { type, url: `/services/data/v${version}/sobjects/${type}/${id}` };
}
