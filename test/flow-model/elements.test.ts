import { describe, expect, it } from 'vitest';
import { element } from './flow-xml.js';

const loc = '<locationX>0</locationX><locationY>0</locationY>';

describe('element parsers', () => {
  it('parses an assignment with every value kind, in order', () => {
    const parsed = element(
      `<assignments><name>Set</name><label>Set values</label>${loc}
        <assignmentItems><assignToReference>s</assignToReference><operator>Assign</operator><value><stringValue>plain</stringValue></value></assignmentItems>
        <assignmentItems><assignToReference>s</assignToReference><operator>Add</operator><value><stringValue>Hi {!name}</stringValue></value></assignmentItems>
        <assignmentItems><assignToReference>n</assignToReference><operator>Subtract</operator><value><numberValue>2.5</numberValue></value></assignmentItems>
        <assignmentItems><assignToReference>b</assignToReference><operator>Assign</operator><value><booleanValue>true</booleanValue></value></assignmentItems>
        <assignmentItems><assignToReference>d</assignToReference><operator>Assign</operator><value><dateValue>2024-02-29</dateValue></value></assignmentItems>
        <assignmentItems><assignToReference>dt</assignToReference><operator>Assign</operator><value><dateTimeValue>2024-02-29T10:00:00.000Z</dateTimeValue></value></assignmentItems>
        <assignmentItems><assignToReference>rec.Name</assignToReference><operator>Assign</operator><value><elementReference>$Record.Account.Name</elementReference></value></assignmentItems>
        <assignmentItems><assignToReference>list</assignToReference><operator>RemoveAll</operator><value/></assignmentItems>
        <assignmentItems><assignToReference>count</assignToReference><operator>AssignCount</operator><value><elementReference>list</elementReference></value></assignmentItems>
        <connector><targetReference>Next</targetReference><isGoTo>true</isGoTo></connector>
      </assignments>`,
      'Set',
      'assignment',
    );
    expect(parsed.label).toBe('Set values');
    expect(parsed.connector).toEqual({ target: 'Next', isGoTo: true });
    expect(parsed.items.map((item) => [item.target.text, item.operator, item.value])).toEqual([
      ['s', 'Assign', { kind: 'string', value: 'plain' }],
      ['s', 'Add', { kind: 'template', template: { text: 'Hi {!name}', parts: ['Hi ', { root: 'name', path: [], text: 'name' }] } }],
      ['n', 'Subtract', { kind: 'number', value: 2.5 }],
      ['b', 'Assign', { kind: 'boolean', value: true }],
      ['d', 'Assign', { kind: 'date', value: '2024-02-29' }],
      ['dt', 'Assign', { kind: 'dateTime', value: '2024-02-29T10:00:00.000Z' }],
      ['rec.Name', 'Assign', { kind: 'reference', ref: { root: '$Record', path: ['Account', 'Name'], text: '$Record.Account.Name' } }],
      ['list', 'RemoveAll', { kind: 'null' }],
      ['count', 'AssignCount', { kind: 'reference', ref: { root: 'list', path: [], text: 'list' } }],
    ]);
  });

  it('parses a decision with outcomes, custom logic and a default connector', () => {
    const parsed = element(
      `<decisions><name>Check</name><label>Check</label>${loc}
        <defaultConnector><targetReference>Otherwise</targetReference></defaultConnector>
        <defaultConnectorLabel>Default Outcome</defaultConnectorLabel>
        <rules><name>Big</name><conditionLogic>1 AND (2 OR NOT 3)</conditionLogic>
          <conditions><leftValueReference>amount</leftValueReference><operator>GreaterThan</operator><rightValue><numberValue>100</numberValue></rightValue></conditions>
          <conditions><leftValueReference>rec.Type</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>A</stringValue></rightValue></conditions>
          <conditions><leftValueReference>rec.Id</leftValueReference><operator>IsNull</operator><rightValue><booleanValue>true</booleanValue></rightValue></conditions>
          <connector><targetReference>Handle_Big</targetReference></connector>
          <doesRequireRecordChangedToMeetCriteria>true</doesRequireRecordChangedToMeetCriteria>
          <label>Big one</label></rules>
        <rules><name>Small</name><conditionLogic>or</conditionLogic>
          <conditions><leftValueReference>amount</leftValueReference><operator>LessThan</operator><rightValue><numberValue>10</numberValue></rightValue></conditions>
          <label>Small</label></rules>
      </decisions>`,
      'Check',
      'decision',
    );
    expect(parsed.defaultConnector).toEqual({ target: 'Otherwise', isGoTo: false });
    expect(parsed.defaultLabel).toBe('Default Outcome');
    expect(parsed.outcomes.map((outcome) => outcome.name)).toEqual(['Big', 'Small']);
    const big = parsed.outcomes[0];
    expect(big?.label).toBe('Big one');
    expect(big?.requireChange).toBe(true);
    expect(big?.connector).toEqual({ target: 'Handle_Big', isGoTo: false });
    expect(big?.conditions.logicText).toBe('1 AND (2 OR NOT 3)');
    expect(big?.conditions.logic).toEqual({
      op: 'and',
      children: [{ op: 'condition', index: 0 }, { op: 'or', children: [{ op: 'condition', index: 1 }, { op: 'not', child: { op: 'condition', index: 2 } }] }],
    });
    expect(big?.conditions.conditions[0]).toEqual({ left: { root: 'amount', path: [], text: 'amount' }, operator: 'GreaterThan', right: { kind: 'number', value: 100 } });
    expect(parsed.outcomes[1]?.conditions.logic).toEqual({ op: 'or', children: [{ op: 'condition', index: 0 }] });
    expect(parsed.outcomes[1]?.connector).toBeUndefined();
  });

  it('parses a loop, ascending by default, with the legacy loop variable', () => {
    const parsed = element(
      `<loops><name>Each</name><label>Each</label>${loc}<assignNextValueToReference>item</assignNextValueToReference><collectionReference>items</collectionReference>
        <nextValueConnector><targetReference>Body</targetReference></nextValueConnector><noMoreValuesConnector><targetReference>After</targetReference></noMoreValuesConnector></loops>`,
      'Each',
      'loop',
    );
    expect(parsed).toMatchObject({
      collection: { root: 'items' },
      assignNextValueTo: { root: 'item' },
      order: 'Asc',
      nextValueConnector: { target: 'Body' },
      noMoreValuesConnector: { target: 'After' },
    });
    expect(element(`<loops><name>D</name><label>D</label><collectionReference>items</collectionReference><iterationOrder>Desc</iterationOrder></loops>`, 'D', 'loop').order).toBe('Desc');
  });

  it('parses a screen: navigation, nested sections, choices, visibility, validation, components and record fields', () => {
    const parsed = element(
      `<screens><name>Ask</name><label>Ask</label>${loc}
        <allowBack>false</allowBack><allowFinish>true</allowFinish><allowPause>true</allowPause>
        <backButtonLabel>Previous</backButtonLabel><nextOrFinishButtonLabel>Go</nextOrFinishButtonLabel><pauseButtonLabel>Later</pauseButtonLabel>
        <pausedText>Paused {!name}</pausedText><helpText>Help</helpText>
        <fields><name>Intro</name><fieldText>&lt;p&gt;Hello {!name}&lt;/p&gt;</fieldText><fieldType>DisplayText</fieldType></fields>
        <fields><name>Section</name><fieldType>RegionContainer</fieldType><regionContainerType>SectionWithHeader</regionContainerType><fieldText>Details</fieldText>
          <fields><name>Column</name><fieldType>Region</fieldType>
            <inputParameters><name>width</name><value><stringValue>6</stringValue></value></inputParameters>
            <fields><name>Amount</name><dataType>Currency</dataType><defaultValue><numberValue>5</numberValue></defaultValue><fieldText>Amount</fieldText><fieldType>InputField</fieldType><isRequired>true</isRequired><scale>2</scale>
              <helpText>How much</helpText>
              <validationRule><errorMessage>Too big for {!name}</errorMessage><formulaExpression>{!Amount} &lt; 100</formulaExpression></validationRule>
              <visibilityRule><conditionLogic>and</conditionLogic><conditions><leftValueReference>Pick</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>yes</stringValue></rightValue></conditions></visibilityRule>
              <inputsOnNextNavToAssocScrn>ResetValues</inputsOnNextNavToAssocScrn>
            </fields>
          </fields>
        </fields>
        <fields><name>Pick</name><choiceReferences>Yes</choiceReferences><choiceReferences>No</choiceReferences><dataType>String</dataType><defaultSelectedChoiceReference>Yes</defaultSelectedChoiceReference><fieldText>Pick one</fieldText><fieldType>RadioButtons</fieldType><isRequired>false</isRequired></fields>
        <fields><name>Email</name><extensionName>flowruntime:email</extensionName><fieldType>ComponentInstance</fieldType>
          <inputParameters><name>label</name><value><stringValue>Email</stringValue></value></inputParameters>
          <outputParameters><assignToReference>emailVar</assignToReference><name>value</name></outputParameters>
          <isRequired>true</isRequired><storeOutputAutomatically>true</storeOutputAutomatically>
          <dataTypeMappings><typeName>T</typeName><typeValue>Account</typeValue></dataTypeMappings>
          <isReadOnly><booleanValue>true</booleanValue></isReadOnly><isDisabled><elementReference>locked</elementReference></isDisabled>
        </fields>
        <fields><fieldType>ObjectProvided</fieldType><isRequired>false</isRequired><objectFieldReference>acct.Name</objectFieldReference></fields>
        <showFooter>false</showFooter><showHeader>true</showHeader>
        <connector><targetReference>Next</targetReference></connector>
      </screens>`,
      'Ask',
      'screen',
    );
    expect(parsed).toMatchObject({ allowBack: false, allowFinish: true, allowPause: true, showFooter: false, showHeader: true, backButtonLabel: 'Previous', nextOrFinishButtonLabel: 'Go', pauseButtonLabel: 'Later' });
    expect(parsed.pausedText?.parts).toEqual(['Paused ', { root: 'name', path: [], text: 'name' }]);
    const [intro, section, pick, email, record] = parsed.fields;
    expect(intro).toMatchObject({ fieldType: 'DisplayText', label: undefined, text: { text: '<p>Hello {!name}</p>' } });
    expect(section).toMatchObject({ fieldType: 'RegionContainer', regionContainerType: 'SectionWithHeader', label: { text: 'Details' } });
    const column = section?.fields[0];
    expect(column?.inputParameters).toEqual([{ name: 'width', value: { kind: 'string', value: '6' } }]);
    const amount = column?.fields[0];
    expect(amount).toMatchObject({
      name: 'Amount',
      dataType: 'Currency',
      required: true,
      scale: 2,
      defaultValue: { kind: 'number', value: 5 },
      helpText: { text: 'How much' },
      validationRule: { formula: '{!Amount} < 100', errorMessage: { text: 'Too big for {!name}' } },
      visibility: { logicText: 'and', conditions: [{ left: { root: 'Pick' }, operator: 'EqualTo', right: { kind: 'string', value: 'yes' } }] },
      revisitBehaviour: 'ResetValues',
    });
    expect(pick).toMatchObject({ fieldType: 'RadioButtons', choices: ['Yes', 'No'], defaultChoice: 'Yes', required: false, revisitBehaviour: 'UseStoredValues' });
    expect(email).toMatchObject({
      fieldType: 'ComponentInstance',
      extensionName: 'flowruntime:email',
      storeOutputAutomatically: true,
      outputParameters: [{ name: 'value', target: { root: 'emailVar' } }],
      dataTypeMappings: [{ typeName: 'T', typeValue: 'Account' }],
      readOnly: { kind: 'boolean', value: true },
      disabled: { kind: 'reference', ref: { root: 'locked' } },
    });
    expect(record).toMatchObject({ name: 'acct.Name', fieldType: 'ObjectProvided', objectFieldReference: { root: 'acct', path: ['Name'] } });
  });

  it('parses screen actions and their triggers', () => {
    const parsed = element(
      `<screens><name>S</name><label>S</label>
        <actions><name>Search</name><actionName>Search_Flow</actionName><actionType>flow</actionType>
          <inputParameters><name>keyword</name><value><elementReference>kw</elementReference></value></inputParameters><label>Search</label></actions>
        <triggers><eventName>flow__screenfieldclick</eventName><eventSource>btn</eventSource><handlers><screenActionName>Search</screenActionName></handlers></triggers>
      </screens>`,
      'S',
      'screen',
    );
    expect(parsed.actions).toEqual([{ name: 'Search', label: 'Search', actionType: 'flow', actionName: 'Search_Flow', inputParameters: [{ name: 'keyword', value: { kind: 'reference', ref: { root: 'kw', path: [], text: 'kw' } } }] }]);
    expect(parsed.triggers).toEqual([{ eventName: 'flow__screenfieldclick', eventSource: 'btn', actionNames: ['Search'] }]);
  });

  it('parses a record lookup with filters, sort, limit and both output styles', () => {
    const parsed = element(
      `<recordLookups><name>Get</name><label>Get</label>${loc}
        <assignNullValuesIfNoRecordsFound>true</assignNullValuesIfNoRecordsFound>
        <connector><targetReference>Next</targetReference></connector>
        <faultConnector><isGoTo>true</isGoTo><targetReference>Oops</targetReference></faultConnector>
        <filterLogic>(1 OR 2) AND 3</filterLogic>
        <filters><field>Name</field><operator>Contains</operator><value><elementReference>q</elementReference></value></filters>
        <filters><field>Type</field><operator>In</operator><value><elementReference>types</elementReference></value></filters>
        <filters><field>IsDeleted</field><operator>EqualTo</operator><value><booleanValue>false</booleanValue></value></filters>
        <getFirstRecordOnly>true</getFirstRecordOnly><object>Account</object>
        <outputAssignments><assignToReference>acctId</assignToReference><field>Id</field></outputAssignments>
        <queriedFields>Id</queriedFields><queriedFields>Name</queriedFields>
        <sortField>CreatedDate</sortField><sortOrder>Desc</sortOrder><limit>5</limit>
        <storeOutputAutomatically>true</storeOutputAutomatically>
      </recordLookups>`,
      'Get',
      'recordLookup',
    );
    expect(parsed).toMatchObject({
      object: 'Account',
      getFirstRecordOnly: true,
      storeOutputAutomatically: true,
      assignNullValuesIfNoRecordsFound: true,
      filterLogicText: '(1 OR 2) AND 3',
      filterLogic: { op: 'and', children: [{ op: 'or' }, { op: 'condition', index: 2 }] },
      outputAssignments: [{ field: 'Id', target: { root: 'acctId' } }],
      queriedFields: ['Id', 'Name'],
      sortField: 'CreatedDate',
      sortOrder: 'Desc',
      limit: 5,
      connector: { target: 'Next', isGoTo: false },
      faultConnector: { target: 'Oops', isGoTo: true },
      outputReference: undefined,
    });
    expect(parsed.filters.map((filter) => filter.operator)).toEqual(['Contains', 'In', 'EqualTo']);
  });

  it('defaults a record lookup without filter logic to and', () => {
    const parsed = element(
      `<recordLookups><name>G</name><label>G</label><object>Case</object><outputReference>cases</outputReference>
        <filters><field>Status</field><operator>EqualTo</operator><value><stringValue>New</stringValue></value></filters>
        <filters><field>Origin</field><operator>EqualTo</operator><value><stringValue>Web</stringValue></value></filters></recordLookups>`,
      'G',
      'recordLookup',
    );
    expect(parsed.filterLogicText).toBe('and');
    expect(parsed.filterLogic).toEqual({ op: 'and', children: [{ op: 'condition', index: 0 }, { op: 'condition', index: 1 }] });
    expect(parsed.outputReference).toEqual({ root: 'cases', path: [], text: 'cases' });
  });

  it('parses record creates from a record variable and from field values', () => {
    const fromVariable = element(`<recordCreates><name>C1</name><label>C1</label><inputReference>newAccounts</inputReference></recordCreates>`, 'C1', 'recordCreate');
    expect(fromVariable).toMatchObject({ inputReference: { root: 'newAccounts' }, object: undefined, inputAssignments: [] });
    const fromFields = element(
      `<recordCreates><name>C2</name><label>C2</label><assignRecordIdToReference>newId</assignRecordIdToReference>
        <inputAssignments><field>Name</field><value><stringValue>Acme {!suffix}</stringValue></value></inputAssignments>
        <object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically></recordCreates>`,
      'C2',
      'recordCreate',
    );
    expect(fromFields).toMatchObject({ object: 'Account', inputReference: undefined, assignRecordIdToReference: { root: 'newId' }, storeOutputAutomatically: true });
    expect(fromFields.inputAssignments[0]).toMatchObject({ field: 'Name', value: { kind: 'template' } });
  });

  it('parses record updates of a record variable and of filtered rows', () => {
    expect(element(`<recordUpdates><name>U1</name><label>U1</label><inputReference>acct</inputReference></recordUpdates>`, 'U1', 'recordUpdate')).toMatchObject({ inputReference: { root: 'acct' }, object: undefined, filters: [] });
    const filtered = element(
      `<recordUpdates><name>U2</name><label>U2</label><filterLogic>and</filterLogic>
        <filters><field>Id</field><operator>EqualTo</operator><value><elementReference>recordId</elementReference></value></filters>
        <inputAssignments><field>Status</field><value><stringValue>Closed</stringValue></value></inputAssignments>
        <object>Case</object></recordUpdates>`,
      'U2',
      'recordUpdate',
    );
    expect(filtered).toMatchObject({ object: 'Case', filters: [{ field: 'Id', operator: 'EqualTo' }], inputAssignments: [{ field: 'Status', value: { kind: 'string', value: 'Closed' } }] });
  });

  it('parses record deletes of a record variable and of filtered rows', () => {
    expect(element(`<recordDeletes><name>D1</name><label>D1</label><inputReference>old</inputReference></recordDeletes>`, 'D1', 'recordDelete')).toMatchObject({ inputReference: { root: 'old' } });
    expect(
      element(`<recordDeletes><name>D2</name><label>D2</label><filters><field>Name</field><operator>EndsWith</operator><value><stringValue>tmp</stringValue></value></filters><object>Account</object></recordDeletes>`, 'D2', 'recordDelete'),
    ).toMatchObject({ object: 'Account', filters: [{ operator: 'EndsWith', value: { kind: 'string', value: 'tmp' } }] });
  });

  it('parses a subflow with inputs and outputs', () => {
    const parsed = element(
      `<subflows><name>Sub</name><label>Sub</label><flowName>Child_Flow</flowName>
        <inputAssignments><name>recordId</name><value><elementReference>recordId</elementReference></value></inputAssignments>
        <outputAssignments><assignToReference>result</assignToReference><name>output</name></outputAssignments>
        <faultConnector><targetReference>Oops</targetReference></faultConnector></subflows>`,
      'Sub',
      'subflow',
    );
    expect(parsed).toMatchObject({
      flowName: 'Child_Flow',
      inputAssignments: [{ name: 'recordId', value: { kind: 'reference', ref: { root: 'recordId' } } }],
      outputAssignments: [{ name: 'output', target: { root: 'result' } }],
      storeOutputAutomatically: false,
      faultConnector: { target: 'Oops' },
    });
  });

  it('parses an action call with its type, parameters and transaction model', () => {
    const parsed = element(
      `<actionCalls><name>Send</name><label>Send</label><actionName>emailSimple</actionName><actionType>emailSimple</actionType>
        <flowTransactionModel>CurrentTransaction</flowTransactionModel>
        <inputParameters><name>emailBody</name><value><elementReference>body</elementReference></value></inputParameters>
        <inputParameters><name>serviceChannelId</name><value><setupReference>Cases</setupReference><setupReferenceType>ServiceChannel</setupReferenceType></value></inputParameters>
        <outputParameters><assignToReference>ok</assignToReference><name>isSuccess</name></outputParameters>
        <dataTypeMappings><typeName>T__record</typeName><typeValue>Account</typeValue></dataTypeMappings>
      </actionCalls>`,
      'Send',
      'actionCall',
    );
    expect(parsed).toMatchObject({
      actionType: 'emailSimple',
      actionName: 'emailSimple',
      transactionModel: 'CurrentTransaction',
      inputParameters: [
        { name: 'emailBody', value: { kind: 'reference' } },
        { name: 'serviceChannelId', value: { kind: 'string', value: 'Cases' } },
      ],
      outputParameters: [{ name: 'isSuccess', target: { root: 'ok' } }],
      dataTypeMappings: [{ typeName: 'T__record', typeValue: 'Account' }],
    });
  });

  it('parses sort and filter collection processors', () => {
    const sort = element(
      `<collectionProcessors><name>Sort</name><elementSubtype>SortCollectionProcessor</elementSubtype><label>Sort</label><collectionProcessorType>SortCollectionProcessor</collectionProcessorType><collectionReference>items</collectionReference><limit>7</limit>
        <sortOptions><doesPutEmptyStringAndNullFirst>true</doesPutEmptyStringAndNullFirst><sortField>Name</sortField><sortOrder>Desc</sortOrder></sortOptions></collectionProcessors>`,
      'Sort',
      'collectionProcessor',
    );
    expect(sort).toMatchObject({ processorType: 'SortCollectionProcessor', collection: { root: 'items' }, limit: 7, sortOptions: [{ field: 'Name', order: 'Desc', doesPutEmptyStringAndNullFirst: true }], conditions: undefined });
    const filter = element(
      `<collectionProcessors><name>Filter</name><label>Filter</label><assignNextValueToReference>currentItem_Filter</assignNextValueToReference><collectionProcessorType>FilterCollectionProcessor</collectionProcessorType><collectionReference>items</collectionReference><conditionLogic>or</conditionLogic>
        <conditions><leftValueReference>currentItem_Filter.Type__c</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>A</stringValue></rightValue></conditions></collectionProcessors>`,
      'Filter',
      'collectionProcessor',
    );
    expect(filter).toMatchObject({ processorType: 'FilterCollectionProcessor', assignNextValueToReference: { root: 'currentItem_Filter' }, conditions: { logicText: 'or', conditions: [{ left: { root: 'currentItem_Filter', path: ['Type__c'] } }] } });
  });

  it('parses a custom error with record-level and field-level messages', () => {
    const parsed = element(
      `<customErrors><name>Err</name><label>Err</label>
        <customErrorMessages><errorMessage>Close date {!$Record.CloseDate} is past</errorMessage><fieldSelection>CloseDate</fieldSelection><isFieldError>true</isFieldError></customErrorMessages>
        <customErrorMessages><errorMessage>Not allowed</errorMessage><isFieldError>false</isFieldError></customErrorMessages></customErrors>`,
      'Err',
      'customError',
    );
    expect(parsed.messages).toMatchObject([
      { fieldSelection: 'CloseDate', isFieldError: true, message: { parts: ['Close date ', { root: '$Record' }, ' is past'] } },
      { fieldSelection: undefined, isFieldError: false, message: { text: 'Not allowed' } },
    ]);
  });

  it('parses a wait with an alarm event and its input parameters', () => {
    const parsed = element(
      `<waits><name>Wait</name><label>Wait</label><defaultConnectorLabel>Default Path</defaultConnectorLabel>
        <waitEvents><name>Three_Days</name><conditionLogic>and</conditionLogic><connector><targetReference>After</targetReference></connector><eventType>AlarmEvent</eventType>
          <inputParameters><name>AlarmTime</name><value><elementReference>$Flow.InterviewStartTime</elementReference></value></inputParameters>
          <inputParameters><name>TimeOffset</name><value><numberValue>3.0</numberValue></value></inputParameters>
          <inputParameters><name>TimeOffsetUnit</name><value><stringValue>Days</stringValue></value></inputParameters>
          <label>Three days</label></waitEvents></waits>`,
      'Wait',
      'wait',
    );
    expect(parsed).toMatchObject({ defaultLabel: 'Default Path', defaultConnector: undefined });
    expect(parsed.events).toMatchObject([
      {
        name: 'Three_Days',
        label: 'Three days',
        eventType: 'AlarmEvent',
        conditions: undefined,
        connector: { target: 'After' },
        inputParameters: [
          { name: 'AlarmTime', value: { kind: 'reference', ref: { root: '$Flow', path: ['InterviewStartTime'] } } },
          { name: 'TimeOffset', value: { kind: 'number', value: 3 } },
          { name: 'TimeOffsetUnit', value: { kind: 'string', value: 'Days' } },
        ],
      },
    ]);
  });

  it('parses a transform, including per-item references and formula values', () => {
    const parsed = element(
      `<transforms><name>Map</name><label>Map</label><dataType>SObject</dataType><isCollection>true</isCollection><objectType>Lead</objectType><scale>0</scale><storeOutputAutomatically>true</storeOutputAutomatically>
        <transformValues><transformValueActions><outputFieldApiName>Phone</outputFieldApiName><transformType>Map</transformType><value><elementReference>contacts[$EachItem].Phone</elementReference></value></transformValueActions>
        <transformValueActions><outputFieldApiName>Company</outputFieldApiName><transformType>Map</transformType><value><formulaDataType>String</formulaDataType><formulaExpression>UPPER({!name})</formulaExpression></value></transformValueActions></transformValues></transforms>`,
      'Map',
      'transform',
    );
    expect(parsed).toMatchObject({ dataType: 'SObject', isCollection: true, objectType: 'Lead', storeOutputAutomatically: true });
    expect(parsed.values).toEqual([
      { outputFieldApiName: 'Phone', transformType: 'Map', value: { kind: 'reference', ref: { root: 'contacts', path: ['[$EachItem]', 'Phone'], text: 'contacts[$EachItem].Phone' } } },
      { outputFieldApiName: 'Company', transformType: 'Map', value: { kind: 'formula', expression: 'UPPER({!name})' } },
    ]);
  });

  it('parses orchestrated stages: steps, assignees, entry conditions, entry and exit actions', () => {
    const parsed = element(
      `<orchestratedStages><name>Stage_1</name><label>Stage 1</label><connector><targetReference>Stage_2</targetReference></connector>
        <exitActionInputParameters><name>done</name><value><elementReference>Step_A.Outputs.done</elementReference></value></exitActionInputParameters>
        <exitActionName>Evaluate</exitActionName><exitActionType>evaluationFlow</exitActionType><exitConditionLogic>and</exitConditionLogic>
        <stageSteps><name>Step_A</name><actionName>Screen_Flow</actionName><actionType>stepInteractive</actionType>
          <assignees><assignee><elementReference>$Record.OwnerId</elementReference></assignee><assigneeType>User</assigneeType></assignees>
          <entryConditionLogic>and</entryConditionLogic>
          <inputParameters><name>ActionInput__RecordId</name><value><elementReference>$Record.Id</elementReference></value></inputParameters>
          <inputParameters><name>ActionInput__Assignee</name></inputParameters>
          <label>Step A</label><requiresAsyncProcessing>false</requiresAsyncProcessing></stageSteps>
        <stageSteps><name>Step_B</name><actionName>Background_Flow</actionName><actionType>stepBackground</actionType>
          <entryActionInputParameters><name>x</name><value><elementReference>Step_A.Outputs.x</elementReference></value></entryActionInputParameters>
          <entryActionName>Gate</entryActionName><entryActionType>flow</entryActionType><entryConditionLogic>and</entryConditionLogic>
          <entryConditions><leftValueReference>Step_A.Status</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>Completed</stringValue></rightValue></entryConditions>
          <label>Step B</label><requiresAsyncProcessing>true</requiresAsyncProcessing></stageSteps>
      </orchestratedStages>`,
      'Stage_1',
      'orchestratedStage',
    );
    expect(parsed).toMatchObject({ exitActionName: 'Evaluate', exitActionType: 'evaluationFlow', exitActionInputParameters: [{ name: 'done' }], connector: { target: 'Stage_2' }, exitConditions: undefined });
    expect(parsed.steps).toMatchObject([
      { name: 'Step_A', stepType: 'InteractiveStep', actionName: 'Screen_Flow', actionType: 'stepInteractive', assignees: [{ type: 'User', assignee: { kind: 'reference' } }], inputParameters: [{ name: 'ActionInput__RecordId' }, { name: 'ActionInput__Assignee', value: { kind: 'null' } }], requiresAsyncProcessing: false, entryConditions: undefined },
      { name: 'Step_B', stepType: 'BackgroundStep', entryActionName: 'Gate', entryActionType: 'flow', entryActionInputParameters: [{ name: 'x' }], requiresAsyncProcessing: true, entryConditions: { conditions: [{ left: { root: 'Step_A', path: ['Status'] } }] } },
    ]);
  });

  it('parses the older AppProcess stepped stages into the same model', () => {
    const parsed = element(
      `<steppedStages><name>Old_Stage</name><label>Old</label>
        <exitCriteria><leftValueReference>Old_Step</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>Completed</stringValue></rightValue></exitCriteria><exitCriteriaLogic>and</exitCriteriaLogic>
        <steps><name>Old_Step</name><actionName>Work</actionName><actionType>createWorkItem</actionType><entryCriteriaLogic>and</entryCriteriaLogic><label>Old step</label></steps>
      </steppedStages>`,
      'Old_Stage',
      'orchestratedStage',
    );
    expect(parsed).toMatchObject({ exitConditions: { conditions: [{ left: { root: 'Old_Step' } }] }, steps: [{ name: 'Old_Step', stepType: 'InteractiveStep', actionType: 'createWorkItem' }] });
  });
});
