// Every case of the public conformance suite as a parser fixture: a document
// the reference Mistral registered must parse, one it rejected at
// registration (golden `register_error`) must give problems.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatProblems } from '../problems.js';
import { parseActionsDocument, parseWorkflowsDocument } from '../parse/document.js';

// The shared suite sits beside the repository (../shared), on CI too.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/conformance');
const CASES = join(ROOT, 'cases');

interface Case {
  name: string;
  workflows?: string;
  actions?: string;
  rejected?: 'workflows' | 'actions';
}

function loadCases(): Case[] {
  if (!existsSync(CASES)) throw new Error(`The shared conformance suite is missing at ${CASES}`);
  return readdirSync(CASES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.yaml$/, '');
      const data = parseYaml(readFileSync(join(CASES, f), 'utf8')) as {
        workflows?: string;
        actions?: string;
      };
      const goldenPath = join(ROOT, 'golden', `${name}.json`);
      const golden = existsSync(goldenPath)
        ? (JSON.parse(readFileSync(goldenPath, 'utf8')) as { register_error?: { what?: string } })
        : {};
      const what = golden.register_error?.what;
      const c: Case = { name };
      if (data.workflows !== undefined) c.workflows = data.workflows;
      if (data.actions !== undefined) c.actions = data.actions;
      if (what === 'workflows' || what === 'actions') c.rejected = what;
      return c;
    });
}

const cases = loadCases();

describe.skipIf(cases.length === 0)('conformance suite documents', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  for (const c of cases) {
    it(`${c.name}`, () => {
      if (c.actions !== undefined) {
        const r = parseActionsDocument(c.actions);
        if (c.rejected === 'actions') {
          expect(r.ok, 'actions must be rejected').toBe(false);
          return; // the runner stops at the rejected actions document
        }
        expect(r.ok ? '' : formatProblems(r.problems)).toBe('');
      }
      if (c.workflows !== undefined) {
        const r = parseWorkflowsDocument(c.workflows);
        if (c.rejected === 'workflows') {
          expect(r.ok, 'workflows must be rejected').toBe(false);
        } else {
          expect(r.ok ? '' : formatProblems(r.problems)).toBe('');
        }
      }
    });
  }

  it('179: the broken YAQL expression is reported through the syntax hook', () => {
    const c = cases.find((x) => x.name === '179-invalid-yaql-syntax');
    expect(c?.workflows).toBeDefined();
    const seen: string[] = [];
    const r = parseWorkflowsDocument(c?.workflows ?? '', {
      checkExpressionSyntax: (text) => {
        seen.push(text);
        return /\+\s*\+/.test(text) ? 'unexpected +' : undefined;
      },
    });
    expect(seen).toContain('<% $.a + + %>');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(formatProblems(r.problems)).toBe(
        'line 7, column 12: bad_yaql.tasks.t.publish.x: invalid expression: unexpected +',
      );
  });
});
