// Publishes an action's outcome to the engine. The msgId makes a second
// publish of the same outcome (a retried publish) a no-op on the bus; the
// outcome of a later delivery of the work item (the action ran again) has
// its own msgId, so the engine hears of the second run and records it.
import { SUBJECTS, type ActionResultReported, type MessageBus } from '@sirocco/messaging';

export const resultMsgId = (actionExecutionId: string, workDeliveries = 1): string =>
  workDeliveries > 1 ? `result-${actionExecutionId}-${workDeliveries}` : `result-${actionExecutionId}`;

export function resultMessage(
  ids: { executionId: string; actionExecutionId: string },
  state: 'SUCCESS' | 'ERROR',
  output: unknown,
  workDeliveries = 1,
): ActionResultReported {
  const safe = jsonSafe(output);
  const { executionId, actionExecutionId } = ids;
  const delivery = workDeliveries > 1 ? { workDeliveries } : {};
  return safe.ok
    ? { kind: 'ActionResultReported', executionId, actionExecutionId, state, output: safe.value, ...delivery }
    : // Mistral too fails an action whose result cannot be sent.
      {
        kind: 'ActionResultReported',
        executionId,
        actionExecutionId,
        state: 'ERROR',
        output: `Failed to complete action: its result cannot be serialized to JSON (${safe.reason})`,
        ...delivery,
      };
}

/** Publishes, retrying briefly: a transient bus error should not re-run an action that already ran. */
export async function publishResult(
  bus: MessageBus,
  message: ActionResultReported,
  attempts: number,
  retryDelayMs: number,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await bus.publish(SUBJECTS.engine(message.executionId), message, {
        msgId: resultMsgId(message.actionExecutionId, message.workDeliveries),
      });
      return;
    } catch (e) {
      if (attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, retryDelayMs * attempt));
    }
  }
}

function jsonSafe(value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    const text = JSON.stringify(value);
    return { ok: true, value: text === undefined ? null : (JSON.parse(text) as unknown) };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
