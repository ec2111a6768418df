import { optional, success, type Action } from '../action.js';
import { sleep } from '../abortable.js';
import { nonNegativeInt } from './coerce.js';

export const sleepAction: Action = {
  name: 'std.sleep',
  description: 'Waits `seconds` (whole seconds, default 1) and returns null.',
  className: 'mistral.actions.std_actions.SleepAction',
  inputSpec: [optional('seconds', 1)],
  async run(input, ctx) {
    await sleep(nonNegativeInt(input['seconds'] ?? 1) * 1000, ctx.signal);
    return success(null);
  },
};
