/**
 * Describes of the system objects: the flow runtime's own objects (FlowInterview,
 * FlowRecordRelation, FlowStageRelation, FlowInterviewShare, FlowInterviewOwnerSharingRule, the
 * Tooling `Flow` and `FlowDefinition`, the `FlowDefinitionView` and `FlowVersionView` views) and
 * the org's directory (User, Group, GroupMember, UserRole, PermissionSet, ...), with field names
 * exactly as Salesforce's (see `shared/reference/salesforce-runtime.md` §1). Each lives in a
 * dedicated table whose PascalCase columns are these field names.
 */
import { auditFields, defineObject, F } from './field-builders.js';
import type { ObjectDescribe } from './org-schema.js';
import { KEY_PREFIXES } from './ids.js';

/** FlowInterview.InterviewStatus values (v50+; Salesforce has no "Waiting": a waiting interview is `Paused` with `WasPausedFromScreen = false`). */
export const INTERVIEW_STATUSES = ['Running', 'Paused', 'Completed', 'Error'] as const;
/** Flow (version) statuses. */
export const FLOW_VERSION_STATUSES = ['Active', 'Draft', 'Obsolete', 'InvalidDraft', 'UnderReview'] as const;
const PROCESS_TYPES = [
  'Flow', 'AutoLaunchedFlow', 'Orchestrator', 'EvaluationFlow', 'ApprovalWorkflow', 'Workflow', 'CustomEvent', 'InvocableProcess',
  'AppProcess', 'FieldServiceMobile', 'FieldServiceWeb', 'CheckoutFlow', 'ContactRequestFlow', 'Survey', 'UserProvisioningFlow', 'RoutingFlow',
];
const RUN_IN_MODES = ['DefaultMode', 'SystemModeWithSharing', 'SystemModeWithoutSharing'];
const GROUP_TYPES = ['Regular', 'Queue', 'Role', 'RoleAndSubordinates', 'RoleAndSubordinatesInternal', 'Organization', 'Manager', 'ManagerAndSubordinatesInternal', 'AllCustomerPortal'];
const ANY_RECORD: readonly string[] = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Campaign', 'Contract', 'Order', 'Asset', 'Product2', 'User'];
const readOnly = { createable: false, updateable: false } as const;
const system = { createable: false, updateable: false, defaultedOnCreate: true, required: true } as const;

/** The system objects. */
export const SYSTEM_OBJECTS: readonly ObjectDescribe[] = [
  defineObject('User', { keyPrefix: KEY_PREFIXES.User, storage: 'system', deletable: false }, [
    F.text('Username', 80, { required: true, unique: true, idLookup: true }),
    F.email('Email', { required: true }),
    F.text('FirstName', 40),
    F.text('LastName', 80, { required: true }),
    F.text('Name', 121, { calculated: true, nameField: true, label: 'Full Name', required: true, defaultedOnCreate: true }),
    F.text('Alias', 8),
    F.text('CommunityNickname', 40, { label: 'Nickname' }),
    F.checkbox('IsActive', { defaultValue: true, label: 'Active' }),
    F.reference('UserRoleId', ['UserRole'], 'UserRole', { label: 'Role ID' }),
    F.reference('ManagerId', ['User'], 'Manager'),
    F.text('Title', 80),
    F.text('Department', 80),
    F.text('CompanyName', 80),
    F.phone('Phone'),
    F.phone('MobilePhone'),
    F.text('TimeZoneSidKey', 40, { defaultValue: 'GMT', label: 'Time Zone' }),
    F.text('LocaleSidKey', 40, { defaultValue: 'en_US', label: 'Locale' }),
    F.text('LanguageLocaleKey', 40, { defaultValue: 'en_US', label: 'Language' }),
    F.text('EmailEncodingKey', 40, { defaultValue: 'UTF-8', label: 'Email Encoding' }),
    F.picklist('UserType', ['Standard', 'AutomatedProcess'], { restricted: true, default: 'Standard', ...readOnly }),
    F.text('FederationIdentifier', 512, { label: 'SAML Federation ID' }),
  ]),
  defineObject('UserRole', { keyPrefix: KEY_PREFIXES.UserRole, storage: 'system', label: 'Role' }, [
    F.text('Name', 80, { required: true, nameField: true }),
    F.text('DeveloperName', 80, { required: true }),
    F.reference('ParentRoleId', ['UserRole'], null, { label: 'Parent Role ID' }),
    F.text('RollupDescription', 80, { label: 'Description' }),
  ]),
  defineObject('Group', { keyPrefix: KEY_PREFIXES.Group, storage: 'system' }, [
    F.text('Name', 40, { required: true, nameField: true }),
    F.text('DeveloperName', 80, { required: true }),
    F.picklist('Type', GROUP_TYPES, { restricted: true, required: true }),
    F.reference('RelatedId', ['UserRole', 'User'], 'Related', readOnly),
    F.email('Email'),
    F.checkbox('DoesIncludeBosses', { defaultValue: true, label: 'Grant Access Using Hierarchies' }),
    F.checkbox('DoesSendEmailToMembers', { label: 'Send Email to Members' }),
  ]),
  defineObject('GroupMember', { keyPrefix: KEY_PREFIXES.GroupMember, storage: 'system', audit: false, updateable: false, label: 'Group Member' }, [
    F.reference('GroupId', ['Group'], 'Group', { required: true, updateable: false }),
    F.reference('UserOrGroupId', ['User', 'Group'], null, { required: true, updateable: false, label: 'User/Group ID' }),
    F.datetime('SystemModstamp', system),
  ]),
  defineObject('PermissionSet', { keyPrefix: KEY_PREFIXES.PermissionSet, storage: 'system', label: 'Permission Set' }, [
    F.text('Name', 80, { required: true, label: 'API Name' }),
    F.text('Label', 80, { required: true, nameField: true, label: 'Permission Set Name' }),
    F.text('Description', 255),
    F.checkbox('IsCustom', { ...readOnly, defaultValue: true, label: 'Custom' }),
    F.checkbox('PermissionsRunFlow', { label: 'Run Flows' }),
    F.checkbox('PermissionsManageInteraction', { label: 'Manage Flow' }),
    F.checkbox('PermissionsCustomizeApplication', { label: 'Customize Application' }),
    F.checkbox('PermissionsViewAllData', { label: 'View All Data' }),
    F.checkbox('PermissionsManageUsers', { label: 'Manage Users' }),
  ]),
  defineObject('PermissionSetAssignment', { keyPrefix: KEY_PREFIXES.PermissionSetAssignment, storage: 'system', audit: false, updateable: false, label: 'Permission Set Assignment' }, [
    F.reference('AssigneeId', ['User'], 'Assignee', { required: true, updateable: false }),
    F.reference('PermissionSetId', ['PermissionSet'], 'PermissionSet', { required: true, updateable: false }),
    F.datetime('SystemModstamp', system),
  ]),
  defineObject('SetupEntityAccess', { keyPrefix: KEY_PREFIXES.SetupEntityAccess, storage: 'system', audit: false, updateable: false, label: 'Setup Entity Access' }, [
    F.reference('ParentId', ['PermissionSet'], 'Parent', { required: true, updateable: false }),
    F.reference('SetupEntityId', ['FlowDefinition'], null, { required: true, updateable: false }),
    F.text('SetupEntityType', 40, { ...readOnly }),
    F.datetime('SystemModstamp', system),
  ]),
  defineObject('Organization', { keyPrefix: KEY_PREFIXES.Organization, storage: 'system', createable: false, deletable: false }, [
    F.text('Name', 80, { required: true, nameField: true }),
    F.text('TimeZoneSidKey', 40, { defaultValue: 'GMT', label: 'Default Time Zone' }),
    F.text('DefaultLocaleSidKey', 40, { defaultValue: 'en_US', label: 'Default Locale' }),
    F.text('LanguageLocaleKey', 40, { defaultValue: 'en_US', label: 'Default Language' }),
    F.text('OrganizationType', 40, { ...readOnly, label: 'Edition' }),
    F.checkbox('IsSandbox', { ...readOnly }),
    F.text('InstanceName', 5, { ...readOnly }),
  ]),
  defineObject('OrgWideEmailAddress', { keyPrefix: KEY_PREFIXES.OrgWideEmailAddress, storage: 'system', label: 'Organization-Wide Email Address', labelPlural: 'Organization-Wide Email Addresses' }, [
    F.email('Address', { required: true }),
    F.text('DisplayName', 300, { required: true }),
    F.checkbox('IsAllowAllProfiles', { label: 'Allow All Profiles' }),
  ]),
  defineObject('FlowDefinition', { keyPrefix: KEY_PREFIXES.FlowDefinition, storage: 'system', createable: false, deletable: false, label: 'Flow Definition' }, [
    F.text('DeveloperName', 80, { required: true, ...readOnly, label: 'API Name' }),
    F.text('MasterLabel', 255, { nameField: true, label: 'Label' }),
    F.textarea('Description', 4000),
    F.reference('ActiveVersionId', ['Flow'], 'ActiveVersion', readOnly),
    F.reference('LatestVersionId', ['Flow'], 'LatestVersion', readOnly),
    F.text('NamespacePrefix', 15, readOnly),
  ]),
  defineObject('Flow', { keyPrefix: KEY_PREFIXES.Flow, storage: 'system', label: 'Flow' }, [
    F.reference('DefinitionId', ['FlowDefinition'], 'Definition', { required: true, updateable: false }),
    // ApiName and Label are the seed's FlowSummary fields (Salesforce's FlowVersionView names them so).
    F.text('ApiName', 80, { ...readOnly, label: 'API Name' }),
    F.text('Label', 255, readOnly),
    F.text('MasterLabel', 255, { nameField: true, label: 'Label' }),
    F.int('VersionNumber', 9, readOnly),
    F.picklist('Status', [...FLOW_VERSION_STATUSES], { restricted: true, required: true, default: 'Draft' }),
    F.picklist('ProcessType', PROCESS_TYPES, { restricted: true }),
    F.textarea('Description', 4000),
    F.number('ApiVersion', 18, 1),
    F.picklist('RunInMode', RUN_IN_MODES, { restricted: true }),
    F.checkbox('IsAdditionalPermissionRequiredToRun', { label: 'Override default behavior and restrict access to enabled profiles or permission sets' }),
    F.text('FullName', 255, readOnly),
  ]),
  defineObject('FlowDefinitionView', { keyPrefix: null, storage: 'system', createable: false, updateable: false, deletable: false, audit: false, label: 'Flow Definition View' }, [
    F.text('DurableId', 18, { ...readOnly, idLookup: true }),
    F.text('ApiName', 80, readOnly),
    F.text('Label', 255, { ...readOnly, nameField: true }),
    F.textarea('Description', 4000, readOnly),
    F.text('ActiveVersionId', 18, readOnly),
    F.text('LatestVersionId', 18, readOnly),
    F.checkbox('IsActive', readOnly),
    F.picklist('ProcessType', PROCESS_TYPES, readOnly),
    F.text('NamespacePrefix', 15, readOnly),
    F.datetime('LastModifiedDate', readOnly),
    F.text('LastModifiedBy', 121, readOnly),
  ]),
  defineObject('FlowVersionView', { keyPrefix: null, storage: 'system', createable: false, updateable: false, deletable: false, audit: false, label: 'Flow Version View' }, [
    F.text('DurableId', 18, { ...readOnly, idLookup: true }),
    F.reference('FlowDefinitionViewId', ['FlowDefinitionView'], 'FlowDefinitionView', readOnly),
    F.text('Label', 255, { ...readOnly, nameField: true }),
    F.textarea('Description', 4000, readOnly),
    F.int('VersionNumber', 9, readOnly),
    F.picklist('Status', [...FLOW_VERSION_STATUSES], readOnly),
    F.picklist('ProcessType', PROCESS_TYPES, readOnly),
    F.picklist('RunInMode', RUN_IN_MODES, readOnly),
    F.number('ApiVersion', 18, 1, readOnly),
    F.datetime('LastModifiedDate', readOnly),
  ]),
  defineObject('FlowInterview', { keyPrefix: KEY_PREFIXES.FlowInterview, storage: 'system', createable: false, updateable: false, label: 'Flow Interview' }, [
    F.text('Name', 255, { autoNumber: true, nameField: true, idLookup: true, required: true, defaultedOnCreate: true }),
    F.text('CurrentElement', 100, readOnly),
    F.text('Guid', 255, { ...readOnly, idLookup: true }),
    F.text('InterviewLabel', 1000, readOnly),
    F.text('PauseLabel', 1000, { ...readOnly, label: 'Pause Reason' }),
    F.reference('OwnerId', ['Group', 'User'], 'Owner', { ...readOnly, required: true, label: 'Owner ID' }),
    F.checkbox('WasPausedFromScreen', readOnly),
    F.picklist('InterviewStatus', [...INTERVIEW_STATUSES], { ...readOnly, restricted: true, required: true }),
    F.reference('FlowVersionViewId', ['FlowVersionView'], 'FlowVersionView', readOnly),
    F.textarea('Error', 1000),
  ]),
  defineObject('FlowRecordRelation', { keyPrefix: KEY_PREFIXES.FlowRecordRelation, storage: 'system', label: 'Flow Record Relation' }, [
    F.text('Name', 255, { autoNumber: true, nameField: true, idLookup: true, required: true, defaultedOnCreate: true }),
    F.reference('ParentId', ['FlowInterview'], 'Parent', { required: true, updateable: false }),
    F.reference('RelatedRecordId', [...ANY_RECORD], 'RelatedRecord', { required: true }),
  ]),
  defineObject('FlowStageRelation', { keyPrefix: KEY_PREFIXES.FlowStageRelation, storage: 'system', createable: false, updateable: false, label: 'Flow Stage Relation' }, [
    F.text('Name', 255, { autoNumber: true, nameField: true, idLookup: true, required: true, defaultedOnCreate: true }),
    F.reference('ParentId', ['FlowInterview'], 'Parent', { ...readOnly, required: true }),
    F.text('StageLabel', 1000, readOnly),
    F.int('StageOrder', 9, readOnly),
    F.picklist('StageType', ['Current', 'Active'], { ...readOnly, restricted: true }),
  ]),
  defineObject('FlowInterviewShare', { keyPrefix: KEY_PREFIXES.FlowInterviewShare, storage: 'system', audit: false, label: 'Flow Interview Share' }, [
    F.reference('ParentId', ['FlowInterview'], 'Parent', { required: true, updateable: false }),
    F.reference('UserOrGroupId', ['User', 'Group'], 'UserOrGroup', { required: true, updateable: false }),
    F.picklist('AccessLevel', ['Read', 'Edit', 'All'], { restricted: true, required: true }),
    F.picklist('RowCause', ['Manual', 'Owner', 'Rule', 'GuestRule'], { restricted: true, default: 'Manual', createable: true, updateable: false }),
    ...auditFields().filter((f) => f.name === 'LastModifiedDate' || f.name === 'LastModifiedById' || f.name === 'IsDeleted'),
  ]),
  defineObject('FlowInterviewOwnerSharingRule', { keyPrefix: KEY_PREFIXES.FlowInterviewOwnerSharingRule, storage: 'system', label: 'Flow Interview Owner Sharing Rule' }, [
    F.text('Name', 80, { required: true, nameField: true }),
    F.text('DeveloperName', 80, { required: true }),
    F.textarea('Description', 1000),
    F.reference('GroupId', ['Group'], 'Group', { required: true, label: 'Share From ID' }),
    F.reference('UserOrGroupId', ['Group'], 'UserOrGroup', { required: true, label: 'Share With ID' }),
    F.picklist('AccessLevel', ['Read', 'Edit'], { restricted: true, required: true }),
  ]),
];
