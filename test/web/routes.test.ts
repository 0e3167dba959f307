import { describe, expect, it } from 'vitest';
import { matchRoute, routePath, type Route } from '../../src/web/src/routes.js';

describe('web routes', () => {
  it('reads Lightning record pages, flow runner and Setup addresses', () => {
    expect(matchRoute('/lightning/r/Contact/003000000000001AAA/view')).toEqual({ kind: 'record', objectName: 'Contact', recordId: '003000000000001AAA' });
    expect(matchRoute('/flow/Change_Address', '?recordId=003000000000001AAA')).toEqual({ kind: 'flow', apiName: 'Change_Address', recordId: '003000000000001AAA' });
    expect(matchRoute('/interview/0Fo000000000001AAA')).toEqual({ kind: 'interview', interviewId: '0Fo000000000001AAA', recordId: undefined });
    expect(matchRoute('/setup/interviews')).toEqual({ kind: 'setup', page: 'interviews' });
    expect(matchRoute('/setup')).toEqual({ kind: 'setup', page: 'flows' });
    expect(matchRoute('/')).toEqual({ kind: 'home' });
    expect(matchRoute('/lightning/page/home')).toEqual({ kind: 'home' });
  });

  it('answers not found for unknown or malformed addresses', () => {
    expect(matchRoute('/setup/nope').kind).toBe('notFound');
    expect(matchRoute('/lightning/r/Contact/003000000000001AAA/edit').kind).toBe('notFound');
    expect(matchRoute('/flow/%E0%A4%A').kind).toBe('notFound');
    expect(matchRoute('/interview').kind).toBe('notFound');
  });

  it('builds paths that read back as the same route', () => {
    const routes: Route[] = [
      { kind: 'home' },
      { kind: 'record', objectName: 'Case', recordId: '500000000000001AAA' },
      { kind: 'flow', apiName: 'Customer_Onboarding', recordId: '001000000000001AAA' },
      { kind: 'flow', apiName: 'Change_Address', recordId: undefined },
      { kind: 'interview', interviewId: '0Fo000000000001AAA', recordId: '003000000000001AAA' },
      { kind: 'setup', page: 'outbox' },
      { kind: 'setup', page: 'jobs' },
    ];
    for (const route of routes) {
      const path = routePath(route);
      const queryAt = path.indexOf('?');
      const back = queryAt < 0 ? matchRoute(path) : matchRoute(path.slice(0, queryAt), path.slice(queryAt));
      expect(back).toEqual(route);
    }
  });

  it('encodes path segments so odd names cannot change the route', () => {
    const path = routePath({ kind: 'flow', apiName: 'a/b?c', recordId: 'x&y' });
    expect(path).toBe('/flow/a%2Fb%3Fc?recordId=x%26y');
    expect(matchRoute('/flow/a%2Fb%3Fc', '?recordId=x%26y')).toEqual({ kind: 'flow', apiName: 'a/b?c', recordId: 'x&y' });
  });
});
