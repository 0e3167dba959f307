/**
 * Every formula of the real flows in ../shared/flows either compiles or uses a function Eddy lists
 * as unsupported, and evaluates without crashing whatever its inputs are.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { FlowFault } from '../../../src/engine/fault.js';
import { compileFormula } from '../../../src/engine/formulas/formula.js';
import type { FlowValue } from '../../../src/engine/protocol.js';
import { UNSUPPORTED_FORMULA_FUNCTIONS, formulaFunctions } from '../../../src/flow-model/formula-syntax.js';
import type { FlowDataType } from '../../../src/flow-model/model.js';
import { describeWithShared, SHARED_FLOWS as FLOWS } from '../../support/shared-folder.js';
import { NOW, v } from './formula-helpers.js';

interface FoundFormula {
  readonly file: string;
  readonly expression: string;
  readonly dataType: FlowDataType;
}

function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function flowFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return flowFiles(path);
    return /\.flow(-meta\.xml)?$/.test(entry.name) ? [path] : [];
  });
}

const DATA_TYPES = new Set<string>(['String', 'Number', 'Currency', 'Boolean', 'Date', 'DateTime', 'Time', 'Picklist', 'Multipicklist']);

function findFormulas(): FoundFormula[] {
  const found: FoundFormula[] = [];
  for (const path of flowFiles(FLOWS)) {
    const xml = readFileSync(path, 'utf8');
    const file = relative(FLOWS, path);
    for (const match of xml.matchAll(/<formulas>([\s\S]*?)<\/formulas>/g)) {
      const body = match[1] ?? '';
      const expression = /<expression>([\s\S]*?)<\/expression>/.exec(body)?.[1];
      const dataType = /<dataType>(\w+)<\/dataType>/.exec(body)?.[1] ?? 'String';
      if (expression !== undefined) found.push({ file, expression: decodeXml(expression), dataType: (DATA_TYPES.has(dataType) ? dataType : 'String') as FlowDataType });
    }
    for (const match of xml.matchAll(/<(formulaExpression|filterFormula)>([\s\S]*?)<\/\1>/g)) {
      found.push({ file, expression: decodeXml(match[2] ?? ''), dataType: 'Boolean' });
    }
  }
  return found;
}

describeWithShared('formulas of the real flows', () => {
  let formulas: FoundFormula[] = [];
  beforeAll(() => {
    formulas = findFormulas();
  });

  it('finds the formulas', () => {
    expect(formulas.length).toBeGreaterThan(250);
  });

  it('compiles every formula, or reports the unsupported function it uses', () => {
    const failures: string[] = [];
    for (const { file, expression, dataType } of formulas) {
      try {
        compileFormula(expression, dataType);
      } catch (error) {
        if (!(error instanceof FlowFault) || error.code !== 'FORMULA_ERROR') throw error;
        if (!formulaFunctions(expression).some((name) => UNSUPPORTED_FORMULA_FUNCTIONS.has(name))) failures.push(`${file}: ${error.message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('evaluates every formula with blank, text, number and date inputs without crashing', () => {
    const inputs: FlowValue[] = [null, '', 'abc', 7, true, '2024-01-05', '2024-01-05T10:00:00.000Z'];
    let evaluated = 0;
    for (const { expression, dataType } of formulas) {
      let formula;
      try {
        formula = compileFormula(expression, dataType);
      } catch {
        continue;
      }
      for (const input of inputs) {
        try {
          formula.evaluate(() => v(input), { now: NOW, prior: () => v(null), isNew: false });
          evaluated += 1;
        } catch (error) {
          if (!(error instanceof FlowFault) || error.code !== 'FORMULA_ERROR') throw error;
        }
      }
    }
    expect(evaluated).toBeGreaterThan(formulas.length);
  });
});
