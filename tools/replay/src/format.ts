// Human-readable lines for replay and what-if reports.
import type { Mismatch, ReplayReport, WhatIfExecutionReport } from '@sirocco/audit';

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));
const mismatchLines = (ms: readonly Mismatch[]): string[] =>
  ms.map((m) => `    ${m.path}: events say ${show(m.expected)}, found ${show(m.actual)}`);

export function formatReplay(r: ReplayReport): string {
  const head = `${r.executionId}: ${r.consistent ? 'consistent' : 'MISMATCH'} (${r.eventCount} events, state ${r.state})`;
  return [head, ...mismatchLines(r.mismatches)].join('\n');
}

export function formatWhatIf(r: WhatIfExecutionReport): string {
  const version =
    r.definitionRevision !== undefined
      ? `definition revision ${r.definitionRevision}`
      : 'the given definition';
  const head = `${r.executionId} (${r.workflowName}, ran revision ${r.recordedDefinitionRevision}) against ${version}:`;
  switch (r.outcome) {
    case 'same':
      return `${head} same decisions (${r.commandsReplayed} commands, ${r.eventsCompared} events)`;
    case 'incomplete':
      return `${head} stopped at revision ${r.stopped?.revision}: ${r.stopped?.reason}`;
    case 'differs': {
      const d = r.difference!;
      return [
        `${head} DIFFERS at revision ${d.revision} (while re-driving ${d.command}): ${d.reason}`,
        ...(d.recorded ? [`    recorded: ${d.recorded.type} ${JSON.stringify(d.recorded.data)}`] : []),
        ...(d.decided ? [`    decided:  ${d.decided.type} ${JSON.stringify(d.decided.data)}`] : []),
        ...mismatchLines(d.mismatches),
      ].join('\n');
    }
  }
}
