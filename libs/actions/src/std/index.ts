// Mistral 15's std.* actions (setup.cfg entry points "mistral.actions").
import type { Action } from '../action.js';
import { echoAction } from './echo.js';
import { failAction } from './fail.js';
import { httpAction, type HttpActionOptions } from './http.js';
import { javascriptAction, type JavaScriptActionOptions } from './javascript.js';
import { mistralHttpAction } from './mistral-http.js';
import { asyncNoopAction, noopAction } from './noop.js';
import { sleepAction } from './sleep.js';
import { testDictAction } from './test-dict.js';
import { emailAction, sshAction, sshProxiedAction } from './unsupported.js';

export interface StandardActionOptions {
  readonly http?: HttpActionOptions;
  readonly javascript?: JavaScriptActionOptions;
}

export function standardActions(options: StandardActionOptions = {}): Action[] {
  return [
    asyncNoopAction,
    echoAction,
    emailAction,
    failAction,
    httpAction(options.http),
    javascriptAction('std.javascript', options.javascript),
    javascriptAction('std.js', options.javascript),
    mistralHttpAction(options.http),
    noopAction,
    sleepAction,
    sshAction,
    sshProxiedAction,
    testDictAction,
  ];
}

export {
  echoAction,
  failAction,
  httpAction,
  javascriptAction,
  mistralHttpAction,
  noopAction,
  asyncNoopAction,
  sleepAction,
  testDictAction,
};
