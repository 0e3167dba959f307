/** The fidelity runner's classification of faults Salesforce raises too (fidelity/classify.ts). */
import { describe, expect, it } from 'vitest';
import { classifyFault } from '../../fidelity/classify.js';

describe('fidelity classification', () => {
  it('counts a Post to Chatter without a subject and an EmailTemplate without its folder as the flow’s faults', () => {
    expect(classifyFault({ code: 'MISSING_ARGUMENT', message: 'Post to Chatter "Post": subjectNameOrId is blank; it takes a record Id, a Username or a Chatter group\'s name.' })).toMatchObject({ class: 'flow-fault' });
    expect(classifyFault({ code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [FolderId]' })).toMatchObject({ class: 'flow-fault' });
    // Other missing fields stay Eddy's until a rule says why Salesforce raises them.
    expect(classifyFault({ code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [InsertedById]' })).toMatchObject({ class: 'eddy-fault', cause: 'REQUIRED_FIELD_MISSING' });
    expect(classifyFault({ code: 'MISSING_ARGUMENT', message: 'Update "X": Id not specified in an update call (caseOwner).' })).toMatchObject({ class: 'eddy-fault' });
  });
});
