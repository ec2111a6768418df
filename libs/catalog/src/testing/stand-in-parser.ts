// A deliberately small stand-in for @sirocco/dsl's parser, for tests only:
// it reads names, type, tags, input, output and task names/kinds, enough to
// exercise the catalog and the API. Swap in the real parser when wiring.
import type { DslProblem, InputParamSpec, TaskSpec, WorkflowSpec } from '@sirocco/dsl';
import { LineCounter, parseDocument, stringify } from 'yaml';
import type { ParseResult, WorkflowDocumentParser } from '../document-parser.js';

const RESERVED = new Set(['version', 'name', 'description', 'tags', 'workflows', 'actions']);
const TASK_KEYS = new Set([
  'action',
  'workflow',
  'input',
  'publish',
  'publish-on-error',
  'on-success',
  'on-error',
  'on-complete',
  'with-items',
  'join',
  'requires',
  'retry',
  'wait-before',
  'wait-after',
  'timeout',
  'pause-before',
  'concurrency',
  'keep-result',
  'target',
  'description',
  'safe-rerun',
  'fail-on',
]);
const at = { line: 1, column: 1 };

function problem(message: string, path = '', line = 1, column = 1): DslProblem {
  return { message, path, line, column };
}

function inputParams(raw: unknown): InputParamSpec[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((entry: unknown) => {
    if (typeof entry === 'string') return { name: entry, hasDefault: false };
    const [name, value] = Object.entries(entry as Record<string, unknown>)[0] ?? ['?', null];
    return { name, hasDefault: true, default: value };
  });
}

export const standInParser: WorkflowDocumentParser = {
  parseWorkflowsDocument(text: string): ParseResult {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const pos = lineCounter.linePos(e.pos[0]);
      return { ok: false, problems: [problem(e.message, '', pos.line, pos.col)] };
    }
    const root = doc.toJS() as Record<string, unknown> | null;
    if (!root || typeof root !== 'object')
      return { ok: false, problems: [problem('Document is not a mapping')] };
    if (String(root['version']) !== '2.0')
      return { ok: false, problems: [problem("Unsupported DSL version, must be '2.0'", 'version')] };
    const workflows: WorkflowSpec[] = [];
    for (const [name, body] of Object.entries(root)) {
      if (RESERVED.has(name)) continue;
      const wf = (body ?? {}) as Record<string, unknown>;
      const tasks: TaskSpec[] = [];
      for (const [taskName, taskBody] of Object.entries((wf['tasks'] ?? {}) as Record<string, unknown>)) {
        const t = (taskBody ?? {}) as Record<string, unknown>;
        const unknown = Object.keys(t).find((k) => !TASK_KEYS.has(k));
        if (unknown)
          return {
            ok: false,
            problems: [problem(`Unknown task key '${unknown}'`, `${name}.tasks.${taskName}`, 4, 7)],
          };
        tasks.push({
          name: taskName,
          type: t['workflow'] ? 'workflow' : 'action',
          ...(typeof t['action'] === 'string' ? { action: t['action'].split(' ')[0] } : {}),
          ...(typeof t['workflow'] === 'string' ? { workflow: t['workflow'] } : {}),
          ...(t['with-items'] ? { withItems: { items: [] } } : {}),
          input: {},
          policies: {},
          requires: [],
          location: at,
        });
      }
      workflows.push({
        name,
        type: wf['type'] === 'reverse' ? 'reverse' : 'direct',
        tags: Array.isArray(wf['tags']) ? (wf['tags'] as string[]) : [],
        input: inputParams(wf['input']),
        ...(wf['output'] !== undefined ? { output: wf['output'] } : {}),
        vars: {},
        tasks,
        location: at,
      });
    }
    return { ok: true, value: { version: '2.0', workflows, actions: [] } };
  },
  formatProblems(problems: readonly DslProblem[]): string {
    return problems.map((p) => `${p.message} (line ${p.line}, column ${p.column})`).join('\n');
  },
  extractWorkflowDefinition(text: string, name: string): string {
    const root = parseDocument(text).toJS() as Record<string, unknown>;
    return stringify({ version: root['version'], [name]: root[name] });
  },
};
