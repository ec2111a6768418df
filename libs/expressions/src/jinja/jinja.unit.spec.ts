import { describe, expect, it } from 'vitest';
import type { InternalContext } from '../mistral/evaluate.js';
import { JinjaSyntaxError } from './errors.js';
import { evaluateJinjaString } from './evaluate.js';
import { lexTemplate } from './lexer.js';
import { parseJinjaExpression, parseJinjaTemplate } from './parser.js';

const ctx: InternalContext = {
  data: new Map<unknown, unknown>([
    ['l', [1n, 2n, 3n]],
    [
      'd',
      new Map<unknown, unknown>([
        ['x', 1n],
        ['items', 'shadowed'],
      ]),
    ],
    ['s', 'hello'],
  ]),
};
const ev = (s: string): unknown => evaluateJinjaString(s, ctx);

describe('Jinja lexer', () => {
  it('applies trim_blocks and lstrip_blocks', () => {
    expect(ev('a\n  {% if true %}\n  b\n  {% endif %}\nc{{ "" }}')).toBe('a\n  b\nc');
    expect(ev('{{ 1 -}}   \n {{- 2 }}')).toBe('12');
  });
  it('ends tags only outside brackets', () => {
    const parts = lexTemplate("{{ {'a': {'b': 1}} }}");
    expect(parts).toHaveLength(1);
    expect(ev("{{ '}}' }}")).toBe('}}');
  });
});

describe('Jinja parser', () => {
  it('parses filters tighter than arithmetic and tests', () => {
    expect(() => parseJinjaExpression("_.a | string + 'x'")).not.toThrow();
    expect(() => parseJinjaExpression('9 is divisibleby 3')).not.toThrow();
    expect(() => parseJinjaExpression('1 + *')).toThrow(JinjaSyntaxError);
    expect(() => parseJinjaTemplate('{% if x %}{{ x }}')).toThrow(JinjaSyntaxError);
    expect(() => parseJinjaTemplate('{% macro m() %}{% endmacro %}')).toThrow(/unknown tag/);
  });
});

describe('Jinja evaluation', () => {
  it('uses Python operators', () => {
    expect(ev('{{ 8 / 2 }}')).toBe(4);
    expect(ev('r={{ 8 / 2 }}')).toBe('r=4.0');
    expect(ev('{{ 7 // 2 }}')).toBe(3n);
    expect(ev('{{ 1 < 2 < 3 }}')).toBe(true);
    expect(ev("{{ 'v=' ~ none }}")).toBe('v=None');
    expect(ev("{{ 'x' in _.d }}")).toBe(true);
  });
  it('shadows keys with dict methods on attribute access', () => {
    expect(ev("{{ _.d['items'] }}")).toBe('shadowed');
    expect(() => ev('{{ _.d.items | length }}')).toThrow(/TypeError|len/);
    expect(ev('{{ _.d.items() | list | length }}')).toBe(2n);
  });
  it('is strict about undefined values', () => {
    expect(() => ev("{{ _.missing or 'x' }}")).toThrow(/UndefinedError/);
    expect(ev('{{ _.missing is defined }}')).toBe(false);
    expect(ev("{{ _.missing | default('d') }}")).toBe('d');
    expect(ev("[{{ 'y' if false }}]")).toBe('[]');
  });
  it('runs loops, sets and namespaces', () => {
    expect(
      ev('{% for x in _.l %}{{ loop.index }}:{{ x }}{% if not loop.last %},{% endif %}{% endfor %}'),
    ).toBe('1:1,2:2,3:3');
    expect(
      ev('{% set ns = namespace(t=0) %}{% for x in _.l %}{% set ns.t = ns.t + x %}{% endfor %}{{ ns.t }}'),
    ).toBe('6');
  });
  it('requires {{ }} in templates with blocks, like Mistral', () => {
    expect(() => ev('{% if true %}x{% endif %}')).toThrow(/IndexError/);
  });
});
