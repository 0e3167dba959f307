/**
 * `alexed1__CaseAndHelpdesk/HelpDesk_Notify_Requestor.flow-meta.xml`: a flow saved before
 * `<apiVersion>` existed (MANIFEST: absent). Its Get Records stores into a single record variable
 * and has no `<getFirstRecordOnly>`, so the first record found is kept (`api-version-rules.ts`),
 * and the email goes to the ticket's requestor with the ticket's link.
 */
import { expect, it } from 'vitest';
import { MemoryRecords } from '../engine/support/memory-records.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { runBothWays } from './support/run-both-ways.js';

const FLOW = corpusFlow('alexed1__CaseAndHelpdesk/HelpDesk_Notify_Requestor.flow-meta.xml');

describeWithShared('HelpDesk Notify Requestor (no apiVersion)', () => {
  it('keeps the ticket it finds in the record variable and emails its requestor', async () => {
    let ticketId = '';
    const run = await runBothWays(FLOW, () => {
      const records = new MemoryRecords();
      ticketId = records.insert('HelpDesk_Ticket__c', { Name: 'T-1', Base_URL__c: 'https://help.example.com', CreatedBy_Email__c: 'requestor@example.com' });
      records.insert('HelpDesk_Ticket__c', { Name: 'T-2', Base_URL__c: 'https://other.example.com', CreatedBy_Email__c: 'other@example.com' });
      return { records, inputs: { recordId: ticketId } };
    });

    expect(run.status).toBe('finished');
    expect(run.fault).toBeUndefined();
    expect(run.vars.varHelpDeskRecord).toMatchObject({ Id: ticketId, Base_URL__c: 'https://help.example.com', CreatedBy_Email__c: 'requestor@example.com' });
    expect(run.records.log).toEqual(['query HelpDesk_Ticket__c']);
    expect(JSON.stringify([...run.effects, ...run.actions.calls])).toContain('requestor@example.com');
    expect(JSON.stringify([...run.effects, ...run.actions.calls])).toContain(`https://help.example.com/${ticketId}`);
  });
});
