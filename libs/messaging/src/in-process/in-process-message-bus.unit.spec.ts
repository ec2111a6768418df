import { describeMessageBusContract } from '../testing/message-bus-contract.js';
import { InProcessMessageBus } from './in-process-message-bus.js';

describeMessageBusContract('InProcessMessageBus', async () => {
  const bus = new InProcessMessageBus();
  return { bus, cleanup: () => bus.close() };
});
