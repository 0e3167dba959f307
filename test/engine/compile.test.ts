import { describe, expect, it } from 'vitest';
import { start } from '../../src/engine/index.js';
import { startContext } from './support/context.js';
import { assignment, flowFromXml, ref, variable } from './support/flow-xml.js';

describe('compileFlow', () => {
  const flow = flowFromXml(
    variable('Total', 'Number', { input: true, output: true, scale: 0 }) +
      `<formulas><name>Doubled</name><dataType>Number</dataType><expression>{!total} * 2</expression><scale>0</scale></formulas>` +
      `<screens><name>Show_It</name><label>Show</label><allowBack>true</allowBack><allowFinish>true</allowFinish><allowPause>true</allowPause><showFooter>true</showFooter><showHeader>true</showHeader>
        <fields><name>Section</name><fieldType>RegionContainer</fieldType><fields><name>Column</name><fieldType>Region</fieldType>
          <fields><name>Deep_Field</name><dataType>String</dataType><fieldText>Deep</fieldText><fieldType>InputField</fieldType><isRequired>false</isRequired></fields></fields></fields></screens>` +
      assignment('Double_It', [['total', 'Assign', ref('DOUBLED')]], 'show_it'),
    { start: 'double_it' },
  );

  it('indexes elements, resources and nested screen fields case-insensitively', () => {
    expect(flow.element('DOUBLE_IT')?.name).toBe('Double_It');
    expect(flow.resource('total')?.name).toBe('Total');
    expect(flow.screenField('deep_field')).toMatchObject({ screen: { name: 'Show_It' }, field: { name: 'Deep_Field' } });
    expect(flow.hasScreens).toBe(true);
    expect(flow.inputVariables.map((variable) => variable.name)).toEqual(['Total']);
  });

  it('runs with references and connectors spelled in another case', () => {
    const result = start(flow, { TOTAL: 21 }, startContext());
    expect(result.awaiting.kind).toBe('screen');
    expect(result.state.frames[0]?.vars).toEqual({ Total: 42 });
  });

  it('compiles a formula once and reuses it', () => {
    const resource = flow.resource('Doubled');
    if (resource?.kind !== 'formula') throw new Error('no formula');
    expect(flow.formulaOf(resource)).toBe(flow.formulaOf(resource));
  });

  it('reports a formula that does not compile as FORMULA_ERROR when it is used', () => {
    const broken = flowFromXml(
      variable('out', 'Number', { output: true }) +
        `<formulas><name>Broken</name><dataType>Number</dataType><expression>1 +</expression></formulas>` +
        assignment('Use', [['out', 'Assign', ref('Broken')]]),
      { start: 'Use' },
    );
    expect(start(broken, {}, startContext()).awaiting).toMatchObject({ kind: 'failed', fault: { code: 'FORMULA_ERROR', element: 'Use' } });
  });
});
