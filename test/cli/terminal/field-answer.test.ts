import { describe, expect, it } from 'vitest';
import { defaultAnswer, inputKindOf, parseFieldAnswer, type InputKind } from '../../../src/cli/terminal/field-answer.js';
import type { FlowValue, ScreenFieldModel } from '../../../src/engine/protocol.js';
import { choices, field } from './screen-fixtures.js';

function parse(model: ScreenFieldModel, answer: string, current: FlowValue = null): FlowValue | { error: string } {
  const kind = inputKindOf(model) as InputKind;
  const parsed = parseFieldAnswer(model, kind, answer, current);
  return parsed.ok ? parsed.value : { error: parsed.message };
}

describe('parseFieldAnswer', () => {
  it('keeps the current value on an empty answer and clears it with "-"', () => {
    const name = field('Name', 'text');
    expect(parse(name, '', 'Ada')).toBe('Ada');
    expect(parse(name, '   ', 'Ada')).toBe('Ada');
    expect(parse(name, '-', 'Ada')).toBeNull();
    expect(parse(name, 'Grace', 'Ada')).toBe('Grace');
  });

  it('turns numbers and currency into numbers', () => {
    expect(parse(field('N', 'number'), '1,234.5')).toBe(1234.5);
    expect(parse(field('N', 'number'), '-3')).toBe(-3);
    expect(parse(field('A', 'currency'), '$1,250.00')).toBe(1250);
    expect(parse(field('N', 'number'), 'twelve')).toEqual({ error: 'Enter a number, like 1250.50.' });
    expect(parse(field('N', 'number'), '$5')).toEqual({ error: 'Enter a number, like 1250.50.' });
  });

  it('turns y/n answers into booleans and keeps an unset checkbox false', () => {
    const box = field('Agree', 'checkbox');
    expect(parse(box, 'y')).toBe(true);
    expect(parse(box, 'No')).toBe(false);
    expect(parse(box, '')).toBe(false);
    expect(parse(box, '', true)).toBe(true);
    expect(parse(box, 'maybe')).toEqual({ error: 'Answer y (yes) or n (no).' });
  });

  it('checks dates, date-times and times and returns their JSON forms', () => {
    expect(parse(field('D', 'date'), '2024-02-29')).toBe('2024-02-29');
    expect(parse(field('D', 'date'), '2025-02-29')).toMatchObject({ error: expect.stringContaining('YYYY-MM-DD') });
    expect(parse(field('T', 'dateTime'), '2025-03-31 14:30')).toBe('2025-03-31T14:30:00.000Z');
    expect(parse(field('T', 'dateTime'), '2025-03-31T14:30:00+02:00')).toBe('2025-03-31T12:30:00.000Z');
    expect(parse(field('T', 'time'), '9:05')).toBe('09:05:00.000');
    expect(parse(field('T', 'time'), '25:00')).toMatchObject({ error: expect.stringContaining('HH:MM') });
  });

  it('accepts a valid email address only', () => {
    expect(parse(field('E', 'email'), ' ada@example.com ')).toBe('ada@example.com');
    expect(parse(field('E', 'email'), 'ada@')).toMatchObject({ error: expect.stringContaining('email') });
  });

  it('keeps passwords exactly as typed', () => {
    expect(parse(field('P', 'password'), ' s3cret ')).toBe(' s3cret ');
    expect(parse(field('P', 'password'), '', 'old')).toBe('old');
  });

  it('picks a choice by number or label and returns its value', () => {
    const color = field('Color', 'radio', { choices: choices(['Red', 'red'], ['Green', 2]) });
    expect(parse(color, '2')).toBe(2);
    expect(parse(color, 'red')).toBe('red');
    expect(parse(color, '3')).toEqual({ error: 'Enter a number from 1 to 2.' });
  });

  it('joins several choices with semicolons in choice order', () => {
    const tags = field('Tags', 'multiPicklist', { choices: choices(['A', 'a'], ['B', 'b'], ['C', 'c']) });
    expect(parse(tags, '3, 1')).toBe('a;c');
    expect(parse(tags, '2 2')).toBe('b');
    expect(parse(tags, '1,9')).toMatchObject({ error: expect.stringContaining('1 to 3') });
    expect(parse(tags, '-', 'a;b')).toBeNull();
  });
});

describe('defaultAnswer', () => {
  it('shows the current value as the answer that keeps it', () => {
    const tags = field('Tags', 'checkboxGroup', { choices: choices(['A', 'a'], ['B', 'b'], ['C', 'c']) });
    expect(defaultAnswer(tags, 'multiChoice', 'a;c')).toBe('1,3');
    expect(defaultAnswer(field('C', 'radio', { choices: choices(['X', 1], ['Y', 2]) }), 'choice', 2)).toBe('2');
    expect(defaultAnswer(field('N', 'number'), 'number', 0.5)).toBe('0.5');
    expect(defaultAnswer(field('B', 'checkbox'), 'boolean', null)).toBe('n');
    expect(defaultAnswer(field('P', 'password'), 'secret', 'x')).toBe('********');
    expect(defaultAnswer(field('T', 'text'), 'text', null)).toBeUndefined();
  });
});
