import { describe, expect, it } from 'vitest';
import { parseInlineCall, readInlineCall } from './inline-call.js';

// Expected values were obtained from Mistral 15's own reading of each line.
const CASES: [string, string, Record<string, unknown>][] = [
  ['std.echo', 'std.echo', {}],
  ['std.echo output="x y" n=1', 'std.echo', { output: 'x y', n: 1 }],
  // An unquoted word is dropped: the task later fails for a missing input.
  ['std.echo output=done', 'std.echo', {}],
  // Negative numbers are dropped; only the digits before a dot are read.
  ['std.echo n=-1 m=1.5', 'std.echo', { m: 1 }],
  ['std.echo a=<% $.x + 1 %> b={{ _.y }}', 'std.echo', { a: '<% $.x + 1 %>', b: '{{ _.y }}' }],
  ['std.echo l=[1, 2] d=true e=null f=false', 'std.echo', { l: [1, 2], d: true, e: null, f: false }],
  // A list value runs to the last ']' of the line.
  ['std.echo l=[1] m=[2]', 'std.echo', { l: '[1] m=[2]' }],
  ["std.echo s='it''s'", 'std.echo', { s: 'it' }],
  ['std.echo x="a=1" y=\'b c\'', 'std.echo', { x: 'a=1', y: 'b c' }],
  ['<% $.name %> a=1', '<% $.name %>', { a: 1 }],
  ['std.echo l=[a, b]', 'std.echo', { l: '[a, b]' }],
  ['std.echo n=007', 'std.echo', { n: '007' }],
  ['fail msg="bad"', 'fail', { msg: 'bad' }],
  ['std.http url="http://x/y?a=1" method=POST', 'std.http', { url: 'http://x/y?a=1' }],
  ['my-action x=1', 'my-action', { x: 1 }],
  ['std.echo out_put=1 x-y=2', 'std.echo', { out_put: 1, 'x-y': 2 }],
  ['std.echo output="héllo wörld" ü=1', 'std.echo', { output: 'héllo wörld', ü: 1 }],
];

describe('parseInlineCall', () => {
  for (const [text, name, params] of CASES) {
    it(`reads ${text}`, () => {
      expect(parseInlineCall(text)).toEqual({ name, params });
    });
  }

  it('treats a line without a space as a bare name, even with parameters glued on', () => {
    expect(parseInlineCall('std.echo(output=1)')).toEqual({ name: 'std.echo(output=1)', params: {} });
  });

  it('rejects a line that starts with neither a name nor an expression', () => {
    expect(readInlineCall('-x a=1').ok).toBe(false);
    expect(() => parseInlineCall('-x a=1')).toThrow(/must start with a name/);
  });

  it('does not let a __proto__ parameter change the result object', () => {
    const { params } = parseInlineCall('std.echo __proto__=1');
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.keys(params)).toEqual(['__proto__']);
  });
});
