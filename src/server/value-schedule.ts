import type { Store } from '../store/port.ts';
import { refreshCustomerValues } from '../value/index.ts';

/**
 * Values the customers again every `minutes` when events arrived since the last run, one run at a
 * time; `run` forces one now. Failures are logged, never thrown at the server.
 */
export function scheduleCustomerValues(
  store: Store,
  workspaceId: string,
  minutes: number,
  log: (message: string, error: unknown) => void,
): { run: () => Promise<void>; stop: () => void } {
  let running: Promise<void> = Promise.resolve();
  let valuedAtCount = -1;
  const run = () => {
    running = running
      .catch(() => undefined)
      .then(async () => {
        const count = await store.events.count(workspaceId);
        await refreshCustomerValues(store, workspaceId);
        valuedAtCount = count;
      });
    return running;
  };
  const tick = async () => {
    try {
      if ((await store.events.count(workspaceId)) !== valuedAtCount) await run();
    } catch (error) {
      log('could not value the customers', error);
    }
  };
  const timer = minutes > 0 ? setInterval(() => void tick(), minutes * 60_000) : undefined;
  timer?.unref();
  return {
    run,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
