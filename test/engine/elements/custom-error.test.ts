import { describe, expect, it } from 'vitest';
import { start, step } from '../../../src/engine/index.js';
import { roundTrip, startContext, stepContext } from '../support/context.js';
import { connector, flowFromXml, variable } from '../support/flow-xml.js';

const errorElement = `<customErrors><name>Reject</name><label>Reject</label>
  <customErrorMessages><errorMessage>Amount {!amount} is too high</errorMessage><fieldSelection>Amount_Field</fieldSelection><isFieldError>true</isFieldError></customErrorMessages>
  <customErrorMessages><errorMessage>Please check the form</errorMessage><isFieldError>false</isFieldError></customErrorMessages>
</customErrors>`;

describe('custom error element', () => {
  it('faults with CUSTOM_ERROR and its messages outside screen flows, each at its field or for the record', () => {
    const flow = flowFromXml(variable('amount', 'Number', { input: true, scale: 0 }) + errorElement, { start: 'Reject' });
    const result = start(flow, { amount: 5 }, startContext());
    expect(result.awaiting).toEqual({
      kind: 'failed',
      fault: {
        code: 'CUSTOM_ERROR',
        message: 'Amount 5 is too high\nPlease check the form',
        element: 'Reject',
        errors: [{ message: 'Amount 5 is too high', field: 'Amount_Field' }, { message: 'Please check the form' }],
      },
    });
    // The fault is data: it survives the state's JSON round trip with its messages.
    expect(roundTrip(result.state).fault).toEqual(result.state.fault);
  });

  it('after a screen, shows the messages on that screen with the values the user entered', () => {
    const flow = flowFromXml(
      variable('amount', 'Number', { scale: 0 }) +
        `<screens><name>Form</name><label>Form</label><allowBack>true</allowBack><allowFinish>true</allowFinish><allowPause>true</allowPause><showFooter>true</showFooter><showHeader>true</showHeader>
          <fields><name>Amount_Field</name><dataType>Number</dataType><fieldText>Amount</fieldText><fieldType>InputField</fieldType><isRequired>false</isRequired><scale>0</scale></fields>
          ${connector('Copy')}</screens>
         <assignments><name>Copy</name><label>Copy</label><assignmentItems><assignToReference>amount</assignToReference><operator>Assign</operator><value><elementReference>Amount_Field</elementReference></value></assignmentItems>${connector('Reject')}</assignments>` +
        errorElement,
      { start: 'Form' },
    );
    const first = start(flow, {}, startContext());
    const rejected = step(flow, roundTrip(first.state), { kind: 'navigate', action: 'NEXT', values: { Amount_Field: 900 } }, stepContext());
    expect(rejected.awaiting.kind).toBe('screen');
    if (rejected.awaiting.kind !== 'screen') return;
    expect(rejected.awaiting.screen.name).toBe('Form');
    expect(rejected.awaiting.screen.errors).toEqual({ Amount_Field: 'Amount 900 is too high' });
    expect(rejected.awaiting.screen.pageErrors).toEqual(['Please check the form']);
    expect(rejected.awaiting.screen.fields[0]?.value).toBe(900);
    const shown = step(flow, roundTrip(rejected.state), { kind: 'show' }, stepContext());
    expect(shown.awaiting).toEqual(rejected.awaiting);
  });
});
