import { describe, expect, it } from 'vitest';
import { formatInputSpec, validateActionInput } from './input-spec.js';
import { ActionRegistry } from './registry.js';
import { pyJsonDumps, pyStrListRepr } from './python.js';

const registry = ActionRegistry.withStandardActions();
const action = (name: string) => {
  const a = registry.get(name);
  if (!a) throw new Error(`no ${name}`);
  return a;
};

describe('formatInputSpec', () => {
  it.each([
    ['std.noop', ''],
    ['std.echo', 'output, delay=0'],
    ['std.fail', 'error_data=null'],
    ['std.sleep', 'seconds=1'],
    ['std.javascript', 'script, context=null'],
    ['std.test_dict', 'size=0, key_prefix="", val=""'],
    ['std.ssh', 'cmd, host, username, password="", private_key_filename=null, private_key=null'],
    [
      'std.http',
      'url, method="GET", params=null, body=null, json=null, headers=null, cookies=null, auth=null, timeout=null, allow_redirects=null, proxies=null, verify=null',
    ],
  ])('%s shows as Mistral lists it', (name, expected) => {
    const a = action(name);
    expect(formatInputSpec(a.inputSpec, a.acceptsAnyInput)).toBe(expected);
  });

  it('adds **kwargs for actions that take any input', () => {
    expect(formatInputSpec([{ name: 'a', hasDefault: false }], true)).toBe('a, **kwargs');
  });
});

describe('validateActionInput', () => {
  it('accepts complete input, with or without optional parameters', () => {
    expect(validateActionInput(action('std.echo'), { output: 1 })).toBeUndefined();
    expect(validateActionInput(action('std.echo'), { output: 1, delay: 2 })).toBeUndefined();
    expect(validateActionInput(action('std.noop'), undefined)).toBeUndefined();
  });

  it('names missing parameters like Mistral', () => {
    expect(validateActionInput(action('std.echo'), {})).toBe(
      "Invalid input [name=std.echo, class=mistral.actions.std_actions.EchoAction, missing=['output']]",
    );
  });

  it('names unexpected parameters, in input order, after missing ones', () => {
    expect(validateActionInput(action('std.echo'), { zzz: 1, aaa: 2 })).toBe(
      "Invalid input [name=std.echo, class=mistral.actions.std_actions.EchoAction, missing=['output'], unexpected=['zzz', 'aaa']]",
    );
  });

  it('skips validation for actions that accept any input', () => {
    const a = { ...action('std.echo'), acceptsAnyInput: true };
    expect(validateActionInput(a, { anything: 1 })).toBeUndefined();
  });
});

describe('python helpers', () => {
  it('reprs string lists like Python', () => {
    expect(pyStrListRepr(['a', "it's", 'back\\slash'])).toBe(`['a', "it's", 'back\\\\slash']`);
  });

  it('dumps JSON like json.dumps', () => {
    expect(pyJsonDumps({ a: 1, b: [true, null, 'é'] })).toBe('{"a": 1, "b": [true, null, "\\u00e9"]}');
  });
});
