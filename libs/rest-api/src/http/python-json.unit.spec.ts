import { describe, expect, it } from 'vitest';
import { pyJsonDumps } from './python-json.js';

describe('pyJsonDumps', () => {
  it('writes what Python json.dumps writes', () => {
    // Recorded from Mistral 15: an execution's `input` field.
    expect(pyJsonDumps({ name: 'bob', greeting: 'hello', n: null, flag: true, obj: { k: [1, 2] } })).toBe(
      '{"name": "bob", "greeting": "hello", "n": null, "flag": true, "obj": {"k": [1, 2]}}',
    );
    expect(pyJsonDumps({})).toBe('{}');
    expect(pyJsonDumps('héllo "x"\n')).toBe('"h\\u00e9llo \\"x\\"\\n"');
    expect(pyJsonDumps([1.5, -0, 1e21])).toBe('[1.5, 0, 1e+21]');
  });
});
