/**
 * `POST /composite`: subrequests in order with `@{ref.id}` references, record-triggered flows
 * firing on each sObject write, `allOrNone=true` rolling every subrequest back when one fails
 * (the others `PROCESSING_HALTED`), `allOrNone=false` keeping the ones that succeeded, and the
 * 25-subrequest limit.
 */
import { beforeEach, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { createRecord, deployTrigger, str } from '../runtime/triggers/support/trigger-flows.js';
import { createTestServer, type TestServer, V } from './support/test-server.js';

interface Sub {
  readonly body: unknown;
  readonly httpHeaders: Record<string, string>;
  readonly httpStatusCode: number;
  readonly referenceId: string;
}

const base = `/services/data/${V}`;

forEachDatabase('/composite fires record-triggered flows', (ctx) => {
  let s: TestServer;
  let token: string;

  const soql = async (q: string): Promise<{ totalSize: number; records: Record<string, unknown>[] }> =>
    (await s.call(token, 'GET', `/query?q=${encodeURIComponent(q)}`)).json() as { totalSize: number; records: Record<string, unknown>[] };
  const composite = async (body: unknown): Promise<Sub[]> => {
    const response = await s.call(token, 'POST', '/composite', body);
    expect(response.statusCode).toBe(200);
    return (response.json() as { compositeResponse: Sub[] }).compositeResponse;
  };

  beforeEach(async () => {
    s = await createTestServer(ctx.db(), ctx.clock());
    token = await s.tokenFor(s.admin);
    await deployTrigger(ctx.db(), 'Contact_After', {
      label: 'Contact After', object: 'Contact', timing: 'RecordAfterSave', event: 'Create', first: 'Make',
      elements: createRecord('Make', 'Case', { Subject: str('Welcome {!$Record.LastName}') }),
    });
  });

  it('runs subrequests in order with references, and the flows fire', async () => {
    const answers = await composite({
      allOrNone: true,
      collateSubrequests: false,
      compositeRequest: [
        { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Acme' } },
        { method: 'POST', url: `${base}/sobjects/Contact`, referenceId: 'ada', body: { LastName: 'Ada', AccountId: '@{acct.id}' } },
        { method: 'GET', url: `${base}/sobjects/Contact/@{ada.id}?fields=LastName,AccountId`, referenceId: 'read' },
        { method: 'PATCH', url: `${base}/sobjects/Account/@{acct.id}`, referenceId: 'rename', body: { Name: 'Acme Corp' } },
      ],
    });
    expect(answers.map((a) => [a.referenceId, a.httpStatusCode])).toEqual([['acct', 201], ['ada', 201], ['read', 200], ['rename', 204]]);
    const accountId = (answers[0]?.body as { id: string }).id;
    const contactId = (answers[1]?.body as { id: string }).id;
    expect(answers[0]?.httpHeaders).toEqual({ Location: `${base}/sobjects/Account/${accountId}` });
    expect(answers[2]?.body).toMatchObject({ LastName: 'Ada', AccountId: accountId, Id: contactId });
    expect(answers[3]?.body).toBeNull();
    expect((await soql('SELECT Name FROM Account')).records).toMatchObject([{ Name: 'Acme Corp' }]);
    expect((await soql('SELECT Subject FROM Case')).records).toMatchObject([{ Subject: 'Welcome Ada' }]);
  });

  it('allOrNone=true: a failed subrequest rolls everything back, the others answer PROCESSING_HALTED', async () => {
    const answers = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${base}/sobjects/Contact`, referenceId: 'ada', body: { LastName: 'Ada' } },
        { method: 'POST', url: `${base}/sobjects/Contact`, referenceId: 'bad', body: { FirstName: 'No last name' } },
        { method: 'POST', url: `${base}/sobjects/Contact`, referenceId: 'grace', body: { LastName: 'Grace' } },
      ],
    });
    expect(answers.map((a) => [a.referenceId, a.httpStatusCode])).toEqual([['ada', 400], ['bad', 400], ['grace', 400]]);
    expect(answers[0]?.body).toEqual([{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.', fields: [] }]);
    expect(answers[1]?.body).toMatchObject([{ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }]);
    expect(answers[2]?.body).toMatchObject([{ errorCode: 'PROCESSING_HALTED' }]);
    expect((await soql('SELECT Id FROM Contact')).totalSize).toBe(0);
    expect((await soql('SELECT Id FROM Case')).totalSize).toBe(0);
  });

  it('allOrNone=false: the others are kept, a subrequest that refers to a failed one is halted, queries run', async () => {
    const answers = await composite({
      compositeRequest: [
        { method: 'POST', url: `${base}/sobjects/Contact`, referenceId: 'ada', body: { LastName: 'Ada' } },
        { method: 'POST', url: `${base}/sobjects/Contact`, referenceId: 'bad', body: { FirstName: 'No last name' } },
        { method: 'PATCH', url: `${base}/sobjects/Contact/@{bad.id}`, referenceId: 'fix', body: { LastName: 'Fixed' } },
        { method: 'GET', url: `${base}/query?q=${encodeURIComponent('SELECT Subject FROM Case')}`, referenceId: 'cases' },
        { method: 'GET', url: `${base}/sobjects/Nope__c/001000000000001AAA`, referenceId: 'nope' },
      ],
    });
    expect(answers.map((a) => [a.referenceId, a.httpStatusCode])).toEqual([['ada', 201], ['bad', 400], ['fix', 400], ['cases', 200], ['nope', 404]]);
    expect(answers[2]?.body).toMatchObject([{ errorCode: 'PROCESSING_HALTED' }]);
    expect(answers[3]?.body).toMatchObject({ totalSize: 1, records: [{ Subject: 'Welcome Ada' }] });
    expect((await soql('SELECT LastName FROM Contact')).records).toMatchObject([{ LastName: 'Ada' }]);
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({ method: 'POST', url: `${base}/sobjects/Contact`, referenceId: `c${i}`, body: { LastName: `C${i}` } }));
    const response = await s.call(token, 'POST', '/composite', { compositeRequest });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject([{ errorCode: 'LIMIT_EXCEEDED' }]);
    expect((await soql('SELECT Id FROM Contact')).totalSize).toBe(0);
  });
});
