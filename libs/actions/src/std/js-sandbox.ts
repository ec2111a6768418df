// Evaluates a JavaScript snippet in a node:vm context that holds nothing
// but the JSON `$` value: no require, no process, no host objects to climb
// out through. The vm runs inside a short-lived worker thread so a long or
// runaway script neither blocks the executor's event loop (heartbeats keep
// flowing) nor survives its timeout: the worker is terminated.
// node:vm is not a hard security boundary; this keeps honest scripts honest.
import { Worker } from 'node:worker_threads';
import { abortReason } from '../abortable.js';

export interface SandboxRequest {
  readonly script: string;
  /** Becomes `$`; must be JSON-serializable. */
  readonly context: unknown;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly maxHeapMb?: number;
}

// Plain CommonJS run by the worker (eval: true); kept free of TS syntax.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const vm = require('node:vm');
const { code, contextJson, timeoutMs } = workerData;
try {
  const context = vm.createContext(Object.create(null), { codeGeneration: { strings: true, wasm: false } });
  vm.runInContext('$ = JSON.parse(' + JSON.stringify(contextJson) + ');', context);
  const json = vm.runInContext(code, context, { timeout: timeoutMs, microtaskMode: 'afterEvaluate' });
  parentPort.postMessage({ ok: true, json: typeof json === 'string' ? json : 'null' });
} catch (e) {
  let text;
  try { text = e && typeof e === 'object' && 'message' in e ? String(e.name) + ': ' + String(e.message) : String(e); }
  catch { text = 'unknown error'; }
  parentPort.postMessage({ ok: false, message: text });
}
`;

type WorkerReply = { ok: true; json: string } | { ok: false; message: string };

/** The script is a function body: its `return` value is the result (as in Mistral). */
export function evaluateInSandbox(req: SandboxRequest): Promise<unknown> {
  if (req.signal.aborted) return Promise.reject(abortReason(req.signal));
  // Serializing inside the context keeps sandbox objects from reaching the host.
  const code = `(function () { const __r = (function () {\n${req.script}\n}).call(globalThis); return JSON.stringify(__r === undefined ? null : __r); })()`;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    env: {},
    workerData: { code, contextJson: JSON.stringify(req.context ?? null), timeoutMs: req.timeoutMs },
    resourceLimits: { maxOldGenerationSizeMb: req.maxHeapMb ?? 64 },
    stdout: true,
    stderr: true,
  });

  return new Promise<unknown>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      req.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = (): void => finish(() => reject(abortReason(req.signal)));
    // vm's timeout misses time spent outside the script (e.g. a huge JSON.stringify).
    const backstop = setTimeout(
      () => finish(() => reject(new Error(`Script execution timed out after ${req.timeoutMs}ms`))),
      req.timeoutMs + 1000,
    );
    req.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: WorkerReply) =>
      finish(() =>
        reply.ok ? resolve(JSON.parse(reply.json) as unknown) : reject(new Error(reply.message)),
      ),
    );
    worker.on('error', (e: Error) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`Script worker exited with code ${code}`))));
  });
}
