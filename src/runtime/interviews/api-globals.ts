/**
 * `$Api` for flows: the SOAP endpoints of the server Eddy is reached at, and the session Id.
 *
 * - `Partner_Server_URL_<v>` and `Enterprise_Server_URL_<v>` (`<v>` the API version times ten:
 *   `340` is 34.0): `<server>/services/Soap/u/34.0/<org Id, 15 characters>` and `.../Soap/c/...`,
 *   as Salesforce forms them. Flows use them to build links back to the instance; Eddy serves no
 *   SOAP API, but the base is the server's. Every version from 7.0 to 66.0 is defined. Without a
 *   known server URL (the CLI, a runtime built without `serverUrl`) they are null.
 * - `Session_ID` is always null (blank). Salesforce leaves it blank wherever a flow runs without
 *   an API session (autolaunched and record-triggered flows, waits resumed by the system), and
 *   Lightning's session is not an API session; Eddy never puts a caller's token into a flow's
 *   variables, where a Save or an email would persist it (docs/runtime.md, `$Api`).
 */
import type { FlowValue } from '../../engine/index.js';

const FIRST_VERSION = 7;
const LAST_VERSION = 66;

/** `$Api` for a server at `serverUrl` (no trailing slash needed) and the org `orgId`. */
export function apiGlobals(serverUrl: string | undefined, orgId: string): Record<string, FlowValue> {
  const base = serverUrl?.replace(/\/+$/, '');
  const org15 = orgId.slice(0, 15);
  const api: Record<string, FlowValue> = { Session_ID: null };
  for (let version = FIRST_VERSION; version <= LAST_VERSION; version++) {
    api[`Partner_Server_URL_${version * 10}`] = base === undefined ? null : `${base}/services/Soap/u/${version}.0/${org15}`;
    api[`Enterprise_Server_URL_${version * 10}`] = base === undefined ? null : `${base}/services/Soap/c/${version}.0/${org15}`;
  }
  return api;
}
