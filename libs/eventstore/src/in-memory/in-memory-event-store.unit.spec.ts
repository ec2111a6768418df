import { describeEventStoreContract } from '../testing/event-store-contract.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

describeEventStoreContract('InMemoryEventStore', async () => {
  // A small batch size so the suite exercises multi-batch catch-up.
  const store = new InMemoryEventStore({ subscriptionBatchSize: 7 });
  return { store, cleanup: () => store.close() };
});
