export {
  appendExecutionHistory,
  type HistoryOptions,
  type HistoryTask,
  type WrittenHistory,
} from './execution-history.js';
