// Dead worker detection by missed heartbeats, over a real nats-server: an
// executor in a child process takes a long action and heartbeats it; while
// it lives, nobody else gets the work item. Then the process is killed
// (SIGKILL: no ack, no nak, no more heartbeats). After the ack wait the work
// item goes to a live executor, which runs it, and exactly one result
// reaches the engine stream.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionRegistry, success } from '@sirocco/actions';
import {
  SUBJECTS,
  STREAMS,
  type ActionResultReported,
  type ActionWorkItem,
  type ConsumerHandle,
} from '@sirocco/messaging';
import { NatsMessageBus } from '@sirocco/messaging/nats';
import { startTestNatsServer, type TestNatsServer } from '@sirocco/messaging/testing';
import { Executor } from './executor.js';
import { silentLogger } from './logger.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const eventually = async (predicate: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
};

const ACK_WAIT_MS = 1_500;
const HEARTBEAT_MS = 300;
/** Both executors share one durable consumer, so they must ask for the same configuration. */
const executorOptions = {
  ackWaitMs: ACK_WAIT_MS,
  heartbeatMs: HEARTBEAT_MS,
  backoffMs: [200],
  maxDeliver: 5,
  logger: silentLogger,
};

// Node hooks that let the child run this repository's TypeScript sources
// (the `sirocco-source` export condition, `.js` specifiers naming `.ts` files).
const HOOKS = `
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const ts = createRequire(${JSON.stringify(join(repoRoot, 'package.json'))})('typescript');
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('file:'))) {
      return next(specifier.slice(0, -3) + '.ts', context);
    }
    throw error;
  }
}
export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const fileName = fileURLToPath(url);
  const { outputText } = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
`;

const src = (path: string) => JSON.stringify(pathToFileURL(join(repoRoot, path)).href);

// The doomed executor: its action never returns, the executor heartbeats it until killed.
const CHILD = `
import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));
const { Executor, silentLogger } = await import(${src('libs/executor/src/index.ts')});
const { ActionRegistry } = await import(${src('libs/actions/src/index.ts')});
const { NatsMessageBus } = await import(${src('libs/messaging/src/nats/index.ts')});
const [servers, options] = [process.argv[2], JSON.parse(process.argv[3])];
const bus = await NatsMessageBus.connect({ servers, name: 'doomed-executor' });
const registry = new ActionRegistry([{
  name: 'test.long',
  description: 'never returns',
  inputSpec: [],
  acceptsAnyInput: true,
  run: (_input, ctx) => {
    process.stdout.write('started ' + ctx.actionExecutionId + '\\n');
    return new Promise(() => {});
  },
}]);
await new Executor({ bus, registry, ...options, logger: silentLogger }).start();
process.stdout.write('ready\\n');
`;

describe('dead executor detected by missed heartbeats (nats-server, killed child process)', () => {
  let nats: TestNatsServer;
  let bus: NatsMessageBus;
  let childDir: string;
  let child: ChildProcess | undefined;
  let results: ActionResultReported[];
  let resultsHandle: ConsumerHandle;

  beforeAll(async () => {
    nats = await startTestNatsServer();
    bus = await NatsMessageBus.connect({ servers: nats.url, name: 'test' });
    await bus.ensureStream(STREAMS.actions);
    await bus.ensureStream(STREAMS.engine);
    results = [];
    // Stands in for the engine: records every result that reaches its stream.
    resultsHandle = await bus.consume<ActionResultReported>(
      { stream: STREAMS.engine.name, durableName: 'test-engine', ackWaitMs: 5_000, maxDeliver: 5 },
      async (message) => {
        results.push(message.data);
        await message.ack();
      },
    );
    childDir = mkdtempSync(join(tmpdir(), 'sirocco-dead-worker-'));
    writeFileSync(join(childDir, 'hooks.mjs'), HOOKS);
    writeFileSync(join(childDir, 'child.mjs'), CHILD);
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await resultsHandle?.stop();
    await bus?.close();
    await nats?.stop();
    if (childDir) rmSync(childDir, { recursive: true, force: true });
  });

  it('redelivers the work item of a killed executor to a live one, and records the result once', async () => {
    // 1. The doomed executor, in its own process.
    const { logger: _logger, ...childOptions } = executorOptions;
    child = spawn(
      process.execPath,
      ['--conditions=sirocco-source', join(childDir, 'child.mjs'), nats.url, JSON.stringify(childOptions)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child?.once('exit', (_code, signal) => done(signal)),
    );
    await eventually(
      () => stdout.includes('ready') || child?.exitCode !== null,
      60_000,
      `child ready (${stderr})`,
    );
    expect(stdout, stderr).toContain('ready');

    // 2. A long action for it.
    const item: ActionWorkItem = {
      executionId: 'ex-1',
      taskExecutionId: 'task-1',
      actionExecutionId: 'action-1',
      actionName: 'test.long',
      input: {},
      attempt: 1,
    };
    await bus.publish(SUBJECTS.action('default'), item, { msgId: 'work-action-1' });
    await eventually(() => stdout.includes('started action-1'), 10_000, 'doomed executor took the action');

    // 3. A live executor joins the same queue; its copy of the action finishes at once.
    const liveRuns: string[] = [];
    const registry = new ActionRegistry([
      {
        name: 'test.long',
        description: 'finishes at once',
        inputSpec: [],
        acceptsAnyInput: true,
        run: (_input, ctx) => {
          liveRuns.push(ctx.actionExecutionId);
          return Promise.resolve(success({ ranBy: 'live executor' }));
        },
      },
    ]);
    const live = new Executor({ bus, registry, ...executorOptions });
    await live.start();
    try {
      // While the doomed executor heartbeats, the item stays with it, well past the ack wait.
      await sleep(3 * ACK_WAIT_MS);
      expect(liveRuns).toEqual([]);
      expect(results).toEqual([]);

      // 4. Kill it: no ack, no nak, no more heartbeats.
      const killedAt = Date.now();
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      // 5. After the ack wait, the live executor gets the item and reports it.
      await eventually(() => results.length > 0, 10 * ACK_WAIT_MS, 'result after redelivery');
      const tookMs = Date.now() - killedAt;
      expect(tookMs).toBeGreaterThanOrEqual(ACK_WAIT_MS - 2 * HEARTBEAT_MS);
      expect(liveRuns).toEqual(['action-1']);
      expect(results).toEqual([
        {
          kind: 'ActionResultReported',
          executionId: 'ex-1',
          actionExecutionId: 'action-1',
          state: 'SUCCESS',
          output: { ranBy: 'live executor' },
          workDeliveries: 2, // the second delivery ran it
        },
      ]);

      // 6. Once: no further delivery nor result.
      await sleep(3 * ACK_WAIT_MS);
      expect(liveRuns).toEqual(['action-1']);
      expect(results).toHaveLength(1);
      expect(live.inFlight).toBe(0);
    } finally {
      await live.stop();
    }
  }, 90_000);
});
