// The real python-mistralclient CLI against the API: Mistral users' scripts
// must work unchanged. About 50 s (the CLI starts slowly), so opt-in:
// SIROCCO_MISTRAL_CLI_TESTS=1, and the CLI must be installed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './testing/api-harness.js';

const CLI = '/usr/bin/mistral';
const run = promisify(execFile);

describe.skipIf(!existsSync(CLI) || !process.env['SIROCCO_MISTRAL_CLI_TESTS'])(
  'python-mistralclient CLI',
  () => {
    let harness: ApiHarness;
    let dir: string;
    const mistral = async (...args: string[]) => {
      const { stdout } = await run(CLI, ['--os-mistral-url', `${harness.baseUrl}/v2`, ...args], {
        env: { ...process.env, OS_AUTH_URL: '', OS_USERNAME: '' },
        timeout: 60_000,
      });
      return stdout;
    };

    beforeAll(async () => {
      harness = await startApiHarness();
      dir = mkdtempSync(join(tmpdir(), 'sirocco-cli-'));
      writeFileSync(
        join(dir, 'hello.yaml'),
        "version: '2.0'\nhello_wf:\n  input:\n    - name\n  tasks:\n    say:\n      action: std.echo output=hi\n",
      );
    });

    afterAll(async () => {
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('creates, lists and runs a workflow and reads its tasks and actions', async () => {
      expect(await mistral('workflow-create', join(dir, 'hello.yaml'))).toMatch(/hello_wf/);
      expect(await mistral('workflow-update', join(dir, 'hello.yaml'))).toMatch(/hello_wf/);
      expect(await mistral('workflow-list')).toMatch(/hello_wf/);
      expect(await mistral('workflow-get', 'hello_wf')).toMatch(/Input\s+\|\s+name\s+\|/);
      const created = await mistral('execution-create', 'hello_wf', '{"name": "world"}', '-f', 'json');
      const execution = JSON.parse(created) as Record<string, string>;
      expect(execution['Workflow name']).toBe('hello_wf');
      const id = execution['ID']!;
      expect(JSON.parse(await mistral('execution-get', id, '-f', 'json'))['State']).toBe('SUCCESS');
      expect(JSON.parse(await mistral('execution-get-output', id))).toEqual({ done: true });
      expect(JSON.parse(await mistral('execution-get-input', id))).toEqual({ name: 'world' });
      const tasks = JSON.parse(await mistral('task-list', id, '-f', 'json')) as Record<string, string>[];
      expect(tasks.map((t) => t['Name'])).toEqual(['say']);
      expect(JSON.parse(await mistral('task-get-result', tasks[0]!['ID']!))).toBe('say');
      const actions = JSON.parse(
        await mistral('action-execution-list', tasks[0]!['ID']!, '-f', 'json'),
      ) as Record<string, string>[];
      expect(actions).toHaveLength(1);
      expect(await mistral('action-list')).toMatch(/std\.echo/);
      expect(await mistral('execution-list')).toMatch(id);
      await mistral('workflow-delete', 'hello_wf');
      expect(await mistral('workflow-list')).not.toMatch(/hello_wf/);
      expect(harness.logged).toEqual([]);
    }, 180_000); // the CLI takes seconds to start, per command
  },
);
