import { optional, param, success, type Action } from '../action.js';
import { sleep } from '../abortable.js';
import { nonNegativeFloat } from './coerce.js';

export const echoAction: Action = {
  name: 'std.echo',
  description: 'Returns its `output` input as the result, optionally after `delay` seconds.',
  className: 'mistral.actions.std_actions.EchoAction',
  inputSpec: [param('output'), optional('delay', 0)],
  async run(input, ctx) {
    const delay = nonNegativeFloat(input['delay'] ?? 0);
    if (delay > 0) await sleep(delay * 1000, ctx.signal);
    return success(input['output']);
  },
};
