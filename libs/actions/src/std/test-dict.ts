import { optional, success, type Action } from '../action.js';
import { nonNegativeInt } from './coerce.js';

/** Builds {<key_prefix>0: val, ...} of `size` entries; for load tests. */
export const testDictAction: Action = {
  name: 'std.test_dict',
  description: 'Returns a dictionary of `size` entries named `<key_prefix><i>`, each set to `val`.',
  className: 'mistral.actions.std_actions.TestDictAction',
  inputSpec: [optional('size', 0), optional('key_prefix', ''), optional('val', '')],
  run(input) {
    const size = nonNegativeInt(input['size'] ?? 0);
    const prefix = String(input['key_prefix'] ?? '');
    const result: Record<string, unknown> = {};
    for (let i = 0; i < size; i++) result[`${prefix}${i}`] = input['val'] ?? '';
    return Promise.resolve(success(result));
  },
};
