/**
 * The UI's URLs, Lightning-style: `/lightning/page/home`, `/lightning/r/{Object}/{Id}/view`,
 * `/flow/{ApiName}?recordId=...`, `/interview/{Id}`, `/setup/{page}`. `matchRoute` and
 * `routePath` are inverse of each other.
 */

/** The Setup pages. */
export const SETUP_PAGES = ['flows', 'interviews', 'automation', 'users', 'groups', 'sharing', 'outbox', 'jobs'] as const;

/** A Setup page's key. */
export type SetupPage = (typeof SETUP_PAGES)[number];

/** A page of the UI. */
export type Route =
  | { readonly kind: 'home' }
  | { readonly kind: 'record'; readonly objectName: string; readonly recordId: string }
  | { readonly kind: 'flow'; readonly apiName: string; readonly recordId: string | undefined }
  | { readonly kind: 'interview'; readonly interviewId: string; readonly recordId: string | undefined }
  | { readonly kind: 'setup'; readonly page: SetupPage }
  | { readonly kind: 'notFound'; readonly path: string };

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function isSetupPage(value: string): value is SetupPage {
  return (SETUP_PAGES as readonly string[]).includes(value);
}

/** The route of a path and query string (`location.pathname`, `location.search`). */
export function matchRoute(pathname: string, search = ''): Route {
  const params = new URLSearchParams(search);
  const recordId = params.get('recordId') ?? undefined;
  const segments = pathname.split('/').filter((segment) => segment !== '').map(decode);
  if (segments.some((segment) => segment === undefined)) return { kind: 'notFound', path: pathname };
  const parts = segments as string[];
  if (parts.length === 0) return { kind: 'home' };
  if (parts[0] === 'lightning') {
    if (parts.length === 3 && parts[1] === 'page' && parts[2] === 'home') return { kind: 'home' };
    if (parts.length === 1) return { kind: 'home' };
    const [, r, objectName, id, view] = parts;
    if (r === 'r' && objectName !== undefined && id !== undefined && (parts.length === 4 || (parts.length === 5 && view === 'view'))) {
      return { kind: 'record', objectName, recordId: id };
    }
  }
  if (parts[0] === 'flow' && parts.length === 2 && parts[1] !== undefined) return { kind: 'flow', apiName: parts[1], recordId };
  if (parts[0] === 'interview' && parts.length === 2 && parts[1] !== undefined) return { kind: 'interview', interviewId: parts[1], recordId };
  if (parts[0] === 'setup') {
    if (parts.length === 1) return { kind: 'setup', page: 'flows' };
    if (parts.length === 2 && parts[1] !== undefined && isSetupPage(parts[1])) return { kind: 'setup', page: parts[1] };
  }
  return { kind: 'notFound', path: pathname };
}

/** The path (with query string) of a route. */
export function routePath(route: Route): string {
  const query = (recordId: string | undefined): string => (recordId === undefined ? '' : `?recordId=${encodeURIComponent(recordId)}`);
  switch (route.kind) {
    case 'home':
      return '/lightning/page/home';
    case 'record':
      return `/lightning/r/${encodeURIComponent(route.objectName)}/${encodeURIComponent(route.recordId)}/view`;
    case 'flow':
      return `/flow/${encodeURIComponent(route.apiName)}${query(route.recordId)}`;
    case 'interview':
      return `/interview/${encodeURIComponent(route.interviewId)}${query(route.recordId)}`;
    case 'setup':
      return `/setup/${route.page}`;
    case 'notFound':
      return route.path;
  }
}
