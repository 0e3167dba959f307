/**
 * Malformed requests for the fuzz test: every route the server has (read from Fastify's route
 * tree, static routes included), with hostile path parameters, query strings, headers and
 * bodies drawn from a seeded generator, so a failure replays exactly.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';

/** A route as Fastify knows it: `/services/data/:version/sobjects/:type`, and its methods. */
export interface KnownRoute {
  readonly path: string;
  readonly methods: readonly string[];
}

/**
 * Every route of `app`, from `printRoutes()`' radix tree: a node's full path is its ancestors'
 * segments joined, and it is a route when it lists methods.
 */
export function routesOf(app: FastifyInstance): KnownRoute[] {
  const routes: KnownRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: true }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (match === null) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    if (match[3] !== undefined) routes.push({ path: stack.join(''), methods: match[3].split(', ') });
  }
  return routes;
}

/** A seeded pseudo-random generator (mulberry32): the same seed, the same requests. */
export class Seeded {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Path parameter values: malformed, hostile, or naming nothing that exists. */
const PARAMETERS = [
  '', '%00', '..', '..%2f..%2f..%2fetc%2fpasswd', '%2e%2e%2fpackage.json', '%ff', '%E0%A4%A', '%u0000', 'A'.repeat(1500), "x'%20OR%201%3D1%20--",
  '__proto__', 'constructor', '%F0%9D%84%9E', 'null', 'undefined', '-1', '99999999999999999999', '0Fo000000000000AAA', '001000000000000AAA',
  '005000000000000AAA', '301000000000000AAA', '0Fp000000000000AAA', '00G000000000000AAA', 'FlowInterview', 'Account', 'Nope__c', 'Order_Shipped__e',
  'Demo_Support_Request', 'Demo_Discount_Calculator', '01g000000000000AAA-2000', '%20', 'a%2Fb', '%3Cscript%3E',
];

/** API versions, mostly valid so that requests reach the resources. */
const VERSIONS = ['v60.0', 'v60.0', 'v60.0', 'v59.0', 'v49.0', 'v99.0', 'vlatest', '60.0', 'v60.00', 'v%00'];

/** Query-string keys the routes read, and some they do not. */
const QUERY_KEYS = ['q', 'scope', 'limit', 'offset', 'fields', 'status', 'recordId', 'flowApiName', 'columns', 'oauth_token', '__proto__', 'x'];
const QUERY_VALUES = [
  '', '-1', '0', '1e3', '99999999999999999999', '2001', 'NaN', 'all', 'mine', 'record', 'flow', 'everyone', '%00', '%ff', "'", 'true',
  encodeURIComponent('SELECT Id FROM FlowInterview LIMIT 99999999999999999999'), encodeURIComponent('SELECT COUNT() FROM Account OFFSET 99999'),
  encodeURIComponent('SELECT Id FROM Account WHERE NumberOfEmployees > 1e400'), encodeURIComponent('SELECT Id, (SELECT Id FROM Shares) FROM FlowInterview'),
  encodeURIComponent("SELECT Id FROM User WHERE Name = '\\'' OR 1=1"), encodeURIComponent('SELECT FROM'), encodeURIComponent('SELECT Id FROM Nope__c'),
  'Id,Nope,%00', 'A'.repeat(3000),
];

/** Bodies no route accepts: broken JSON, wrong shapes, unknown fields, bytes that are not UTF-8, unstorable text. */
const BODIES: readonly { readonly type?: string; readonly body: string | Buffer }[] = [
  { type: 'application/json', body: '{' },
  { type: 'application/json', body: '{"action": "NEXT", ' },
  { type: 'application/json', body: '[1, 2, 3]' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '"text"' },
  { type: 'application/json', body: '1e999' },
  { type: 'application/json', body: '{"__proto__": {"polluted": true}}' },
  { type: 'application/json', body: '{"Name": "a\\u0000b"}' },
  { type: 'application/json', body: '{"Name": "\\ud800"}' },
  { type: 'application/json', body: Buffer.from([0x7b, 0x22, 0x4e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
  { type: 'application/json', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { type: 'application/json', body: '{"NoSuchField__x": 1, "Zzz": [1, {"a": null}]}' },
  { type: 'application/json', body: '{"files": "everything", "activate": "yes"}' },
  { type: 'application/json', body: '{"action": "JUMP", "version": -1, "values": [1]}' },
  { type: 'application/json', body: '{"inputs": {"amount": "lots"}, "FlowDefinitionView": 7}' },
  { type: 'application/json', body: '{"Status": "Sideways", "Description": 42}' },
  { type: 'application/json', body: `{"Name": "${'x'.repeat(300_000)}"}` },
  { type: 'application/json; charset=latin1', body: Buffer.from('{"Name":"Caf\xe9"}', 'latin1') },
  { type: 'application/x-www-form-urlencoded', body: 'grant_type=password&username=%00&password=%ff%fe' },
  { type: 'application/x-www-form-urlencoded', body: 'grant_type=client_credentials&client_id=nope&client_secret=' },
  { type: 'text/plain', body: 'hello' },
  { type: 'application/xml', body: '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>' },
  { type: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--' },
  { body: '{"Name": "no content type"}' },
  { type: 'application/json', body: '' },
];

/** Tail segments for wildcard routes (static files and the single-page app's pages). */
const WILDCARDS = ['', 'index.js', '../../package.json', '..%2f..%2fpackage.json', '%00', '%ff', 'styles/%2e%2e/%2e%2e/%2e%2e/package.json', 'x/'.repeat(300), '0Fo000000000000AAA'];

/** Methods a request may try besides the route's own. */
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Credentials to send: mostly the admin's token, sometimes nothing or garbage. */
export interface FuzzCredentials {
  readonly token: string;
}

/** One malformed request for `route`. State-changing methods never name a real record, so nothing can legitimately change. */
export function malformedRequest(route: KnownRoute, random: Seeded, credentials: FuzzCredentials): InjectOptions {
  const method = random.chance(0.7) ? random.pick(route.methods) : random.pick(METHODS);
  let url = route.path.replace(/:version\b/g, () => random.pick(VERSIONS)).replace(/:\w+/g, () => random.pick(PARAMETERS));
  if (url.endsWith('*')) url = url.slice(0, -1) + random.pick(WILDCARDS);
  if (random.chance(0.5)) {
    const pairs = Array.from({ length: 1 + Math.floor(random.next() * 3) }, () => `${random.pick(QUERY_KEYS)}=${random.pick(QUERY_VALUES)}`);
    url += `?${pairs.join('&')}`;
  }
  const headers: Record<string, string> = {};
  const auth = random.next();
  if (auth < 0.8) headers.authorization = `Bearer ${credentials.token}`;
  else if (auth < 0.9) headers.authorization = random.pick(['Bearer ', 'Bearer 00D!AQ.nope', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(5000)}`]);
  if (random.chance(0.1)) headers.cookie = random.pick(['eddy_session=garbage', 'eddy_session=%ff%00', 'eddy_csrf=1; eddy_session=']);
  if (random.chance(0.1)) headers['sforce-query-options'] = random.pick(['batchSize=99999999999999999999', 'batchSize=-5', 'batchSize=abc']);
  if (random.chance(0.05)) headers['x-forwarded-proto'] = 'https';
  if (random.chance(0.05)) headers.origin = 'https://evil.example';
  const options: InjectOptions = { method: method as InjectOptions['method'], url, headers };
  if (method !== 'GET' && method !== 'HEAD' && random.chance(0.9)) {
    const { type, body } = random.pick(BODIES);
    if (type !== undefined) headers['content-type'] = type;
    return { ...options, headers, payload: body };
  }
  return options;
}
