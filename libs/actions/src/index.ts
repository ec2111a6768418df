export * from './action.js';
export * from './failures.js';
export { formatInputSpec, validateActionInput } from './input-spec.js';
export { ActionRegistry } from './registry.js';
export { invokeAction, exceptionMessage, type InvokeRequest, type Invocation } from './invoke.js';
export { standardActions, type StandardActionOptions } from './std/index.js';
export type { HttpActionOptions } from './std/http.js';
export type { JavaScriptActionOptions } from './std/javascript.js';
export type { HttpResult, HistoryEntry } from './http/response.js';
