/**
 * `$Api` in a running flow: the SOAP endpoints of the server Eddy is reached at, for every API
 * version, with the org's Id; the session Id is always blank; without a server URL the endpoints
 * are null rather than a fault.
 */
import { describe, expect, it } from 'vitest';
import { apiGlobals } from '../../../src/runtime/interviews/api-globals.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployXml, testRuntime } from './support/runtime-harness.js';

const output = (name: string, formula: string): string => `
    <formulas>
        <name>${name}_Formula</name>
        <dataType>String</dataType>
        <expression>${formula}</expression>
    </formulas>
    <assignments>
        <name>Set_${name}</name>
        <label>Set ${name}</label>
        <assignmentItems>
            <assignToReference>${name}</assignToReference>
            <operator>Assign</operator>
            <value><elementReference>${name}_Formula</elementReference></value>
        </assignmentItems>
        NEXT_${name}
    </assignments>
    <variables>
        <name>${name}</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>false</isInput>
        <isOutput>true</isOutput>
    </variables>`;

/** Reads three `$Api` values into outputs, in formulas as the corpus's flows do. */
const API_FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>60.0</apiVersion>
    <label>Read Api</label>
    <processType>AutoLaunchedFlow</processType>
    <start><connector><targetReference>Set_partner</targetReference></connector></start>
    <status>Active</status>
    ${output('partner', '{!$Api.Partner_Server_URL_340}').replace('NEXT_partner', '<connector><targetReference>Set_enterprise</targetReference></connector>')}
    ${output('enterprise', '{!$Api.Enterprise_Server_URL_650}').replace('NEXT_enterprise', '<connector><targetReference>Set_session</targetReference></connector>')}
    ${output('session', '{!$Api.Session_ID}').replace('NEXT_session', '')}
</Flow>`;

forEachDatabase('$Api in flows', (ctx) => {
  it("gives the server's SOAP endpoints with the org Id and a blank session Id", async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx, { serverUrl: 'https://eddy.example.com/' });
    await deployXml(db, 'Read_Api', API_FLOW);
    const alice = await createUser(db, 'alice');
    const org15 = (await db.settings.getOrganization()).Id.slice(0, 15);
    const done = await runtime.interviews.start(alice.Id, 'Read_Api');
    expect(done).toMatchObject({
      awaiting: 'finished',
      outputs: { partner: `https://eddy.example.com/services/Soap/u/34.0/${org15}`, enterprise: `https://eddy.example.com/services/Soap/c/65.0/${org15}` },
    });
    expect(done.outputs?.['session'] ?? null).toBeNull();
  });
});

describe('$Api values', () => {
  it('defines every version from 7.0 to 66.0 and leaves the endpoints null without a server URL', () => {
    const api = apiGlobals(undefined, '00D0E0000000001AAA');
    expect(api).toMatchObject({ Session_ID: null, Partner_Server_URL_70: null, Partner_Server_URL_660: null, Enterprise_Server_URL_340: null });
    expect(apiGlobals('http://127.0.0.1:3000', '00D0E0000000001AAA').Partner_Server_URL_70).toBe('http://127.0.0.1:3000/services/Soap/u/7.0/00D0E0000000001');
  });
});
