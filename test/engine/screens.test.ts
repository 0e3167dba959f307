import { describe, expect, it } from 'vitest';
import { start, step, type InterviewState, type ScreenModel, type StepResult } from '../../src/engine/index.js';
import { roundTrip, startContext, stepContext } from './support/context.js';
import { assignment, conditions, connector, flowFromXml, ref, str, variable } from './support/flow-xml.js';
import { runScript } from './support/harness.js';
import { MemoryRecords } from './support/memory-records.js';

function screen(name: string, fields: string, options: { next?: string; back?: boolean; pause?: boolean; finish?: boolean; footer?: boolean; extra?: string } = {}): string {
  return `<screens><name>${name}</name><label>${name} label</label>
    <allowBack>${options.back ?? true}</allowBack><allowFinish>${options.finish ?? true}</allowFinish><allowPause>${options.pause ?? true}</allowPause>
    <showFooter>${options.footer ?? true}</showFooter><showHeader>true</showHeader>
    ${options.next === undefined ? '' : connector(options.next)}${fields}${options.extra ?? ''}</screens>`;
}

function input(name: string, dataType: string, label: string, extra = ''): string {
  return `<fields><name>${name}</name><dataType>${dataType}</dataType><fieldText>${label}</fieldText><fieldType>InputField</fieldType>${extra}</fields>`;
}

function shown(result: StepResult): ScreenModel {
  if (result.awaiting.kind !== 'screen') throw new Error(`Expected a screen, got ${JSON.stringify(result.awaiting)}`);
  return result.awaiting.screen;
}

function field(model: ScreenModel, name: string): ScreenModel['fields'][number] {
  const find = (fields: ScreenModel['fields']): ScreenModel['fields'][number] | undefined => {
    for (const candidate of fields) {
      if (candidate.name === name) return candidate;
      const inner = find(candidate.fields);
      if (inner !== undefined) return inner;
    }
    return undefined;
  };
  const found = find(model.fields);
  if (found === undefined) throw new Error(`No field ${name}`);
  return found;
}

function navigate(flow: Parameters<typeof step>[0], state: InterviewState, action: 'NEXT' | 'BACK' | 'FINISH', values: Record<string, unknown> = {}): StepResult {
  return step(flow, roundTrip(state), { kind: 'navigate', action, values: values as never }, stepContext());
}

const twoScreens = flowFromXml(
  variable('name', 'String', { input: true, defaultValue: str('Ada') }) +
    variable('summary', 'String', { output: true }) +
    screen(
      'First',
      `<fields><name>Intro</name><fieldText>&lt;p&gt;Hello {!name}&lt;/p&gt;</fieldText><fieldType>DisplayText</fieldType></fields>` +
        input('Full_Name', 'String', 'Name of {!name}', `<defaultValue>${ref('name')}</defaultValue><isRequired>true</isRequired><helpText>Your name</helpText>`) +
        input('Age', 'Number', 'Age', '<isRequired>false</isRequired><scale>0</scale>') +
        input('Likes_Tea', 'Boolean', 'Likes tea', '<isRequired>true</isRequired>'),
      { next: 'Second', back: false, extra: '<pausedText>See you {!name}</pausedText><nextOrFinishButtonLabel>Continue</nextOrFinishButtonLabel>' },
    ) +
    screen('Second', input('Comment', 'String', 'Comment', '<isRequired>false</isRequired>'), { next: 'Summarise' }) +
    assignment('Summarise', [['summary', 'Assign', str('{!Full_Name}/{!Age}/{!Likes_Tea}/{!Comment}')]], 'Done') +
    screen('Done', '', {}),
  { start: 'First', apiName: 'Two_Screens' },
);

describe('screen model', () => {
  it('renders labels, rich display text with escaped merge values, help text, defaults and custom labels', () => {
    const model = shown(start(twoScreens, { name: '<Ada & Co>' }, startContext()));
    expect(model.name).toBe('First');
    expect(model.label).toBe('First label');
    expect(field(model, 'Intro')).toMatchObject({ inputType: 'displayText', text: '<p>Hello &lt;Ada &amp; Co&gt;</p>', isRichText: true, label: undefined });
    expect(field(model, 'Full_Name')).toMatchObject({ inputType: 'text', label: 'Name of <Ada & Co>', value: '<Ada & Co>', required: true, helpText: 'Your name', isRichText: false });
    expect(field(model, 'Age')).toMatchObject({ inputType: 'number', value: null, required: false, scale: 0 });
    expect(field(model, 'Likes_Tea')).toMatchObject({ inputType: 'checkbox', required: false });
    expect(model.labels.next).toBe('Continue');
    expect(model.pausedText).toBe('See you <Ada & Co>');
    expect(model.errors).toEqual({});
  });

  it('offers NEXT (no BACK on the first screen), PAUSE when allowed, and FINISH on a screen without connector', async () => {
    const run = await runScript(twoScreens, { screens: [{ values: { Full_Name: 'Ada' } }, {}, {}], pauseEveryScreen: true });
    expect(run.screens.map((model) => model.actions)).toEqual([
      ['PAUSE', 'NEXT'],
      ['BACK', 'PAUSE', 'NEXT'],
      ['BACK', 'PAUSE', 'FINISH'],
    ]);
    expect(run.outputs).toEqual({ summary: 'Ada//false/' });
  });

  it('offers no PAUSE when the org setting "Let users pause flows" is off', () => {
    expect(shown(start(twoScreens, {}, { ...startContext(), allowPause: false })).actions).toEqual(['NEXT']);
    expect(shown(start(twoScreens, {}, { ...startContext(), allowPause: true })).actions).toEqual(['PAUSE', 'NEXT']);
  });

  it('hides navigation when the footer is hidden and respects allowBack/allowPause/allowFinish', () => {
    const flow = flowFromXml(screen('Only', '', { footer: false }) + screen('Other', '', { back: false, pause: false, finish: false }), { start: 'Only' });
    expect(shown(start(flow, {}, startContext())).actions).toEqual([]);
    const flow2 = flowFromXml(screen('Other', '', { back: false, pause: false, finish: false }), { start: 'Other' });
    expect(shown(start(flow2, {}, startContext())).actions).toEqual([]);
  });

  it('lays out sections and columns with the column width', () => {
    const flow = flowFromXml(
      screen(
        'Layout',
        `<fields><name>Section</name><fieldText>Details</fieldText><fieldType>RegionContainer</fieldType><regionContainerType>SectionWithHeader</regionContainerType>
          <fields><name>Left</name><fieldType>Region</fieldType><inputParameters><name>width</name><value><stringValue>4</stringValue></value></inputParameters>
            ${input('City', 'String', 'City')}</fields>
          <fields><name>Right</name><fieldType>Region</fieldType><inputParameters><name>width</name><value><stringValue>8</stringValue></value></inputParameters>
            ${input('Zip', 'String', 'Zip')}</fields>
        </fields>`,
      ),
      { start: 'Layout' },
    );
    const model = shown(start(flow, {}, startContext()));
    const section = field(model, 'Section');
    expect(section).toMatchObject({ inputType: 'section', label: 'Details' });
    expect(section.fields.map((column) => [column.name, column.inputType, column.width, column.fields.map((inner) => inner.name)])).toEqual([
      ['Left', 'column', 4, ['City']],
      ['Right', 'column', 8, ['Zip']],
    ]);
  });

  it('shows the flow stages', () => {
    const flow = flowFromXml(
      `<stages><name>Intake</name><isActive>true</isActive><label>Intake</label><stageOrder>1</stageOrder></stages>
       <stages><name>Review</name><isActive>false</isActive><label>Review</label><stageOrder>2</stageOrder></stages>` +
        assignment('Set', [['$Flow.CurrentStage', 'Assign', ref('Intake')]], 'Show') +
        screen('Show', ''),
      { start: 'Set', apiName: 'Staged' },
    );
    expect(shown(start(flow, {}, startContext())).stages).toEqual({
      current: 'Staged:Intake',
      active: ['Staged:Intake'],
      all: [
        { name: 'Staged:Intake', label: 'Intake' },
        { name: 'Staged:Review', label: 'Review' },
      ],
    });
  });
});

describe('screen submission', () => {
  it('answers field errors without advancing: required, wrong type', () => {
    const first = start(twoScreens, {}, startContext());
    const rejected = navigate(twoScreens, first.state, 'NEXT', { Full_Name: '', Age: 'old' });
    const model = shown(rejected);
    expect(model.name).toBe('First');
    expect(model.errors).toEqual({ Full_Name: 'Complete this field.', Age: 'Enter a valid value.' });
    expect(rejected.state.frames[0]?.history).toEqual([]);
    expect(rejected.state.frames[0]?.vars.Full_Name).toBeUndefined();
    const fixed = navigate(twoScreens, rejected.state, 'NEXT', { Full_Name: 'Grace', Age: '37' });
    expect(shown(fixed).name).toBe('Second');
    expect(fixed.state.frames[0]?.vars).toMatchObject({ Full_Name: 'Grace', Age: 37, Likes_Tea: false });
  });

  it('checks validation rules over the submitted values and shows their message at the field', () => {
    const flow = flowFromXml(
      screen(
        'Form',
        input('Start_Date', 'Date', 'Start') +
          input('End_Date', 'Date', 'End', `<validationRule><errorMessage>End {!End_Date} must follow start</errorMessage><formulaExpression>{!End_Date} &gt; {!Start_Date}</formulaExpression></validationRule>`),
        { next: 'After' },
      ) + screen('After', ''),
      { start: 'Form' },
    );
    const first = start(flow, {}, startContext());
    const rejected = navigate(flow, first.state, 'NEXT', { Start_Date: '2024-05-10', End_Date: '2024-05-01' });
    expect(shown(rejected).errors).toEqual({ End_Date: 'End 2024-05-01 must follow start' });
    expect(shown(navigate(flow, rejected.state, 'NEXT', { Start_Date: '2024-05-10', End_Date: '2024-05-11' })).name).toBe('After');
    expect(shown(navigate(flow, first.state, 'NEXT', { Start_Date: '2024-05-10' })).name).toBe('After');
  });

  it('evaluates visibility against the values on the same screen and skips hidden fields', () => {
    const flow = flowFromXml(
      screen(
        'Form',
        input('Has_Pet', 'Boolean', 'Pet?') +
          input('Pet_Name', 'String', 'Pet name', `<isRequired>true</isRequired><visibilityRule><conditionLogic>and</conditionLogic>${conditions([['Has_Pet', 'EqualTo', '<booleanValue>true</booleanValue>']])}</visibilityRule>`),
        { next: 'After' },
      ) + screen('After', ''),
      { start: 'Form' },
    );
    const first = start(flow, {}, startContext());
    expect(field(shown(first), 'Pet_Name').visible).toBe(false);
    const rejected = navigate(flow, first.state, 'NEXT', { Has_Pet: true });
    expect(shown(rejected).errors).toEqual({ Pet_Name: 'Complete this field.' });
    expect(field(shown(rejected), 'Pet_Name').visible).toBe(true);
    const passed = navigate(flow, first.state, 'NEXT', { Has_Pet: false, Pet_Name: 'ignored' });
    expect(shown(passed).name).toBe('After');
    expect(passed.state.frames[0]?.vars.Pet_Name).toBeUndefined();
  });

  it('does not require read-only fields and shows them as read-only', () => {
    const flow = flowFromXml(
      screen('Form', input('Locked', 'String', 'Locked', '<isRequired>true</isRequired><isReadOnly><booleanValue>true</booleanValue></isReadOnly>'), { next: 'After' }) + screen('After', ''),
      { start: 'Form' },
    );
    const first = start(flow, {}, startContext());
    expect(field(shown(first), 'Locked')).toMatchObject({ readOnly: true, disabled: false, required: false });
    expect(shown(navigate(flow, first.state, 'NEXT', {})).name).toBe('After');
  });

  it('stores radio choices with WasSelected and choice values', async () => {
    const flow = flowFromXml(
      `<choices><name>Tea</name><choiceText>Tea please</choiceText><dataType>String</dataType><value><stringValue>tea</stringValue></value></choices>
       <choices><name>Coffee</name><choiceText>Coffee</choiceText><dataType>String</dataType><value><stringValue>coffee</stringValue></value></choices>` +
        variable('verdict', 'String', { output: true }) +
        screen('Pick', `<fields><name>Drink</name><choiceReferences>Tea</choiceReferences><choiceReferences>Coffee</choiceReferences><dataType>String</dataType>
          <defaultSelectedChoiceReference>Coffee</defaultSelectedChoiceReference><fieldText>Drink</fieldText><fieldType>RadioButtons</fieldType><isRequired>true</isRequired></fields>`, { next: 'Check' }) +
        `<decisions><name>Check</name><label>Check</label>${connector('Other', 'defaultConnector')}
          <rules><name>Tea_Chosen</name><label>Tea</label><conditionLogic>and</conditionLogic>${conditions([['Tea', 'WasSelected', '<booleanValue>true</booleanValue>']])}${connector('Teatime')}</rules></decisions>` +
        assignment('Teatime', [['verdict', 'Assign', str('tea:{!Drink}')]]) +
        assignment('Other', [['verdict', 'Assign', str('other:{!Drink}')]]),
      { start: 'Pick' },
    );
    const model = shown(start(flow, {}, startContext()));
    expect(field(model, 'Drink')).toMatchObject({
      inputType: 'radio',
      value: 'coffee',
      choices: [
        { value: 'tea', label: 'Tea please', name: 'Tea' },
        { value: 'coffee', label: 'Coffee', name: 'Coffee' },
      ],
    });
    expect((await runScript(flow, { screens: [{ values: { Drink: 'tea' } }], pauseEveryScreen: true })).outputs).toEqual({ verdict: 'tea:tea' });
    expect((await runScript(flow, { screens: [{}], pauseEveryScreen: true })).outputs).toEqual({ verdict: 'other:coffee' });
    const bad = navigate(flow, start(flow, {}, startContext()).state, 'NEXT', { Drink: 'milk' });
    expect(shown(bad).errors).toEqual({ Drink: 'Select a valid choice.' });
  });

  it('stores multi-select choices as semicolon-separated text', async () => {
    const flow = flowFromXml(
      `<choices><name>Red</name><choiceText>Red</choiceText><dataType>String</dataType><value><stringValue>red</stringValue></value></choices>
       <choices><name>Blue</name><choiceText>Blue</choiceText><dataType>String</dataType><value><stringValue>blue</stringValue></value></choices>` +
        variable('picked', 'String', { output: true }) +
        screen('Pick', `<fields><name>Colours</name><choiceReferences>Red</choiceReferences><choiceReferences>Blue</choiceReferences><dataType>String</dataType>
          <fieldText>Colours</fieldText><fieldType>MultiSelectCheckboxes</fieldType><isRequired>false</isRequired></fields>`, { next: 'Keep' }) +
        assignment('Keep', [['picked', 'Assign', ref('Colours')]]),
      { start: 'Pick' },
    );
    expect((await runScript(flow, { screens: [{ values: { Colours: ['red', 'blue'] } }] })).outputs).toEqual({ picked: 'red; blue' });
  });

  it('writes ObjectProvided fields into the record they are bound to', async () => {
    const flow = flowFromXml(
      variable('acct', 'SObject', { objectType: 'Account', output: true }) +
        screen('Edit', `<fields><fieldType>ObjectProvided</fieldType><isRequired>true</isRequired><objectFieldReference>acct.Name</objectFieldReference></fields>`),
      { start: 'Edit' },
    );
    const run = await runScript(flow, { screens: [{ values: { 'acct.Name': 'Acme' } }] });
    expect(run.outputs).toEqual({ acct: { attributes: { type: 'Account' }, Name: 'Acme' } });
  });
});

describe('BACK', () => {
  it('restores the previous screen with the values entered there, and keeps the left screen values for NEXT', () => {
    const first = start(twoScreens, {}, startContext());
    const second = navigate(twoScreens, first.state, 'NEXT', { Full_Name: 'Grace', Age: 37, Likes_Tea: true });
    expect(shown(second).actions).toContain('BACK');
    const back = navigate(twoScreens, second.state, 'BACK', { Comment: 'half typed' });
    const model = shown(back);
    expect(model.name).toBe('First');
    expect([field(model, 'Full_Name').value, field(model, 'Age').value, field(model, 'Likes_Tea').value]).toEqual(['Grace', 37, true]);
    const forward = navigate(twoScreens, back.state, 'NEXT', { Full_Name: 'Grace', Age: 38, Likes_Tea: true });
    expect(field(shown(forward), 'Comment').value).toBe('half typed');
  });

  it('shows a field left blank as blank again, not its default value', () => {
    const first = start(twoScreens, {}, startContext());
    const second = navigate(twoScreens, first.state, 'NEXT', { Full_Name: 'Grace', Age: null });
    const back = shown(navigate(twoScreens, second.state, 'BACK', {}));
    expect(field(back, 'Age').value).toBeNull();
  });

  it('recomputes ResetValues fields when coming forward again, instead of showing what was typed', () => {
    const flow = flowFromXml(
      variable('base', 'String', { defaultValue: str('fresh') }) +
        screen('One', input('Name_One', 'String', 'One'), { next: 'Two' }) +
        screen('Two', input('Kept', 'String', 'Kept') + input('Reset', 'String', 'Reset', `<defaultValue>${ref('base')}</defaultValue><inputsOnNextNavToAssocScrn>ResetValues</inputsOnNextNavToAssocScrn>`), { next: 'Three' }) +
        screen('Three', ''),
      { start: 'One' },
    );
    const one = start(flow, {}, startContext());
    const two = navigate(flow, one.state, 'NEXT', { Name_One: 'x' });
    const back = navigate(flow, two.state, 'BACK', { Kept: 'typed', Reset: 'typed' });
    const again = shown(navigate(flow, back.state, 'NEXT', { Name_One: 'x' }));
    expect([field(again, 'Kept').value, field(again, 'Reset').value]).toEqual(['typed', 'fresh']);
  });

  it('is refused on the first screen', () => {
    expect(() => navigate(twoScreens, start(twoScreens, {}, startContext()).state, 'BACK')).toThrow(expect.objectContaining({ code: 'INVALID_STEP_INPUT' }));
  });
});

describe('PAUSE', () => {
  it('keeps valid values of the components Salesforce keeps and drops invalid ones, across a JSON round trip', () => {
    const flow = flowFromXml(
      screen(
        'Form',
        input('Text_In', 'String', 'Text') + input('Number_In', 'Number', 'Number', '<scale>0</scale>') + input('Money', 'Currency', 'Money', '<scale>2</scale>') + input('When', 'Date', 'When'),
        { next: 'After' },
      ) + screen('After', ''),
      { start: 'Form' },
    );
    const first = start(flow, {}, startContext());
    const paused = step(flow, roundTrip(first.state), { kind: 'pause', values: { Text_In: 'kept', Number_In: 'not a number', Money: '12.5', When: '2024-01-01' } }, stepContext());
    const resumed = step(flow, roundTrip(paused.state), { kind: 'show' }, stepContext());
    const model = shown(resumed);
    expect([field(model, 'Text_In').value, field(model, 'Number_In').value, field(model, 'Money').value, field(model, 'When').value]).toEqual(['kept', null, 12.5, null]);
    expect(resumed.awaiting).toEqual(paused.awaiting);
  });
});

describe('screen components', () => {
  const emailFlow = flowFromXml(
    variable('address', 'String', { output: true }) +
      screen(
        'Contact',
        `<fields><name>Email_Field</name><extensionName>flowruntime:email</extensionName><fieldType>ComponentInstance</fieldType>
          <inputParameters><name>label</name><value><stringValue>Your email</stringValue></value></inputParameters>
          <inputParameters><name>value</name><value><stringValue>old@example.com</stringValue></value></inputParameters>
          <inputParameters><name>required</name><value><booleanValue>true</booleanValue></value></inputParameters>
          <isRequired>true</isRequired><storeOutputAutomatically>true</storeOutputAutomatically></fields>`,
        { next: 'Keep' },
      ) +
      assignment('Keep', [['address', 'Assign', ref('Email_Field.value')]]),
    { start: 'Contact' },
  );

  it('shows a standard component with its inputs and seeded outputs', () => {
    expect(field(shown(start(emailFlow, {}, startContext())), 'Email_Field')).toMatchObject({
      inputType: 'email',
      label: 'Your email',
      extensionName: 'flowruntime:email',
      inputs: { label: 'Your email', value: 'old@example.com', required: true },
      value: { value: 'old@example.com' },
    });
  });

  it('validates a standard component and stores its outputs', async () => {
    const first = start(emailFlow, {}, startContext());
    expect(shown(navigate(emailFlow, first.state, 'NEXT', { Email_Field: { value: 'not-an-email' } })).errors).toEqual({ Email_Field: 'You have entered an invalid format.' });
    expect(shown(navigate(emailFlow, first.state, 'NEXT', { Email_Field: { value: '' } })).errors).toEqual({ Email_Field: 'Complete this field.' });
    const run = await runScript(emailFlow, { screens: [{ values: { Email_Field: { value: 'ada@example.com' } } }], pauseEveryScreen: true });
    expect(run.outputs).toEqual({ address: 'ada@example.com' });
  });

  it('uses a registered custom component, with its validation', async () => {
    const flow = flowFromXml(
      variable('stars', 'Number', { output: true, scale: 0 }) +
        screen(
          'Rate',
          `<fields><name>Rating</name><extensionName>c:starRating</extensionName><fieldType>ComponentInstance</fieldType>
            <outputParameters><assignToReference>stars</assignToReference><name>stars</name></outputParameters><isRequired>true</isRequired></fields>`,
        ),
      { start: 'Rate' },
    );
    const components = {
      'c:starRating': {
        outputs: { stars: 'Number' as const },
        validate: (outputs: Record<string, unknown>) => (typeof outputs.stars === 'number' && outputs.stars > 5 ? 'At most 5 stars.' : undefined),
      },
    };
    const first = start(flow, {}, startContext({ components }));
    expect(field(shown(first), 'Rating').inputType).toBe('component');
    const rejected = step(flow, roundTrip(first.state), { kind: 'navigate', action: 'FINISH', values: { Rating: { stars: 9 } } }, stepContext({ components }));
    expect(shown(rejected).errors).toEqual({ Rating: 'At most 5 stars.' });
    const run = await runScript(flow, { screens: [{ values: { Rating: { stars: '4' } } }], context: { components }, pauseEveryScreen: true });
    expect(run.outputs).toEqual({ stars: 4 });
  });

  it('faults with UNKNOWN_COMPONENT naming an unregistered component when the screen is reached', () => {
    const flow = flowFromXml(screen('Rate', `<fields><name>Rating</name><extensionName>c:starRating</extensionName><fieldType>ComponentInstance</fieldType><isRequired>false</isRequired></fields>`), {
      start: 'Rate',
    });
    const result = start(flow, {}, startContext());
    expect(result.awaiting).toMatchObject({ kind: 'failed', fault: { code: 'UNKNOWN_COMPONENT', element: 'Rate' } });
    expect(result.awaiting.kind === 'failed' && result.awaiting.fault.message).toContain('c:starRating');
  });
});

describe('choice sets', () => {
  const recordChoices = flowFromXml(
    variable('industry', 'String', { input: true }) +
      variable('pickedName', 'String', { output: true }) +
      variable('pickedId', 'String', { output: true }) +
      `<dynamicChoiceSets><name>Accounts</name><dataType>String</dataType><displayField>Name</displayField><object>Account</object><valueField>Id</valueField>
        <filterLogic>and</filterLogic><filters><field>Industry</field><operator>EqualTo</operator><value>${ref('industry')}</value></filters>
        <sortField>Name</sortField><sortOrder>Asc</sortOrder>
        <outputAssignments><assignToReference>pickedName</assignToReference><field>Name</field></outputAssignments></dynamicChoiceSets>` +
      screen('Pick', `<fields><name>Account_Pick</name><choiceReferences>Accounts</choiceReferences><dataType>String</dataType><fieldText>Account</fieldText><fieldType>DropdownBox</fieldType><isRequired>true</isRequired></fields>`, {
        next: 'Keep',
      }) +
      assignment('Keep', [['pickedId', 'Assign', ref('Account_Pick')]]),
    { start: 'Pick' },
  );

  it('fetches record choices with a recordQuery request made by the screen, then shows them', () => {
    const first = start(recordChoices, { industry: 'Energy' }, startContext());
    expect(first.awaiting).toEqual({
      kind: 'request',
      element: 'Pick',
      request: {
        kind: 'recordQuery',
        object: 'Account',
        filters: [{ field: 'Industry', operator: 'EqualTo', value: 'Energy' }],
        logic: { op: 'and', children: [{ op: 'condition', index: 0 }] },
        fields: ['Id', 'Name'],
        sort: { field: 'Name', order: 'Asc' },
        limit: undefined,
      },
    });
    const records = [
      { attributes: { type: 'Account' }, Id: '001A', Name: 'Acme' },
      { attributes: { type: 'Account' }, Id: '001B', Name: 'Globex' },
    ];
    const answered = step(recordChoices, roundTrip(first.state), { kind: 'requestResult', result: { kind: 'records', records } }, stepContext());
    expect(field(shown(answered), 'Account_Pick').choices).toEqual([
      { value: '001A', label: 'Acme', name: undefined },
      { value: '001B', label: 'Globex', name: undefined },
    ]);
    expect(shown(step(recordChoices, roundTrip(answered.state), { kind: 'show' }, stepContext()))).toEqual(shown(answered));
  });

  it('stores the selected record value and its output assignments', async () => {
    const records = new MemoryRecords();
    records.insert('Account', { Name: 'Globex', Industry: 'Energy' });
    const acme = records.insert('Account', { Name: 'Acme', Industry: 'Energy' });
    records.insert('Account', { Name: 'Initech', Industry: 'Software' });
    const run = await runScript(recordChoices, { inputs: { industry: 'Energy' }, records, screens: [{ values: { Account_Pick: acme } }], pauseEveryScreen: true });
    expect(run.screens[0]?.fields[0]?.choices.map((choice) => choice.label)).toEqual(['Acme', 'Globex']);
    expect(run.outputs).toEqual({ pickedName: 'Acme', pickedId: acme });
    expect(run.state.frames[0]?.choices).toBeUndefined();
  });

  it('offers picklist values from the context, and faults with UNKNOWN_PICKLIST without them', () => {
    const flow = flowFromXml(
      `<dynamicChoiceSets><name>Industries</name><dataType>Picklist</dataType><displayField xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/><object xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
        <picklistField>Industry</picklistField><picklistObject>Account</picklistObject></dynamicChoiceSets>` +
        screen('Pick', `<fields><name>Industry_Pick</name><choiceReferences>Industries</choiceReferences><dataType>String</dataType><fieldText>Industry</fieldText><fieldType>DropdownBox</fieldType><isRequired>false</isRequired></fields>`),
      { start: 'Pick' },
    );
    const picklists = { 'Account.Industry': [{ value: 'Energy', label: 'Energy' }, { value: 'Media', label: 'Media & Arts' }] };
    expect(field(shown(start(flow, {}, startContext({ picklists }))), 'Industry_Pick').choices).toEqual([
      { value: 'Energy', label: 'Energy', name: undefined },
      { value: 'Media', label: 'Media & Arts', name: undefined },
    ]);
    expect(start(flow, {}, startContext()).awaiting).toMatchObject({ kind: 'failed', fault: { code: 'UNKNOWN_PICKLIST' } });
  });
});

