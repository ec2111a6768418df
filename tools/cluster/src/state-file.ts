// The cluster's state on disk, so `cluster:stop` (another process) stops
// exactly what `cluster:start` started.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './apps.js';
import type { ClusterState } from './cluster.js';

export const DEFAULT_STATE_FILE = join(REPO_ROOT, '.sirocco', 'cluster.json');

export const writeState = (file: string, state: ClusterState): void => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
};

export const readState = (file: string): ClusterState | undefined =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterState) : undefined;

export const removeState = (file: string): void => rmSync(file, { force: true });
