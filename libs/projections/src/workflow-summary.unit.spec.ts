import { describe, expect, it } from 'vitest';
import { pyRepr } from './python-repr.js';
import { workflowInputSummary, workflowInterface } from './workflow-summary.js';

describe('workflow input summary and interface (as Mistral 15 shows them)', () => {
  const input = [
    { name: 'name', hasDefault: false },
    { name: 'greeting', hasDefault: true, default: 'hello' },
    { name: 'n', hasDefault: true, default: null },
    { name: 'flag', hasDefault: true, default: true },
    { name: 'obj', hasDefault: true, default: { k: [1, 2] } },
  ];

  it('formats defaults with Python str()', () => {
    // Recorded from Mistral 15 for the same input list.
    expect(workflowInputSummary(input)).toBe(
      'name, greeting="hello", n="None", flag="True", obj="{\'k\': [1, 2]}"',
    );
  });

  it('keeps the input list as written and the output keys', () => {
    expect(workflowInterface({ input, output: { result: '<% $.msg %>' } })).toEqual({
      input: ['name', { greeting: 'hello' }, { n: null }, { flag: true }, { obj: { k: [1, 2] } }],
      output: ['result'],
    });
  });

  it('quotes strings like Python repr', () => {
    expect(pyRepr(["it's", 'a"b', 'x\ny', 1.5, false])).toBe(`["it's", 'a"b', 'x\\ny', 1.5, False]`);
  });
});
