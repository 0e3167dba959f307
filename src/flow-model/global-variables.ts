/**
 * The global variables a flow may reference (`$Flow`, `$User`, `$Record` ...), as documented by
 * Salesforce (reference §4.3). Names are compared case-insensitively, like flow resource names.
 */

/** Global roots (lower case) any flow may reference; `$Record`/`$Record__Prior` are checked apart. */
export const GLOBAL_ROOTS: ReadonlySet<string> = new Set([
  '$flow', '$user', '$organization', '$profile', '$userrole', '$permission', '$setup', '$system', '$api',
  '$label', '$globalconstant', '$client', '$custommetadata', '$orchestration', '$event', '$contactpoints',
  '$site', '$network', '$component', '$record', '$record__prior',
]);

/** The documented `$Flow.*` names (lower case). */
export const FLOW_GLOBALS: ReadonlySet<string> = new Set([
  'currentdate', 'currentdatetime', 'currentrecord', 'faultmessage', 'interviewguid', 'interviewstarttime',
  'currentstage', 'activestages',
]);

/** The documented `$GlobalConstant.*` names (lower case). */
export const GLOBAL_CONSTANTS: ReadonlySet<string> = new Set(['true', 'false', 'emptystring']);

/** The documented `$System.*` names (lower case). */
export const SYSTEM_GLOBALS: ReadonlySet<string> = new Set(['origindatetime']);
