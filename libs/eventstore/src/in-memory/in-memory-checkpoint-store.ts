import type { CheckpointStore } from '../checkpoint-store.js';

export class InMemoryCheckpointStore implements CheckpointStore {
  readonly #positions = new Map<string, number>();

  async load(name: string): Promise<number | undefined> {
    return this.#positions.get(name);
  }

  async store(name: string, position: number): Promise<void> {
    this.#positions.set(name, position);
  }
}
