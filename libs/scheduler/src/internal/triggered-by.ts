// Mistral's execution description for a triggered run: JSON text with
// Python's separators, which clients parse (`triggered_by` names the trigger).
export const triggeredByDescription = (
  type: 'cron_trigger' | 'event_trigger',
  triggerId: string,
  triggerName: string,
): string => {
  const q = (s: string) => JSON.stringify(s);
  const what = type === 'cron_trigger' ? 'cron trigger' : 'event trigger';
  const text = `Workflow execution created by ${what} '(${triggerId})'.`;
  return `{"description": ${q(text)}, "triggered_by": {"type": ${q(type)}, "id": ${q(triggerId)}, "name": ${q(triggerName)}}}`;
};
