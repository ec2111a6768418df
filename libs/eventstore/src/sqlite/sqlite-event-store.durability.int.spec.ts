// SQLite-specific behaviour: the file outlives the process, a crash mid-append
// leaves whole appends only, and a second process's appends reach subscribers.
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, newEvents } from '../testing/event-store-contract.js';
import type { RecordedEvent } from '../event-store.js';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(srcDir, '../../..');

describe('SqliteEventStore durability', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sirocco-es-'));
    path = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file (and its directory) and schema, and keeps the data across close and reopen', async () => {
    path = join(dir, 'nested', 'deeper', 'events.db');
    const first = SqliteEventStore.open({ path });
    await first.append('a', newEvents(3), 'no_stream');
    await new SqliteCheckpointStore(first.database()).store('projection', 2);
    await first.close();

    const second = SqliteEventStore.open({ path });
    expect((await second.readStream('a')).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(await new SqliteCheckpointStore(second.database()).load('projection')).toBe(2);
    expect((await second.append('a', newEvents(1), 2)).nextExpectedRevision).toBe(3);
    const versions = second.database().prepare('SELECT version FROM schema_version').all();
    expect(versions).toEqual([{ version: 1 }]);
    expect(second.database().pragma('journal_mode', { simple: true })).toBe('wal');
    expect(second.database().pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    await second.close();
  });

  it('stores a checkpoint in the same transaction as a read-model write', async () => {
    const store = SqliteEventStore.open({ path });
    const db = store.database();
    const checkpoints = new SqliteCheckpointStore(db);
    db.exec('CREATE TABLE read_model (id TEXT PRIMARY KEY)');
    const project = db.transaction((id: string, position: number, fail: boolean) => {
      db.prepare('INSERT INTO read_model (id) VALUES (?)').run(id);
      checkpoints.storeSync('rm', position);
      if (fail) throw new Error('projection failed');
    });
    project('one', 1, false);
    expect(() => project('two', 2, true)).toThrow('projection failed');
    expect(checkpoints.loadSync('rm')).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM read_model').get()).toEqual({ n: 1 });
    expect(await checkpoints.load('unknown')).toBeUndefined();
    await store.close();
  });

  it('a subscriber sees appends by another process (connection) when polling is on', async () => {
    const writer = SqliteEventStore.open({ path });
    const reader = SqliteEventStore.open({ path, externalWriters: { minMs: 10, maxMs: 50 } });
    const seen: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll({}, (event) => {
      seen.push(event);
    });
    await subscription.caughtUp;
    await writer.append('a', newEvents(3), 'no_stream');
    await eventually(() => seen.length === 3);
    await reader.close();
    await writer.close();
  });

  it('a process killed (SIGKILL) while appending leaves every append whole or absent', async () => {
    const childDir = transpileForChild(dir);
    writeFileSync(join(childDir, 'writer.mjs'), WRITER_SCRIPT);
    const child = spawn(process.execPath, [join(childDir, 'writer.mjs'), path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: number[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) acknowledged.push(Number(line));
    });
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_code, signal) => done(signal)),
    );
    await eventually(() => acknowledged.length >= 200 || stderr.length > 0, 20_000);
    expect(stderr).toBe('');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const store = SqliteEventStore.open({ path });
    const all = await store.readAll();
    const byAppend = new Map<number, RecordedEvent[]>();
    for (const event of all) {
      const { append } = event.data as { append: number };
      byAppend.set(append, [...(byAppend.get(append) ?? []), event]);
    }
    for (const [append, events] of byAppend) {
      const { count } = events[0]!.data as { count: number };
      expect(events.length, `append ${append}`).toBe(count);
      expect(events.map((e) => (e.data as { index: number }).index)).toEqual(events.map((_, i) => i));
    }
    // Acknowledged appends survived; appends are numbered without gaps.
    for (const append of acknowledged) expect(byAppend.has(append)).toBe(true);
    expect([...byAppend.keys()]).toEqual([...byAppend.keys()].map((_, i) => i));
    const streams = new Map<string, number[]>();
    for (const event of all)
      streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event.revision]);
    for (const revisions of streams.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
    // Still writable.
    await store.append('after-crash', newEvents(1), 'no_stream');
    await store.close();
  }, 60_000);
});

// Appends forever with increasing append numbers and prints each acknowledged one.
const WRITER_SCRIPT = `
import { SqliteEventStore } from './src/sqlite/sqlite-event-store.js';
const store = SqliteEventStore.open({ path: process.argv[2] });
const pad = 'p'.repeat(20_000);
for (let append = 0; ; append++) {
  const count = 1 + (append % 7);
  const events = Array.from({ length: count }, (_, index) => ({
    eventId: append + '-' + index, type: 'Crash', data: { append, index, count, pad },
  }));
  await store.append('s-' + (append % 13), events, 'any');
  process.stdout.write(append + '\\n');
}
`;

/** Node 20 cannot run TypeScript: transpile the sources into `dir` for a child process. */
function transpileForChild(dir: string): string {
  const out = join(dir, 'child');
  const walk = (from: string): string[] =>
    readdirSync(from).flatMap((name) => {
      const path = join(from, name);
      return statSync(path).isDirectory()
        ? walk(path)
        : path.endsWith('.ts') && !path.endsWith('.spec.ts')
          ? [path]
          : [];
    });
  for (const file of walk(srcDir)) {
    const target = join(out, 'src', relative(srcDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
      },
    });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  symlinkSync(join(repoRoot, 'node_modules'), join(out, 'node_modules'));
  return out;
}
