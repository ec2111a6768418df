import { success, type Action } from '../action.js';

export const noopAction: Action = {
  name: 'std.noop',
  description: 'Does nothing and returns null. Useful in tests and as a placeholder task.',
  className: 'mistral.actions.std_actions.NoOpAction',
  inputSpec: [],
  run: () => Promise.resolve(success(null)),
};

/** Mistral's AsyncNoOpAction: is_sync() is False, so its result must come through the API. */
export const asyncNoopAction: Action = {
  name: 'std.async_noop',
  description: 'Does nothing; the action stays RUNNING until its result is sent through the API.',
  className: 'mistral.actions.std_actions.AsyncNoOpAction',
  inputSpec: [],
  async: true,
  run: () => Promise.resolve(success(null)),
};
