import type { IdentityStore, Store } from '../../src/store/port.ts';

/** Milliseconds spent in the identity tables' writes (`apply`, `replace`) since the last reset. */
export class WriteClock {
  ms = 0;
  writes = 0;

  reset(): void {
    this.ms = 0;
    this.writes = 0;
  }

  async time<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.ms += performance.now() - started;
      this.writes += 1;
    }
  }
}

/**
 * The same store, with its identity writes timed: what the graph costs and what DuckDB costs can
 * then be told apart in code that does both (`rebuildIdentity`, `IdentityService`). With `reads`,
 * the time spent waiting for each chunk of `sourceEvents()` (DuckDB, and the text made into
 * events) is counted there, apart from what the caller does with the chunks in between.
 */
export function withTimedIdentityWrites(store: Store, clock: WriteClock, reads?: WriteClock): Store {
  const identity = store.identity;
  const timed = new Proxy(identity, {
    get(target, key) {
      if (key === 'apply' || key === 'replace') {
        const write = Reflect.get(target, key, target) as (...args: unknown[]) => Promise<void>;
        return (...args: unknown[]) => clock.time(() => write.apply(target, args));
      }
      if (key === 'sourceEvents' && reads) return timedChunks(target, reads);
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as IdentityStore;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'identity') return timed;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function timedChunks(identity: IdentityStore, reads: WriteClock): IdentityStore['sourceEvents'] {
  return (request) => ({
    [Symbol.asyncIterator]() {
      const chunks = identity.sourceEvents(request)[Symbol.asyncIterator]();
      return {
        next: () => reads.time(() => chunks.next()),
        return: async () => (await chunks.return?.()) ?? { done: true, value: undefined },
      };
    },
  });
}
