// State names exactly as Mistral spells them: clients compare these strings.

export type ExecutionState = 'IDLE' | 'RUNNING' | 'PAUSED' | 'SUCCESS' | 'ERROR' | 'CANCELLED';
export type TaskState =
  | 'IDLE'
  | 'WAITING'
  | 'RUNNING'
  | 'RUNNING_DELAYED'
  | 'PAUSED'
  | 'SUCCESS'
  | 'ERROR'
  | 'CANCELLED';
export type ActionState = 'IDLE' | 'RUNNING' | 'PAUSED' | 'SUCCESS' | 'ERROR' | 'CANCELLED';

const TERMINAL = new Set<string>(['SUCCESS', 'ERROR', 'CANCELLED']);

export const isTerminalState = (state: string): boolean => TERMINAL.has(state);
