import { errorResult, optional, type Action } from '../action.js';
import { ApplicationFailure } from '../failures.js';
import { pyTruthy } from '../python.js';

// Mistral's FailAction: with (Python-truthy) error_data the action fails with
// that data as its error result; otherwise it raises a fixed exception.
export const failAction: Action = {
  name: 'std.fail',
  description: 'Always fails; with `error_data` that data becomes the error result.',
  className: 'mistral.actions.std_actions.FailAction',
  repr: 'Fail action',
  inputSpec: [optional('error_data', null)],
  run(input) {
    const errorData = input['error_data'];
    if (pyTruthy(errorData)) return Promise.resolve(errorResult(errorData));
    return Promise.reject(new ApplicationFailure('Fail action expected exception.'));
  },
};
