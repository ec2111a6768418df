/** Mistral's custom expression functions, shared by YAQL and Jinja (NOTES §8). */
import { PyError, typeError, valueError } from '../python/errors.js';
import { jsonDumps, jsonLoads } from '../python/json.js';
import { dictGet, dictHas, truthy } from '../python/ops.js';
import { yamlDump, yamlLoad } from '../python/yaml.js';
import type { ExpressionFunctions } from '../api-types.js';
import { toInternal, toPlain } from '../convert.js';

export type Lang = 'yaql' | 'jinja';

export const MISTRAL_FUNCTION_NAMES = [
  'env',
  'execution',
  'executions',
  'global',
  'json_dump',
  'json_parse',
  'json_pp',
  'task',
  'tasks',
  'uuid',
  'yaml_dump',
  'yaml_parse',
] as const;

export interface MistralEnv {
  readonly lang: Lang;
  /** The data context, internal representation. */
  readonly data: unknown;
  readonly functions?: ExpressionFunctions;
}

function arity(name: string, args: readonly unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    throw typeError(
      `${name}() takes from ${min} to ${max} positional arguments but ${args.length} were given`,
    );
  }
}

function callEngine(env: MistralEnv, name: keyof ExpressionFunctions, args: readonly unknown[]): unknown {
  const f = env.functions?.[name] as ((...a: unknown[]) => unknown) | undefined;
  if (!f) throw new PyError('RuntimeError', `function ${name}() is not available in this context`);
  return toInternal(
    f.apply(
      env.functions,
      args.map((a) => toPlain(a)),
    ),
  );
}

/** Calls Mistral function `name` with the given (already evaluated) arguments. */
export function callMistralFunction(name: string, env: MistralEnv, args: readonly unknown[]): unknown {
  switch (name) {
    case 'json_dump':
      arity(name, args, 1, 1);
      return jsonDumps(args[0], { indent: 4 });
    case 'json_pp': {
      arity(name, args, 0, 1);
      const x = args[0];
      let target: unknown = truthy(x) ? x : env.data;
      if (!truthy(x) && env.lang === 'yaql') {
        // Mistral dumps the YAQL context object itself, which is not serialisable.
        throw valueError('Circular reference detected');
      }
      if (target === undefined) target = null;
      return jsonDumps(target, { indent: 4 }).replaceAll('\\n', '\n');
    }
    case 'json_parse':
      arity(name, args, 1, 1);
      if (typeof args[0] !== 'string') throw typeError('the JSON object must be str, bytes or bytearray');
      return jsonLoads(args[0]);
    case 'yaml_dump':
      arity(name, args, 1, 1);
      return yamlDump(args[0]);
    case 'yaml_parse':
      arity(name, args, 1, 1);
      if (typeof args[0] !== 'string') throw new PyError('AttributeError', 'expected a string');
      return yamlLoad(args[0]);
    case 'uuid': {
      arity(name, args, 0, 0);
      // The core has no randomness: the engine injects the id source.
      const f = env.functions?.uuid;
      if (!f)
        throw new PyError(
          'RuntimeError',
          'uuid() is not available: no id source was supplied (ExpressionFunctions.uuid)',
        );
      return String(f.call(env.functions));
    }
    case 'env': {
      arity(name, args, 0, 0);
      const d = env.data;
      if (d instanceof Map && dictHas(d, '__env')) return dictGet(d, '__env');
      if (env.lang === 'jinja') throw new PyError('KeyError', "'__env'");
      return env.functions?.env ? callEngine(env, 'env', []) : null;
    }
    case 'task':
      arity(name, args, 0, 1);
      return callEngine(env, 'task', args);
    case 'tasks':
      arity(name, args, 0, 4);
      return callEngine(env, 'tasks', args);
    case 'execution':
      arity(name, args, 0, 0);
      return callEngine(env, 'execution', args);
    case 'executions':
      return callEngine(env, 'executions', args);
    case 'global':
      arity(name, args, 1, 1);
      return callEngine(env, 'global', args);
  }
  throw new PyError('NameError', `unknown function ${name}`);
}
