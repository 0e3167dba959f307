/**
 * Record-triggered flow metadata for the trigger tests: a `<start>` with the trigger settings
 * and the elements given as XML, deployed active through the flow store.
 */
import type { StorageSession } from '../../../../src/runtime/ports/index.js';
import { deployXml } from '../../interviews/support/runtime-harness.js';

/** What a test flow triggers on. */
export interface TriggerSpec {
  readonly object: string;
  readonly timing: 'RecordBeforeSave' | 'RecordAfterSave' | 'RecordBeforeDelete';
  readonly event: 'Create' | 'Update' | 'CreateAndUpdate' | 'Delete';
  /** The first element's name. */
  readonly first: string;
  /** The elements, as XML. */
  readonly elements: string;
  /** `<filters>` XML, with `filterLogic`. */
  readonly filters?: string;
  readonly filterLogic?: string;
  readonly formula?: string;
  readonly requireChange?: boolean;
  readonly triggerOrder?: number;
  readonly label?: string;
  /** Extra resources (variables, formulas), as XML. */
  readonly resources?: string;
}

/** A record-triggered flow's XML. */
export function triggerFlowXml(spec: TriggerSpec): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion>
    <label>${spec.label ?? 'Test Trigger'}</label>
    <processType>AutoLaunchedFlow</processType>
    ${spec.elements}
    ${spec.resources ?? ''}
    <start>
        <locationX>50</locationX>
        <locationY>0</locationY>
        <connector><targetReference>${spec.first}</targetReference></connector>
        ${spec.filters ?? ''}
        ${spec.filterLogic === undefined ? '' : `<filterLogic>${spec.filterLogic}</filterLogic>`}
        ${spec.formula === undefined ? '' : `<filterFormula>${spec.formula}</filterFormula>`}
        ${spec.requireChange === undefined ? '' : `<doesRequireRecordChangedToMeetCriteria>${spec.requireChange}</doesRequireRecordChangedToMeetCriteria>`}
        <object>${spec.object}</object>
        <recordTriggerType>${spec.event}</recordTriggerType>
        <triggerType>${spec.timing}</triggerType>
    </start>
    <status>Active</status>
    ${spec.triggerOrder === undefined ? '' : `<triggerOrder>${spec.triggerOrder}</triggerOrder>`}
</Flow>`;
}

/** Deploys a record-triggered flow, active. */
export async function deployTrigger(db: StorageSession, name: string, spec: TriggerSpec): Promise<void> {
  await deployXml(db, name, triggerFlowXml(spec));
}

/** An Assignment setting `$Record.<field>` to a string, then going to `next`. */
export function setField(name: string, field: string, value: string, next?: string, operator: 'Assign' | 'Add' = 'Assign'): string {
  return `<assignments><name>${name}</name><label>${name}</label><locationX>0</locationX><locationY>0</locationY>
    <assignmentItems><assignToReference>$Record.${field}</assignToReference><operator>${operator}</operator><value><stringValue>${value}</stringValue></value></assignmentItems>
    ${next === undefined ? '' : `<connector><targetReference>${next}</targetReference></connector>`}
  </assignments>`;
}

/** A Create Records element with field values given as `field → value XML`. */
export function createRecord(name: string, object: string, values: Record<string, string>, next?: string, faultTo?: string): string {
  const assignments = Object.entries(values)
    .map(([field, value]) => `<inputAssignments><field>${field}</field><value>${value}</value></inputAssignments>`)
    .join('');
  return `<recordCreates><name>${name}</name><label>${name}</label><locationX>0</locationX><locationY>0</locationY>
    ${next === undefined ? '' : `<connector><targetReference>${next}</targetReference></connector>`}
    ${faultTo === undefined ? '' : `<faultConnector><targetReference>${faultTo}</targetReference></faultConnector>`}
    ${assignments}<object>${object}</object><storeOutputAutomatically>true</storeOutputAutomatically></recordCreates>`;
}

/** `<value>` XML of a string. */
export const str = (value: string): string => `<stringValue>${value}</stringValue>`;
/** `<value>` XML of a reference. */
export const ref = (reference: string): string => `<elementReference>${reference}</elementReference>`;
