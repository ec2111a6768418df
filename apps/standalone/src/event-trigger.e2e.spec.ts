// Event triggers end to end: the built standalone server (a child process)
// with --events-nats-url pointing at a private nats-server started here.
// A trigger created through POST /v2/event_triggers starts its workflow when
// a plain NATS publisher (core NATS, no JetStream) sends a message on its
// subject, with the message in the input; a message sent while the server
// is killed (SIGKILL) starts it after the restart, exactly once. The real
// mistral CLI creates, lists, shows and deletes a trigger (skipped, loudly,
// when /usr/bin/mistral is missing).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startTestNatsServer, type TestNatsServer } from '@sirocco/messaging/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  freePort,
  MISTRAL_CLI,
  mistralCli,
  repoRoot,
  startStandaloneProcess,
  type StandaloneProcess,
} from './testing/standalone-process.js';

const cliMissing = !existsSync(MISTRAL_CLI);
if (cliMissing) console.warn(`\n*** SKIPPED: event-trigger CLI e2e: ${MISTRAL_CLI} is not installed ***\n`);

const WORKFLOW = `---
version: '2.0'
on_instance:
  input:
    - server
    - flavor: small
  output:
    summary: <% $.summary %>
    project: <% execution().params.event_params.project_id %>
  tasks:
    describe:
      action: std.echo output="<% $.server %> (<% $.flavor %>)"
      publish:
        summary: <% task().result %>
`;

type Row = Record<string, unknown>;

describe('event triggers on the standalone server with NATS', () => {
  let nats: TestNatsServer;
  let publisher: NatsConnection;
  let server: StandaloneProcess | undefined;
  let dir: string;
  let port: number;
  let api: string;
  let workflowId = '';

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

  const startServer = async () => {
    server = await startStandaloneProcess({
      dataDir: join(dir, 'data'),
      port,
      args: ['--events-nats-url', nats.url],
    });
  };
  const stderr = () => server?.stderr() ?? '';

  /** Executions started by a trigger, by the name in their description. */
  const runsOf = async (triggerName: string): Promise<Row[]> => {
    const { json } = await call('GET', '/executions');
    return (json['executions'] as Row[]).filter(
      (e) =>
        (JSON.parse(String(e['description'] || '{}')) as { triggered_by?: { name?: string } }).triggered_by
          ?.name === triggerName,
    );
  };

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/standalone'], { cwd: repoRoot, stdio: 'inherit' });
    nats = await startTestNatsServer();
    publisher = await connect({ servers: nats.url, name: 'plain-publisher' });
    dir = mkdtempSync(join(tmpdir(), 'sirocco-events-e2e-'));
    port = await freePort();
    api = `http://127.0.0.1:${port}/v2`;
    await startServer();
    const wf = await fetch(`${api}/workflows`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: WORKFLOW,
    });
    expect(wf.status).toBe(201);
    workflowId = String(((await wf.json()) as { workflows: Row[] }).workflows[0]?.['id']);
  }, 180_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    await publisher?.close();
    await nats?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a message on the subject starts the workflow with the message in its input', async () => {
    const created = await call('POST', '/event_triggers', {
      name: 'on-instance',
      workflow_id: workflowId,
      exchange: 'nova',
      topic: 'notifications',
      event: 'compute.instance.create.end',
      workflow_input: { server: '<% $.payload.instance_id %>', flavor: '{{ _.payload.flavor }}' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'on-instance',
      workflow_id: workflowId,
      exchange: 'nova',
      topic: 'notifications',
      event: 'compute.instance.create.end',
      scope: 'private',
    });
    expect(JSON.parse(String(created.json['workflow_input']))).toEqual({
      server: '<% $.payload.instance_id %>',
      flavor: '{{ _.payload.flavor }}',
    });
    const bad = await call('POST', '/event_triggers', {
      workflow_id: workflowId,
      exchange: 'nova',
      topic: 'notifications',
      event: 'compute.instance.create.end',
      workflow_input: { server: '<% $.payload.( %>' },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.json['faultstring'])).toContain('workflow_input.server');

    // An oslo.messaging notification on <exchange>.<topic>, by a plain core-NATS publisher.
    publisher.publish(
      'nova.notifications',
      JSON.stringify({
        event_type: 'compute.instance.create.end',
        publisher_id: 'compute.host1',
        payload: { instance_id: 'vm-1', flavor: 'large' },
        _context_project_id: 'proj-7',
      }),
    );
    // The event type in the subject; another event type on the same subject starts nothing.
    publisher.publish(
      'nova.notifications.compute.instance.create.end',
      JSON.stringify({ instance_id: 'x', flavor: 'medium' }),
    );
    // No flavor: `{{ _.payload.flavor }}` fails (as a missing key does in Mistral), so this one starts nothing.
    publisher.publish('nova.notifications.compute.instance.create.end', JSON.stringify({ instance_id: 'z' }));
    publisher.publish('nova.notifications.compute.instance.delete.end', JSON.stringify({ instance_id: 'y' }));
    await publisher.flush();

    await vi.waitFor(
      async () => {
        const runs = await runsOf('on-instance');
        expect(runs.map((r) => r['state'])).toEqual(['SUCCESS', 'SUCCESS']);
      },
      { timeout: 20_000, interval: 200 },
    );
    const runs = await runsOf('on-instance');
    const outputs = await Promise.all(
      runs.map(
        async (r) =>
          JSON.parse(String((await call('GET', `/executions/${String(r['id'])}`)).json['output'])) as Row,
      ),
    );
    expect(outputs).toContainEqual({ summary: 'vm-1 (large)', project: 'proj-7' });
    // Typed by its subject, the whole body is the payload.
    expect(outputs).toContainEqual({ summary: 'x (medium)', project: null });
    expect(stderr()).toContain('event trigger input could not be evaluated');
    const viaParams = JSON.parse(String(runs[0]?.['params'])) as Row;
    expect(viaParams['event_params']).toBeDefined();
  }, 60_000);

  it('a message sent while the server is down starts the workflow after the restart, once', async () => {
    await server?.stop('SIGKILL');
    publisher.publish(
      'nova.notifications.compute.instance.create.end',
      JSON.stringify({ instance_id: 'vm-while-down', flavor: 'tiny' }),
    );
    await publisher.flush();
    await startServer();
    await vi.waitFor(
      async () => {
        const runs = await runsOf('on-instance');
        expect(runs.filter((r) => r['state'] === 'SUCCESS')).toHaveLength(3);
      },
      { timeout: 20_000, interval: 200 },
    );
    const inputs = (await runsOf('on-instance')).map(
      (r) => (JSON.parse(String(r['input'])) as Row)['server'],
    );
    expect(inputs.sort()).toEqual(['vm-1', 'vm-while-down', 'x']);
  }, 90_000);

  it.skipIf(cliMissing)(
    'the mistral CLI creates, lists, shows and deletes an event trigger',
    async () => {
      const { run: mistral, json } = mistralCli(() => api);
      const created = await json(
        'event-trigger-create',
        'cli-trigger',
        workflowId,
        'shop',
        'events',
        'order.created',
        '{"server": "<% $.payload.order %>"}',
        '--params',
        '{"env": {"tier": "gold"}}',
      );
      expect(created).toMatchObject({
        Name: 'cli-trigger',
        'Workflow ID': workflowId,
        Exchange: 'shop',
        Topic: 'events',
        Event: 'order.created',
      });
      const id = created['ID'] ?? '';
      const [listed, shown] = await Promise.all([
        json<Record<string, string>[]>('event-trigger-list'),
        json('event-trigger-get', id),
      ]);
      expect(listed.map((t) => t['Name']).sort()).toEqual(['cli-trigger', 'on-instance']);
      expect(shown).toMatchObject({ ID: id, Name: 'cli-trigger', Event: 'order.created' });

      publisher.publish('shop.events.order.created', JSON.stringify({ order: 'o-1' }));
      await vi.waitFor(
        async () => expect((await runsOf('cli-trigger')).map((r) => r['state'])).toEqual(['SUCCESS']),
        { timeout: 20_000, interval: 200 },
      );
      const [run1] = await runsOf('cli-trigger');
      expect(JSON.parse(String(run1?.['input']))).toEqual({ server: 'o-1', flavor: 'small' });
      expect(JSON.parse(String(run1?.['params']))).toMatchObject({ env: { tier: 'gold' } });

      await mistral('event-trigger-delete', id);
      expect((await call('GET', `/event_triggers/${id}`)).status).toBe(404);
      const after = await json<Record<string, string>[]>('event-trigger-list');
      expect(after.map((t) => t['Name'])).toEqual(['on-instance']);
    },
    120_000,
  );
});
