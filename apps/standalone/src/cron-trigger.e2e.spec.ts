// Cron triggers end to end on the built standalone server (a child process,
// real clock): triggers created through POST /v2/cron_triggers fire at the
// next whole minute, the runs show up in GET /v2/executions and succeed,
// remaining_executions counts down and an exhausted trigger is gone (404).
// One trigger has a first_execution_time a few seconds ahead (the server runs
// with SIROCCO_CRON_MIN_LEAD_SECONDS=3 instead of Mistral's 60, and takes
// seconds in the time) and fires then, then at the pattern's next minute.
// The real python-mistralclient CLI drives create/list/get/delete too
// (skipped, loudly, when /usr/bin/mistral is missing). Worst case ~75 s:
// the fire comes at the next whole minute, and the CLI runs while we wait.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MISTRAL_CLI,
  mistralCli,
  repoRoot,
  startStandaloneProcess,
  type StandaloneProcess,
} from './testing/standalone-process.js';

const cliMissing = !existsSync(MISTRAL_CLI);
if (cliMissing) console.warn(`\n*** SKIPPED: cron-trigger CLI e2e: ${MISTRAL_CLI} is not installed ***\n`);

const WORKFLOW = `---
version: '2.0'
cron_wf:
  input:
    - who
  output:
    greeting: <% $.greeting %>
  tasks:
    say:
      action: std.echo output="Hello, <% $.who %>"
      publish:
        greeting: <% task().result %>
`;

/** Mistral's `first_execution_time` format (UTC, minute resolution). */
const mistralMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Row = Record<string, unknown>;

describe('cron triggers on the standalone server', () => {
  let server: StandaloneProcess | undefined;
  let dir: string;
  let api: string;
  let createdAt = 0;
  let firstTime = 0;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Row }> => {
    const res = await fetch(`${api}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Row) : {} };
  };

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/standalone'], { cwd: repoRoot, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'sirocco-cron-e2e-'));
    server = await startStandaloneProcess({
      dataDir: join(dir, 'data'),
      env: { SIROCCO_CRON_MIN_LEAD_SECONDS: '3' },
    });
    api = server.api;
    const wf = await fetch(`${api}/workflows`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: WORKFLOW,
    });
    expect(wf.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates every-minute triggers through the API, and rejects a too-early first_execution_time', async () => {
    // Early enough in a minute that the triggers share the next slot and the first-time run comes before it.
    if (Date.now() % 60_000 > 48_000) await sleep(60_100 - (Date.now() % 60_000));
    createdAt = Date.now();
    const nextMinute = Math.floor(createdAt / 60_000) * 60_000 + 60_000;
    for (const [name, count] of [
      ['tick-twice', 2],
      ['tick-once', 1],
    ] as const) {
      const res = await call('POST', '/cron_triggers', {
        name,
        pattern: '* * * * *',
        workflow_name: 'cron_wf',
        workflow_input: { who: name },
        remaining_executions: count,
      });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ name, pattern: '* * * * *', remaining_executions: count });
      expect(String(res.json['next_execution_time'])).toContain(mistralMinute(nextMinute));
    }
    // first_execution_time 6 s ahead, with seconds; then every minute, twice in all.
    firstTime = Math.floor((createdAt + 6_000) / 1000) * 1000;
    const first = await call('POST', '/cron_triggers', {
      name: 'first-then-minute',
      pattern: '* * * * *',
      workflow_name: 'cron_wf',
      workflow_input: { who: 'first' },
      first_execution_time: new Date(firstTime).toISOString().slice(0, 19).replace('T', ' '),
      remaining_executions: 2,
    });
    expect(first.status).toBe(201);
    const firstSecond = new Date(firstTime).toISOString().slice(0, 19).replace('T', ' ');
    expect(first.json['first_execution_time']).toBe(firstSecond);
    expect(first.json['next_execution_time']).toBe(firstSecond);
    // Too early for the configured lead (Mistral's is a minute).
    const early = await call('POST', '/cron_triggers', {
      name: 'too-early',
      pattern: '* * * * *',
      workflow_name: 'cron_wf',
      workflow_input: { who: 'x' },
      first_execution_time: mistralMinute(Date.now()),
    });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.json)).toContain(
      'first_execution_time must be at least 3 seconds in the future',
    );
    const later = Math.floor(Date.now() / 60_000) * 60_000 + 180_000;
    const ok = await call('POST', '/cron_triggers', {
      name: 'later',
      pattern: '*/5 * * * *',
      workflow_name: 'cron_wf',
      workflow_input: { who: 'later' },
      first_execution_time: mistralMinute(later),
    });
    expect(ok.status).toBe(201);
    expect(String(ok.json['first_execution_time'])).toContain(mistralMinute(later));
    expect(String(ok.json['next_execution_time'])).toContain(mistralMinute(later));
    expect((await call('DELETE', '/cron_triggers/later')).status).toBe(204);
    expect((await call('GET', '/cron_triggers/later')).status).toBe(404);
  });

  it.skipIf(cliMissing)(
    'the mistral CLI creates, lists, shows and deletes a cron trigger',
    async () => {
      const { run: mistral, json } = mistralCli(() => api);
      const first = mistralMinute(Math.floor(Date.now() / 60_000) * 60_000 + 600_000);
      writeFileSync(join(dir, 'input.json'), '{"who": "cli"}');
      const created = await json(
        'cron-trigger-create',
        'cli-trigger',
        'cron_wf',
        join(dir, 'input.json'),
        '--pattern',
        '0 4 * * *',
        '--first-time',
        first,
        '--count',
        '3',
        '--utc',
      );
      expect(created).toMatchObject({ Name: 'cli-trigger', Workflow: 'cron_wf', Pattern: '0 4 * * *' });
      expect(created['Next execution time']).toContain(first); // the CLI shows no first-time column
      expect(String(created['Remaining executions'])).toBe('3');
      const [listed, shown] = await Promise.all([
        json<Record<string, string>[]>('cron-trigger-list'),
        json('cron-trigger-get', 'cli-trigger'),
      ]);
      expect(listed.map((t) => t['Name'])).toContain('cli-trigger');
      expect(shown).toMatchObject({ Name: 'cli-trigger', Workflow: 'cron_wf', Pattern: '0 4 * * *' });
      expect(String(shown['Remaining executions'])).toBe('3');
      const viaApi = await call('GET', '/cron_triggers/cli-trigger');
      expect(JSON.parse(String(viaApi.json['workflow_input']))).toEqual({ who: 'cli' });
      expect(String(viaApi.json['first_execution_time'])).toContain(first);
      await mistral('cron-trigger-delete', 'cli-trigger');
      expect((await call('GET', '/cron_triggers/cli-trigger')).status).toBe(404);
      const after = await json<Record<string, string>[]>('cron-trigger-list');
      expect(after.map((t) => t['Name'])).not.toContain('cli-trigger');
    },
    120_000,
  );

  it('fires at first_execution_time, then follows the pattern', async () => {
    const slot = Math.floor(createdAt / 60_000) * 60_000 + 60_000;
    await vi.waitFor(
      async () => {
        const { json } = await call('GET', '/executions');
        const runs = (json['executions'] as Row[]).filter((e) =>
          String(e['description']).includes('first-then-minute'),
        );
        expect(runs.map((r) => r['state'])).toEqual(['SUCCESS']);
        expect(JSON.parse(String(runs[0]?.['input']))).toEqual({ who: 'first' });
        // Not before its time (created_at has whole seconds, like Mistral's).
        expect(
          String(runs[0]?.['created_at']) >= new Date(firstTime).toISOString().slice(0, 19).replace('T', ' '),
        ).toBe(true);
      },
      { timeout: Math.max(0, firstTime - Date.now()) + 10_000, interval: 100 },
    );
    console.info(
      `cron e2e: the first_execution_time run was SUCCESS ${Date.now() - firstTime} ms after its time`,
    );
    expect(Date.now()).toBeLessThan(slot); // it was the first time that fired, not the pattern
    const after = await call('GET', '/cron_triggers/first-then-minute');
    expect(after.json['remaining_executions']).toBe(1);
    expect(String(after.json['next_execution_time'])).toBe(mistralMinute(slot) + ':00');
  }, 60_000);

  it('fires at the next minute: runs succeed, the count goes down, an exhausted trigger is gone', async () => {
    const slot = Math.floor(createdAt / 60_000) * 60_000 + 60_000;
    const byTrigger = async () => {
      const { json } = await call('GET', '/executions');
      // A cron run's description names its trigger (Mistral's JSON description).
      return (json['executions'] as Row[]).map((e): Row & { triggeredBy?: string | undefined } => ({
        ...e,
        triggeredBy: (JSON.parse(String(e['description'])) as { triggered_by?: { name: string } })
          .triggered_by?.name,
      }));
    };
    await vi.waitFor(
      async () => {
        const runs = await byTrigger();
        expect(runs.filter((r) => r.triggeredBy === 'tick-twice' && r['state'] === 'SUCCESS')).toHaveLength(
          1,
        );
        expect(runs.filter((r) => r.triggeredBy === 'tick-once' && r['state'] === 'SUCCESS')).toHaveLength(1);
        expect(
          runs.filter((r) => r.triggeredBy === 'first-then-minute' && r['state'] === 'SUCCESS'),
        ).toHaveLength(2);
      },
      { timeout: Math.max(0, slot - Date.now()) + 20_000, interval: 250 },
    );
    const firedAfterSlotMs = Date.now() - slot;
    console.info(`cron e2e: both runs SUCCESS ${firedAfterSlotMs} ms after the slot`);
    const runs = await byTrigger();
    expect(runs).toHaveLength(4); // nothing doubled, nothing else started
    const once = runs.find((r) => r.triggeredBy === 'tick-once')!;
    expect(once).toMatchObject({ workflow_name: 'cron_wf', state: 'SUCCESS' });
    expect(JSON.parse(String(once['input']))).toEqual({ who: 'tick-once' });
    const output = await call('GET', `/executions/${String(once['id'])}`);
    expect(JSON.parse(String(output.json['output']))).toEqual({ greeting: 'Hello, tick-once' });

    const twice = await call('GET', '/cron_triggers/tick-twice');
    expect(twice.status).toBe(200);
    expect(twice.json['remaining_executions']).toBe(1);
    expect(String(twice.json['next_execution_time'])).toContain(mistralMinute(slot + 60_000));
    expect((await call('GET', '/cron_triggers/tick-once')).status).toBe(404);
    expect((await call('GET', '/cron_triggers/first-then-minute')).status).toBe(404);
    const list = await call('GET', '/cron_triggers');
    expect((list.json['cron_triggers'] as Row[]).map((t) => t['name'])).toEqual(['tick-twice']);
  }, 120_000);
});
