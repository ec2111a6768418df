// Where a subscriber remembers the last global position it has handled, so it
// resumes with `subscribeToAll({ after: checkpoint })` after a restart.

export interface CheckpointStore {
  /** The stored position, or undefined when the subscriber never stored one. */
  load(name: string): Promise<number | undefined>;
  store(name: string, position: number): Promise<void>;
}
