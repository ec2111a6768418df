// High availability with real processes: two built scheduler processes
// (`apps/scheduler/dist/main.js`) share a throwaway PostgreSQL database and a
// private nats-server. The test writes cron triggers and pending timers
// straight into the log, with deadlines spread over ~10 s, and SIGKILLs one
// scheduler midway. The survivor must carry on: every cron slot is taken
// exactly once (CronTriggerFired per trigger) and every timer is delivered to
// the engine subject exactly once (TimerDue per timer id, msgId dedupe on the
// bus), with no slot or timer late by more than a few seconds.
// Needs PostgreSQL (see @sirocco/eventstore/testing) and nats-server.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostgresEventStore } from '@sirocco/eventstore/postgres';
import { createTestDatabase, postgresSkipped, type TestPostgresDatabase } from '@sirocco/eventstore/testing';
import { STREAMS, SUBJECTS, type ConsumerHandle, type TimerDue } from '@sirocco/messaging';
import { NatsMessageBus } from '@sirocco/messaging/nats';
import { startTestNatsServer, type TestNatsServer } from '@sirocco/messaging/testing';
import {
  cronTriggerStreamId,
  type CronTriggerCreatedData,
  type CronTriggerFiredData,
} from '@sirocco/scheduler';
import { executionStreamId } from '@sirocco/workflow';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const mainJs = join(repoRoot, 'apps/scheduler/dist/main.js');
const SCHEMA = 'sirocco';

const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class SchedulerProcess {
  proc: ChildProcess | undefined;
  output = '';
  readyUrl = '';
  constructor(readonly env: NodeJS.ProcessEnv) {}
  async start(): Promise<void> {
    const port = await freePort();
    this.readyUrl = `http://127.0.0.1:${port}/ready`;
    this.proc = spawn(process.execPath, [mainJs], {
      env: { ...process.env, ...this.env, SIROCCO_SCHEDULER_HEALTH_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stdout?.on('data', (b: Buffer) => (this.output += b.toString()));
    this.proc.stderr?.on('data', (b: Buffer) => (this.output += b.toString()));
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(50)) {
      if (this.proc.exitCode !== null) throw new Error(`scheduler exited: ${this.output}`);
      if (
        await fetch(this.readyUrl).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
    }
    throw new Error(`scheduler not ready: ${this.output}`);
  }
  /** What the health endpoint reports: `{ timers: { published }, cron: { slotsTaken } }`. */
  async stats(): Promise<{ timers: { published: number }; cron: { slotsTaken: number } }> {
    return (await (await fetch(this.readyUrl)).json()) as never;
  }
  async signal(sig: NodeJS.Signals): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(sig);
    await exited;
  }
}

describe.skipIf(postgresSkipped())('two scheduler processes, the active one killed with SIGKILL', () => {
  let db: TestPostgresDatabase;
  let nats: TestNatsServer;
  let store: PostgresEventStore;
  let bus: NatsMessageBus;
  let consumer: ConsumerHandle | undefined;
  const schedulers: SchedulerProcess[] = [];

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/scheduler'], { cwd: repoRoot, stdio: 'inherit' });
    [db, nats] = await Promise.all([createTestDatabase(), startTestNatsServer()]);
    store = await PostgresEventStore.open({ connectionString: db.connectionString, schema: SCHEMA });
    bus = await NatsMessageBus.connect({ servers: nats.url, name: 'ha-test' });
    await bus.ensureStream(STREAMS.engine);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(schedulers.map((s) => s.signal('SIGKILL')));
    await consumer?.stop();
    await bus?.close();
    await store?.close();
    await nats?.stop();
    await db?.drop();
  });

  it('the survivor takes over: no cron slot and no timer lost or doubled', async () => {
    const env = {
      SIROCCO_PG_URL: db.connectionString,
      SIROCCO_PG_SCHEMA: SCHEMA,
      SIROCCO_NATS_URL: nats.url,
      SIROCCO_LOG_LEVEL: 'warn',
    };
    const [a, b] = [new SchedulerProcess(env), new SchedulerProcess(env)];
    schedulers.push(a, b);
    await a.start();
    await b.start();

    // What the engine sees: every TimerDue, with its msgId and arrival time.
    const deliveries: { timerId: string; msgId: string | undefined; at: number }[] = [];
    consumer = await bus.consume<TimerDue>(
      {
        stream: STREAMS.engine.name,
        durableName: 'ha-test-engine',
        filterSubject: SUBJECTS.engineAll,
        ackWaitMs: 30_000,
        maxDeliver: 5,
      },
      async (msg) => {
        if (msg.msgId?.startsWith('timer-'))
          deliveries.push({ timerId: msg.data.timerId, msgId: msg.msgId, at: Date.now() });
        await msg.ack();
      },
    );

    // Deadlines from t0+4 s to t0+13.5 s; the kill lands at t0+7 s, in the middle.
    const t0 = Date.now();
    const deadlines = Array.from({ length: 20 }, (_, i) => t0 + 4_000 + i * 500);
    const timers = deadlines.map((fireAt, i) => ({
      timerId: `timer-${i}`,
      executionId: randomUUID(),
      fireAt,
    }));
    const triggers = deadlines.map((slot, i) => ({ name: `ha-${i}`, slot }));
    for (const t of timers) {
      await store.append(
        executionStreamId(t.executionId),
        [
          {
            eventId: randomUUID(),
            type: 'TimerScheduled',
            data: {
              timerId: t.timerId,
              fireAt: new Date(t.fireAt).toISOString(),
              purpose: 'wait-before',
              at: new Date().toISOString(),
            },
          },
        ],
        'any',
      );
    }
    for (const t of triggers) {
      // What CronTriggerService.create appends, with a slot at a chosen second (the API has minute resolution).
      const data: CronTriggerCreatedData = {
        triggerId: randomUUID(),
        name: t.name,
        pattern: '0 0 1 1 *',
        workflowId: randomUUID(),
        workflowName: 'ha_wf',
        workflowNamespace: '',
        workflowInput: {},
        workflowParams: {},
        firstExecutionTime: new Date(t.slot).toISOString(),
        scope: 'private',
        projectId: '<default-project>',
        nextExecutionTime: new Date(t.slot).toISOString(),
        remainingExecutions: null,
        at: new Date().toISOString(),
      };
      await store.append(
        cronTriggerStreamId(t.name),
        [{ eventId: randomUUID(), type: 'CronTriggerCreated', data }],
        'no_stream',
      );
    }

    await sleep(t0 + 7_000 - Date.now());
    // Both instances work (no leader): the victim has been publishing timers and taking slots.
    // Kill the one that has taken more slots so far.
    const [statsA, statsB] = await Promise.all([a.stats(), b.stats()]);
    const [victim, survivor, before] =
      statsA.cron.slotsTaken >= statsB.cron.slotsTaken ? [a, b, statsA] : [b, a, statsB];
    expect(before.timers.published).toBeGreaterThan(0);
    expect(before.cron.slotsTaken).toBeGreaterThan(0);
    const killedAt = Date.now();
    await victim.signal('SIGKILL');

    const fires = async () =>
      (await store.readAll({ streamPrefixes: ['cron-trigger-'] }))
        .filter((e) => e.type === 'CronTriggerFired')
        .map((e) => ({ ...(e.data as CronTriggerFiredData), streamId: e.streamId }));
    await vi.waitFor(
      async () => {
        expect(new Set(deliveries.map((d) => d.timerId)).size).toBe(timers.length);
        expect(await fires()).toHaveLength(triggers.length);
      },
      { timeout: 20_000, interval: 200 },
    );
    await sleep(2_000); // room for a late duplicate to show up

    // Timers: each delivered exactly once, with its own msgId.
    expect(deliveries.map((d) => d.timerId).sort()).toEqual(timers.map((t) => t.timerId).sort());
    expect(deliveries.every((d) => d.msgId === `timer-${d.timerId}`)).toBe(true);
    // Cron: each trigger's slot taken exactly once, for the right time.
    const fired = await fires();
    expect(fired.map((f) => f.streamId).sort()).toEqual(
      triggers.map((t) => cronTriggerStreamId(t.name)).sort(),
    );
    for (const t of triggers) {
      const f = fired.find((x) => x.streamId === cronTriggerStreamId(t.name))!;
      expect(Date.parse(f.scheduledFor)).toBe(t.slot);
    }

    // Lateness after the kill: how long the survivor took to carry the work.
    const timerLate = timers
      .filter((t) => t.fireAt > killedAt)
      .map((t) => deliveries.find((d) => d.timerId === t.timerId)!.at - t.fireAt);
    const cronLate = triggers
      .filter((t) => t.slot > killedAt)
      .map((t) => Date.parse(fired.find((f) => f.streamId === cronTriggerStreamId(t.name))!.at) - t.slot);
    console.info(
      `scheduler HA: after SIGKILL, max timer lateness ${Math.max(...timerLate)} ms (${timerLate.length} timers), ` +
        `max cron lateness ${Math.max(...cronLate)} ms (${cronLate.length} slots); ` +
        `before the kill the victim had published ${before.timers.published} timers, taken ${before.cron.slotsTaken} slots`,
    );
    expect(timerLate.length).toBeGreaterThan(5);
    expect(Math.max(...timerLate, ...cronLate)).toBeLessThan(3_000);
    expect(survivor.proc?.exitCode).toBeNull(); // the survivor is still up
  }, 60_000);
});
