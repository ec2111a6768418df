// A decision in progress: the events decided so far, already folded into
// the state so later steps of the same decision see them.
import type { ExecutionEvent } from '../events.js';
import type { DecideContext } from '../commands.js';
import type { ExecutionFold, ExecutionInfo } from './execution-state.js';
import { evolve } from './evolve.js';

export class Decision {
  readonly events: ExecutionEvent[] = [];

  constructor(
    readonly fold: ExecutionFold,
    readonly ctx: DecideContext,
  ) {}

  emit(event: ExecutionEvent): void {
    this.events.push(event);
    evolve(this.fold, event);
  }

  get info(): ExecutionInfo {
    const info = this.fold.info;
    if (!info) throw new Error('Execution has not started');
    return info;
  }

  get now(): string {
    return this.ctx.now;
  }

  get isFinished(): boolean {
    const s = this.fold.state;
    return s === 'SUCCESS' || s === 'ERROR' || s === 'CANCELLED';
  }
}
