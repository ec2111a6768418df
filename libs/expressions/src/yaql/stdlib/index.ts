/** Assembles the YAQL function registry (yaql stdlib + Mistral's functions). */
import { callMistralFunction, MISTRAL_FUNCTION_NAMES } from '../../mistral/functions.js';
import { define, type Registry } from '../call.js';
import { registerCommon } from './common.js';
import { registerDicts } from './dicts.js';
import { registerMath } from './math.js';
import { registerQueries } from './queries.js';
import { registerRegex } from './regex.js';
import { registerStrings } from './strings.js';

let registry: Registry | undefined;

export function yaqlRegistry(): Registry {
  if (registry) return registry;
  const reg: Registry = new Map();
  registerCommon(reg);
  registerMath(reg);
  registerQueries(reg);
  registerDicts(reg);
  registerRegex(reg);
  registerStrings(reg);
  for (const name of MISTRAL_FUNCTION_NAMES) {
    define(reg, 'function', name, (c) => {
      if (c.mappings.length) throw c.noMatch();
      const args: unknown[] = [];
      for (let i = 0; i < c.count; i++) args.push(c.val(i));
      const host = c.interp.host;
      return callMistralFunction(name, { lang: 'yaql', data: host.data, functions: host.functions }, args);
    });
  }
  registry = reg;
  return reg;
}
