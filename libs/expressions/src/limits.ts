/** Resource bounds that make runaway expressions fail instead of hanging or exhausting memory. */
import { LimitError } from './python/errors.js';

export interface Limits {
  /** Interpreter steps (node evaluations and iterations) per evaluation. */
  readonly maxSteps: number;
  /** Nesting depth of evaluation (recursion). */
  readonly maxDepth: number;
  /** Longest string an operation may produce (characters). */
  readonly maxStringLength: number;
  /** Largest collection an operation may produce (items). */
  readonly maxItems: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxSteps: 1_000_000,
  maxDepth: 400,
  maxStringLength: 10_000_000,
  maxItems: 1_000_000,
};

const MAX_INT_BITS = 4_000_000;
const HUGE = 1n << 100_000n;

/** Per-evaluation counters checked by the interpreters. */
export class Budget {
  private steps = 0;
  depth = 0;
  constructor(readonly limits: Limits = DEFAULT_LIMITS) {}

  step(n = 1): void {
    this.steps += n;
    if (this.steps > this.limits.maxSteps) {
      throw new LimitError(`expression exceeded the step limit (${this.limits.maxSteps})`);
    }
  }

  enter(): void {
    if (++this.depth > this.limits.maxDepth) {
      this.depth = 0;
      throw new LimitError(`expression exceeded the nesting depth limit (${this.limits.maxDepth})`);
    }
  }

  leave(): void {
    this.depth--;
  }

  /** Fails when a produced string or collection is larger than allowed. */
  size<T>(v: T): T {
    if (typeof v === 'string' && v.length > this.limits.maxStringLength) {
      throw new LimitError(
        `expression produced a string longer than ${this.limits.maxStringLength} characters`,
      );
    }
    if (typeof v === 'bigint' && (v > HUGE || v < -HUGE) && v.toString(16).length * 4 > MAX_INT_BITS) {
      throw new LimitError(`expression produced an integer larger than ${MAX_INT_BITS} bits`);
    }
    if (Array.isArray(v) && v.length > this.limits.maxItems) {
      throw new LimitError(`expression produced a collection larger than ${this.limits.maxItems} items`);
    }
    return v;
  }

  /** Checks a planned size before allocating it; allocation counts towards the step budget. */
  plan(length: number, kind: 'string' | 'items'): void {
    this.step(kind === 'string' ? Math.floor(length / 64) : length);
    this.check(length, kind);
  }

  /** Fails when a size is larger than allowed (no step charge). */
  check(length: number, kind: 'string' | 'items'): void {
    const max = kind === 'string' ? this.limits.maxStringLength : this.limits.maxItems;
    if (length > max)
      throw new LimitError(
        `expression would produce a ${kind === 'string' ? 'string' : 'collection'} larger than ${max}`,
      );
  }
}
