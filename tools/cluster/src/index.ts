export { startCluster, stopCluster, restartApp, type ClusterOptions, type ClusterState } from './cluster.js';
export { type AppProcess, type Role, REPO_ROOT } from './apps.js';
export { stopProcess, isAlive } from './processes.js';
export { freePort } from './ports.js';
