// Crash test of distributed mode: a cluster of real processes (nats-server,
// PostgreSQL, projector, 2 engines, 2 executors, API), 200 executions of a
// mixed workflow, and one engine and one executor killed with SIGKILL while
// they run, then restarted. Every execution must end with the right output;
// an action whose result was recorded before the kill never runs again; and
// every extra run of an action shows in the history (`workDeliveries` in the
// metadata of its completion event).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type AppProcess } from './apps.js';
import { restartApp, startCluster, stopCluster, type ClusterState } from './cluster.js';
import { startCountingServer, type CountingServer } from './counting-server.js';
import { CRASH_WORKFLOW, EXPECTED_CALLS } from './crash-workflow.js';
import { freePort, sleep } from './ports.js';
import { stopProcess } from './processes.js';

const EXECUTIONS = 200;
const log = (line: string) => process.stdout.write(`[crash-test] ${line}\n`);

interface RecordedAction {
  readonly site: string;
  readonly state?: string;
  readonly workDeliveries?: number;
}

/** Actions of every execution stream, by id: call site, outcome and delivery count. */
const readActions = async (pgUrl: string): Promise<Map<string, RecordedAction>> => {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      type: string;
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
    }>(
      `SELECT type, data, metadata FROM sirocco.events
       WHERE type IN ('ActionExecutionScheduled', 'ActionExecutionCompleted', 'ActionExecutionRepeated')
       ORDER BY position`,
    );
    const actions = new Map<string, RecordedAction>();
    for (const { type, data, metadata } of rows) {
      const id = String(data['actionExecutionId']);
      if (type === 'ActionExecutionScheduled') {
        const url = (data['input'] as { url?: string } | undefined)?.url;
        actions.set(id, { site: url ? new URL(url).pathname : String(data['actionName']) });
      } else {
        const known = actions.get(id);
        if (!known) continue;
        // The delivery that ran it: in the completion (data, or metadata stamped by the engine app), or
        // in an ActionExecutionRepeated when a later delivery ran it again after the result was recorded.
        const deliveries = [data['workDeliveries'], metadata['workDeliveries'], known.workDeliveries].filter(
          (d): d is number => typeof d === 'number',
        );
        actions.set(id, {
          ...known,
          ...(type === 'ActionExecutionCompleted' ? { state: String(data['state']) } : {}),
          ...(deliveries.length > 0 ? { workDeliveries: Math.max(...deliveries) } : {}),
        });
      }
    }
    return actions;
  } finally {
    await client.end();
  }
};

const post = async (url: string, body: unknown, contentType = 'application/json') => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
};

describe('distributed Sirocco survives SIGKILL of an engine and an executor', () => {
  let http: CountingServer;
  let cluster: ClusterState | undefined;

  beforeAll(async () => {
    execFileSync(
      'npx',
      ['tsc', '-b', 'tools/cluster', 'apps/api', 'apps/engine', 'apps/executor', 'apps/projector'],
      {
        cwd: REPO_ROOT,
        stdio: 'inherit',
      },
    );
    http = await startCountingServer(150);
    const t0 = Date.now();
    cluster = await startCluster({
      engines: 2,
      executors: 2,
      apiPort: await freePort(),
      env: {
        SIROCCO_LOG_LEVEL: 'warn',
        SIROCCO_EXECUTOR_CONCURRENCY: '32',
        // A killed executor's work goes to the other one after 3 s, not 30.
        SIROCCO_EXECUTOR_ACK_WAIT_MS: '3000',
      },
      log,
    });
    log(`cluster up in ${Date.now() - t0} ms at ${cluster.apiUrl} (dir ${cluster.dir})`);
  }, 180_000);

  afterAll(async () => {
    if (cluster) await stopCluster(cluster);
    await http?.close();
  });

  it('finishes every execution with the right result, re-running only unrecorded actions, visibly', async () => {
    const c = cluster!;
    await post(`${c.apiUrl}/workflows`, CRASH_WORKFLOW(http.port), 'text/plain');
    const ids: string[] = new Array(EXECUTIONS);
    let submitted = 0;
    const t0 = Date.now();
    const submitting = (async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < EXECUTIONS) {
            const n = next++;
            ids[n] = (await post(`${c.apiUrl}/executions`, { workflow_name: 'crash_mix', input: { n } })).id;
            submitted++;
          }
        }),
      );
    })();
    const until = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
        await sleep(20);
      }
    };
    await until('60 executions submitted', () => submitted >= 60, 60_000);

    // Kill one engine and one executor mid-flight: the executor while it runs actions.
    const victims = ['engine-1', 'executor-1'].map((name) => c.apps.find((a) => a.name === name)!);
    const inFlight = async () => {
      const health = (await (await fetch(`http://127.0.0.1:${victims[1]!.port}/health`)).json()) as {
        inFlight: number;
      };
      return health.inFlight >= 2;
    };
    await until('executor-1 running actions', inFlight, 20_000);
    await Promise.all(victims.map((a) => stopProcess(a.pid, 'SIGKILL')));
    const killedAt = Date.now() - t0;
    const atKill = await readActions(c.postgres.url);
    const callsAtKill = new Map(http.calls);
    const recordedSites = new Set(
      [...atKill.values()].filter((a) => a.state === 'SUCCESS').map((a) => a.site),
    );
    log(
      `killed engine-1 and executor-1 at ${killedAt} ms (${submitted} submitted, ${recordedSites.size} action results recorded)`,
    );

    await sleep(1_500);
    const logDir = join(c.dir, 'logs');
    const restarted: AppProcess[] = [];
    for (const victim of victims) restarted.push(await restartApp(victim, logDir));
    c.apps.splice(0, c.apps.length, ...c.apps.filter((a) => !victims.includes(a)), ...restarted);
    log(`restarted both at ${Date.now() - t0} ms`);
    await submitting;
    log(`all ${EXECUTIONS} submitted at ${Date.now() - t0} ms`);

    const done = new Map<string, { state: string; output: string }>();
    const deadline = Date.now() + 100_000;
    while (done.size < EXECUTIONS && Date.now() < deadline) {
      const res = await fetch(
        `${c.apiUrl}/executions?limit=1000&include_output=true&workflow_name=crash_mix`,
      );
      const body = (await res.json()) as { executions: { id: string; state: string; output: string }[] };
      for (const e of body.executions)
        if (['SUCCESS', 'ERROR', 'CANCELLED'].includes(e.state)) done.set(e.id, e);
      if (done.size < EXECUTIONS) await sleep(500);
    }
    const finishedAt = Date.now() - t0;
    if (done.size < EXECUTIONS) {
      // Say what the stuck executions were waiting for before failing.
      for (const id of ids.filter((x) => !done.has(x)).slice(0, 3)) {
        const history = (await (await fetch(`${c.apiUrl}/executions/${id}/events?limit=1000`)).json()) as {
          events?: { revision: number; type: string; data: unknown }[];
        };
        log(
          `stuck ${id}: ${JSON.stringify((history.events ?? []).slice(-6).map((e) => [e.revision, e.type, e.data]))}`,
        );
      }
    }
    expect(done.size).toBe(EXECUTIONS);
    ids.forEach((id, n) => {
      const ex = done.get(id);
      expect(ex?.state, id).toBe('SUCCESS');
      // a = n + 1; total = 2a + 3a; three items.
      expect(JSON.parse(ex?.output ?? '{}'), id).toEqual({ result: 5 * (n + 1), cnt: 3 });
    });

    // Results recorded before the kill never ran again.
    for (const site of recordedSites) expect(http.calls.get(site), site).toBe(callsAtKill.get(site));

    // Every call beyond the expected ones is an extra delivery the history records.
    const actions = await readActions(c.postgres.url);
    const deliveriesBySite = new Map<string, number>();
    for (const a of actions.values()) {
      if (a.site.startsWith('/'))
        deliveriesBySite.set(a.site, (deliveriesBySite.get(a.site) ?? 0) + (a.workDeliveries ?? 1));
    }
    let extraRuns = 0;
    let totalCalls = 0;
    for (const id of ids) {
      for (const [site, expected] of Object.entries(EXPECTED_CALLS)) {
        const key = `/${id}/${site}`;
        const calls = http.calls.get(key) ?? 0;
        totalCalls += calls;
        expect(calls, key).toBeGreaterThanOrEqual(expected);
        extraRuns += calls - expected;
        expect(calls, `${key}: runs beyond the recorded deliveries`).toBeLessThanOrEqual(
          deliveriesBySite.get(key) ?? 0,
        );
      }
    }
    const redelivered = [...actions.values()].filter((a) => (a.workDeliveries ?? 1) > 1).length;
    log(
      `${EXECUTIONS} executions SUCCESS in ${finishedAt} ms; ${totalCalls} HTTP calls, ${extraRuns} re-runs of ` +
        `unrecorded actions; ${redelivered} completions record workDeliveries > 1; ${actions.size} actions in all`,
    );
  }, 180_000);

  it('takes cron and event triggers through the API; an event on NATS starts its workflow', async () => {
    const c = cluster!;
    const wf = await post(
      `${c.apiUrl}/workflows`,
      "---\nversion: '2.0'\nev_wf:\n  input: [who]\n  output:\n    said: <% $.said %>\n  tasks:\n    t:\n      action: std.echo output=<% $.who %>\n      publish:\n        said: <% task().result %>\n",
      'text/plain',
    );
    const workflowId = (wf as unknown as { workflows: { id: string }[] }).workflows[0]!.id;
    // The API follows both trigger indexes: a write returns once it can read it back.
    await post(`${c.apiUrl}/cron_triggers`, {
      name: 'nightly',
      pattern: '0 2 * * 0',
      workflow_name: 'ev_wf',
      workflow_input: { who: 'cron' },
    });
    const cron = (await (await fetch(`${c.apiUrl}/cron_triggers/nightly`)).json()) as Record<string, unknown>;
    expect(cron['pattern']).toBe('0 2 * * 0');
    const trigger = await post(`${c.apiUrl}/event_triggers`, {
      name: 'orders',
      workflow_id: workflowId,
      exchange: 'shop',
      topic: 'events',
      event: 'order.created',
      workflow_input: { who: '<% $.payload.customer %>' },
    });
    // A plain NATS publisher; an engine (SIROCCO_ENGINE_TIMERS=on) consumes the source.
    const nc = await connect({ servers: c.nats.url });
    nc.publish('shop.events.order.created', JSON.stringify({ customer: 'carol' }));
    await nc.flush();
    await nc.close();
    const deadline = Date.now() + 30_000;
    let runs: Record<string, unknown>[] = [];
    while (Date.now() < deadline) {
      const list = (await (await fetch(`${c.apiUrl}/executions?workflow_name=ev_wf`)).json()) as {
        executions: Record<string, unknown>[];
      };
      runs = list.executions;
      if (runs.some((r) => r['state'] === 'SUCCESS')) break;
      await sleep(200);
    }
    expect(runs.map((r) => r['state'])).toEqual(['SUCCESS']);
    const run = (await (await fetch(`${c.apiUrl}/executions/${String(runs[0]!['id'])}`)).json()) as Record<
      string,
      unknown
    >;
    expect(JSON.parse(String(run['output']))).toEqual({ said: 'carol' });
    expect(String(runs[0]!['description'])).toContain(trigger.id);

    // A request's trace reaches the events the engines write for it (OpenTelemetry, W3C traceparent).
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const traced = await fetch(`${c.apiUrl}/executions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ workflow_name: 'ev_wf', input: { who: 'traced' } }),
    });
    const tracedId = ((await traced.json()) as { id: string }).id;
    let events: { type: string; traceparent: string | null }[] = [];
    for (const until = Date.now() + 30_000; Date.now() < until; await sleep(200)) {
      events = (
        (await (await fetch(`${c.apiUrl}/executions/${tracedId}/events`)).json()) as { events: typeof events }
      ).events;
      if (events.some((e) => e.type === 'ExecutionCompleted')) break;
    }
    expect(events.map((e) => e.type)).toContain('ExecutionCompleted');
    // Written by the API (ExecutionStarted) and by an engine handling the executor's result.
    for (const e of events)
      expect(e.traceparent, e.type).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  }, 60_000);
});
