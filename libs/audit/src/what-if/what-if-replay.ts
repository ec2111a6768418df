// What-if replay: run a recorded history's inputs through another version of
// its workflow definition and find the first decision that differs. The
// decider is pure, so the recorded inputs (start request, action results,
// timer firings) drive it exactly as the engine did, with the recorded
// clock; only generated ids differ, and those are matched positionally.
import type { WorkflowSpec } from '@sirocco/dsl';
import {
  decide,
  initialExecutionFold,
  type ActionDescriptor,
  type ExecutionCommand,
  type ExecutionEvent,
} from '@sirocco/workflow';
import type { Mismatch } from '../diff.js';
import { compareEvents } from './compare-events.js';
import { IdMap } from './id-map.js';
import { commandFor, nextInputIndex } from './recorded-commands.js';

export interface WhatIfOptions {
  /** Revision of the definition stream the other spec came from; -1 for a file. */
  readonly definitionRevision?: number;
  /** Action lookup for the decider; default accepts any action with any input. */
  readonly resolveAction?: (name: string, namespace: string) => ActionDescriptor | undefined;
  readonly timerCommand?: (timerId: string) => ExecutionCommand;
}

export interface WhatIfDifference {
  /** Revision of the recorded event where the runs part (when the other run decides more: the next recorded input). */
  readonly revision: number;
  /** The command being re-driven when the runs parted. */
  readonly command: ExecutionCommand['type'];
  readonly recorded: ExecutionEvent | undefined;
  readonly decided: ExecutionEvent | undefined;
  readonly mismatches: readonly Mismatch[];
  readonly reason: string;
}

export interface WhatIfReport {
  /** `same`: every decision matched; `differs`: see `difference`; `incomplete`: stopped before the end, see `stopped`. */
  readonly outcome: 'same' | 'differs' | 'incomplete';
  readonly commandsReplayed: number;
  readonly eventsCompared: number;
  readonly difference?: WhatIfDifference;
  readonly stopped?: { readonly revision: number; readonly reason: string };
}

const anyAction = (name: string): ActionDescriptor => ({ name, input: [], acceptsAnyInput: true });

export function whatIfReplay(
  history: readonly ExecutionEvent[],
  spec: WorkflowSpec,
  options: WhatIfOptions = {},
): WhatIfReport {
  const ids = new IdMap();
  const fold = initialExecutionFold();
  let generated = 0;
  let commandsReplayed = 0;
  let eventsCompared = 0;
  const commandOptions = {
    spec,
    definitionRevision: options.definitionRevision ?? -1,
    ...(options.timerCommand ? { timerCommand: options.timerCommand } : {}),
  };
  const differs = (difference: WhatIfDifference): WhatIfReport => ({
    outcome: 'differs',
    commandsReplayed,
    eventsCompared,
    difference,
  });

  for (let i = 0; i < history.length;) {
    const input = history[i]!;
    const end = nextInputIndex(history, i);
    const recorded = commandFor(input, ids, commandOptions);
    if (!recorded.ok) {
      return {
        outcome: 'incomplete',
        commandsReplayed,
        eventsCompared,
        stopped: { revision: i, reason: recorded.reason },
      };
    }
    const { command } = recorded;
    let decided: ExecutionEvent[];
    try {
      decided = decide(fold, command, {
        now: input.data.at,
        newId: () => `what-if-${++generated}`,
        resolveAction: options.resolveAction ?? anyAction,
      });
    } catch (e) {
      const reason = `the other version rejects ${command.type}: ${e instanceof Error ? e.message : String(e)}`;
      return differs({
        revision: i,
        command: command.type,
        recorded: input,
        decided: undefined,
        mismatches: [],
        reason,
      });
    }
    commandsReplayed++;
    for (let j = 0; j < Math.max(decided.length, end - i); j++) {
      const r = i + j < end ? history[i + j] : undefined;
      const d = decided[j];
      const at = i + j;
      if (!d) {
        return differs({
          revision: at,
          command: command.type,
          recorded: r,
          decided: undefined,
          mismatches: [],
          reason: `recorded ${r!.type}, the other version decides nothing more`,
        });
      }
      if (!r) {
        return differs({
          revision: at,
          command: command.type,
          recorded: undefined,
          decided: d,
          mismatches: [],
          reason: `the other version also decides ${d.type}`,
        });
      }
      eventsCompared++;
      const mismatches = compareEvents(d, r, ids);
      if (mismatches.length > 0) {
        return differs({
          revision: at,
          command: command.type,
          recorded: r,
          decided: d,
          mismatches,
          reason: `${r.type} differs`,
        });
      }
    }
    i = end;
  }
  return { outcome: 'same', commandsReplayed, eventsCompared };
}
