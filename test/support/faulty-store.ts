import type { EventStore, Store } from '../../src/store/port.ts';

/**
 * Fault injection around a real store: `append` is replaced by `around`, which may delay,
 * count or throw before (or instead of) calling the real append. Everything else is the real store.
 */
export function aroundAppend(
  store: Store,
  around: (real: EventStore['append'], ...args: Parameters<EventStore['append']>) => Promise<void>,
): Store {
  const events = store.events;
  const real: EventStore['append'] = (list, refusals) => events.append(list, refusals);
  return {
    dialect: store.dialect,
    sources: store.sources,
    apiKeys: store.apiKeys,
    identity: store.identity,
    profiles: store.profiles,
    privacy: store.privacy,
    matching: store.matching,
    journeys: store.journeys,
    query: (sql, params) => store.query(sql, params),
    close: () => store.close(),
    events: {
      recentMessageIds: (since) => events.recentMessageIds(since),
      existingMessageIds: (w, ids) => events.existingMessageIds(w, ids),
      count: (w) => events.count(w),
      exportTo: (p, f) => events.exportTo(p, f),
      append: (list, refusals) => around(real, list, refusals),
    },
  };
}

/** The next `state.failures` appends throw as a full disk would, before anything reaches the engine. */
export function failingAppends(store: Store, state: { failures: number }): Store {
  return aroundAppend(store, async (real, list, refusals) => {
    if (state.failures > 0) {
      state.failures -= 1;
      throw new Error('IO Error: No space left on device (injected)');
    }
    return real(list, refusals);
  });
}
