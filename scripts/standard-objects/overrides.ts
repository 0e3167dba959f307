/**
 * The hand override table: what no source says, or says wrongly, for objects flows use. Each
 * entry is Salesforce's real value (see docs/standard-objects.md for the evidence), applied after
 * the merge and marked `H` in the provenance.
 */

/** Key prefixes missing from every source (Salesforce's fixed prefixes). */
export const KEY_PREFIX_OVERRIDES: Readonly<Record<string, string>> = {
  Account: '001', Note: '002', Contact: '003', User: '005', Opportunity: '006', Organization: '00D', UserRole: '00E', Group: '00G',
  OpportunityLineItem: '00k', Attachment: '00P', Lead: '00Q', Task: '00T', Event: '00U', CampaignMember: '00v', GroupMember: '011',
  RecordType: '012', ContentDocument: '069', ContentVersion: '068', Pricebook2: '01s', Product2: '01t', PricebookEntry: '01u',
  Asset: '02i', EmailMessage: '02s', FeedItem: '0D5', Case: '500', Campaign: '701', Contract: '800', Order: '801', OrderItem: '802',
  BusinessHours: '01m', Entitlement: '550', CaseMilestone: '555', EntityMilestone: '1EM', Incident: '0ny', Problem: '0o2', ChangeRequest: '0oW',
};

/** Plural labels that English rules would get wrong. */
export const PLURAL_OVERRIDES: Readonly<Record<string, string>> = {
  Opportunity: 'Opportunities', PricebookEntry: 'Price Book Entries', BusinessHours: 'Business Hours', Entitlement: 'Entitlements',
  DatedConversionRate: 'Dated Conversion Rates', Person: 'People',
};

/** Name fields of objects that have no `Name` (auto-numbers and subjects). */
export const NAME_FIELDS: Readonly<Record<string, string>> = {
  Case: 'CaseNumber', Contract: 'ContractNumber', Order: 'OrderNumber', OrderItem: 'OrderItemNumber', Solution: 'SolutionNumber',
  Task: 'Subject', Event: 'Subject', Note: 'Title', ContentVersion: 'Title', ContentDocument: 'Title', Idea: 'Title',
  Incident: 'Subject', Problem: 'Subject', ChangeRequest: 'Subject',
  WorkOrder: 'WorkOrderNumber', WorkOrderLineItem: 'LineItemNumber', Quote: 'Name', QuoteLineItem: 'LineNumber',
};

/** Auto-number fields (assigned on insert, read-only). */
export const AUTO_NUMBERS: ReadonlySet<string> = new Set([
  'Case.CaseNumber', 'Contract.ContractNumber', 'Order.OrderNumber', 'OrderItem.OrderItemNumber', 'Solution.SolutionNumber',
  'WorkOrder.WorkOrderNumber', 'WorkOrderLineItem.LineItemNumber', 'Incident.IncidentNumber', 'Problem.ProblemNumber',
  'ChangeRequest.ChangeRequestNumber', 'QuoteLineItem.LineNumber', 'Quote.QuoteNumber',
]);

/** Fields that the system fills on insert though the sources call them not nillable. */
export const DEFAULTED_ON_CREATE: ReadonlySet<string> = new Set([
  // The org's default business hours.
  'Case.BusinessHoursId', 'Entitlement.BusinessHoursId',
  'Case.Status', 'Lead.Status', 'Contract.Status', 'Order.Status', 'Task.Status', 'Task.Priority',
  'Opportunity.ForecastCategory', 'Opportunity.ForecastCategoryName',
  // Person names: computed from FirstName and LastName.
  'Contact.Name', 'Lead.Name', 'User.Name',
]);

/** Fields that are read-only in Salesforce (formula, roll-up or system-maintained) and no source says so. */
export const READ_ONLY: ReadonlySet<string> = new Set([
  'Contact.Name', 'Lead.Name', 'Opportunity.IsClosed', 'Opportunity.IsWon', 'Case.IsClosed', 'Case.ClosedDate', 'Task.IsClosed',
  'Contract.EndDate', 'Order.TotalAmount', 'OrderItem.TotalPrice', 'PricebookEntry.Name', 'PricebookEntry.ProductCode',
  'OpportunityLineItem.Name', 'CampaignMember.HasResponded', 'Pricebook2.IsStandard', 'RecordType.NamespacePrefix',
  'CaseMilestone.IsViolated', 'CaseMilestone.TargetDate', 'CaseMilestone.ElapsedTimeInMins',
]);

/** Fields that can be set on create but not changed afterwards (master-detail parents and the like). */
export const CREATE_ONLY: ReadonlySet<string> = new Set([
  'CampaignMember.CampaignId', 'CampaignMember.LeadId', 'CampaignMember.ContactId', 'OrderItem.OrderId', 'OrderItem.PricebookEntryId',
  'OpportunityLineItem.OpportunityId', 'OpportunityLineItem.PricebookEntryId', 'PricebookEntry.Pricebook2Id', 'PricebookEntry.Product2Id',
  'OpportunityContactRole.OpportunityId', 'CaseComment.ParentId', 'CaseContactRole.CasesId', 'ContentDocumentLink.ContentDocumentId',
  'ContentDocumentLink.LinkedEntityId', 'AccountContactRelation.ContactId', 'FeedItem.ParentId', 'Note.ParentId', 'RecordType.SobjectType',
]);

/** Fields of feature-gated or multi-org settings left out of a standard org (multi-currency, divisions). */
export const DROPPED_FIELDS: ReadonlySet<string> = new Set(['CurrencyIsoCode', 'Division']);
