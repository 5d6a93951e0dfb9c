import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aroundAppend } from '../../test/support/faulty-store.ts';
import { temporaryDataDir } from '../../test/support/panorama.ts';
import { openDuckDBStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/port.ts';
import type { Source, StoredEvent } from '../store/types.ts';
import { EventWriter, type WriterOptions } from './event-writer.ts';
import { toStoredEvent } from './to-stored-event.ts';

const day = 86_400_000;
const source: Source = {
  id: 'src_test',
  workspaceId: 'default',
  name: 'test',
  channel: 'web',
  writeKey: 'wk_test',
  createdAt: new Date(0),
};
let data: ReturnType<typeof temporaryDataDir>;
let store: Store;
let clock: number;
const options = (more: Partial<WriterOptions> = {}): WriterOptions => ({
  dedupWindowMs: 7 * day,
  maxPendingEvents: 10_000,
  maxEventsPerWrite: 1_000,
  now: () => clock,
  ...more,
});

function event(messageId: string, origin: 'api' | 'import' = 'api'): StoredEvent {
  const receivedAt = new Date(clock);
  return toStoredEvent({ messageId, userId: 'u', event: 'E' }, 'track', { source, receivedAt, origin });
}

beforeEach(async () => {
  clock = Date.parse('2026-06-01T00:00:00Z');
  data = temporaryDataDir();
  store = await openDuckDBStore(data.dir);
});
afterEach(async () => {
  await store.close();
  data.remove();
});

describe('EventWriter', () => {
  it('recognises a retry for the whole window and no longer after it', async () => {
    const writer = await EventWriter.start(store, options());
    expect(await writer.write([event('m1')])).toEqual({ stored: 1, duplicates: 0 });
    clock += 7 * day - 1;
    expect(await writer.write([event('m1')])).toEqual({ stored: 0, duplicates: 1 });
    clock += 2 * day;
    await writer.write([event('other')]); // a write expires what has left the window
    expect(await writer.write([event('m1')])).toEqual({ stored: 1, duplicates: 0 });
  });

  it('still recognises retries after a restart', async () => {
    await (await EventWriter.start(store, options())).write([event('before-restart')]);
    await store.close();
    store = await openDuckDBStore(data.dir);
    const writer = await EventWriter.start(store, options());
    expect(await writer.write([event('before-restart')])).toEqual({ stored: 0, duplicates: 1 });
  });

  it('finds import duplicates in the store, whenever they were imported', async () => {
    const writer = await EventWriter.start(store, options());
    await writer.write([event('imp-1', 'import')], [], 'store');
    clock += 365 * day;
    expect(await writer.write([event('imp-1', 'import'), event('imp-2', 'import')], [], 'store')).toEqual({
      stored: 1,
      duplicates: 1,
    });
  });

  it('groups concurrent requests into shared writes, each answered with its own counts', async () => {
    let appends = 0;
    const counting = aroundAppend(store, async (real, e, r) => {
      appends += 1;
      return real(e, r);
    });
    const writer = await EventWriter.start(counting, options());
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => writer.write([event(`g-${i}`), event(`g-${i}`)])),
    );
    expect(answers.every((a) => a.stored === 1 && a.duplicates === 1)).toBe(true);
    expect(appends).toBeLessThan(20);
    expect(await store.events.count()).toBe(20);
  });

  it('turns requests away with collect.overloaded when too many events wait', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const slow = aroundAppend(store, async (real, e, r) => {
      await gate;
      return real(e, r);
    });
    const writer = await EventWriter.start(slow, options({ maxPendingEvents: 5 }));
    const first = writer.write([event('a')]); // being written
    const second = writer.write([event('b'), event('c'), event('d')]); // waiting
    await expect(writer.write([event('e'), event('f'), event('g')])).rejects.toMatchObject({
      code: 'collect.overloaded',
      status: 429,
    });
    open();
    await Promise.all([first, second]);
    expect(await store.events.count()).toBe(4);
  });

  it('fails only the request whose write fails, and records nothing of it', async () => {
    const picky = aroundAppend(store, async (real, e, r) => {
      if (e.some((x) => x.messageId === 'poison')) throw new Error('conversion error');
      return real(e, r);
    });
    const writer = await EventWriter.start(picky, options());
    const results = await Promise.allSettled([
      writer.write([event('fine-1')]),
      writer.write([event('poison'), event('with-poison')]),
      writer.write([event('fine-2')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'store.write_failed',
      status: 503,
    });
    const ids = await store.query<{ message_id: string }>('SELECT message_id FROM events ORDER BY 1');
    expect(ids.map((r) => r.message_id)).toEqual(['fine-1', 'fine-2']);
    // The failed ids were not recorded as seen: the retry is stored.
    const retry = await (await EventWriter.start(store, options())).write([event('with-poison')]);
    expect(retry.stored).toBe(1);
  });

  it('runs two writes at once, each on its own connection', async () => {
    let running = 0;
    let most = 0;
    const watched = aroundAppend(store, async (real, e, r) => {
      running += 1;
      most = Math.max(most, running);
      try {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return await real(e, r);
      } finally {
        running -= 1;
      }
    });
    const writer = await EventWriter.start(watched, options());
    await Promise.all([
      writer.write([event('c-1')]),
      writer.write([event('c-2')]),
      writer.write([event('c-3')]),
    ]);
    expect(most).toBe(2);
    expect(await store.events.count()).toBe(3);
  });

  it('holds a retry back while the write of the same id is under way, then counts it a duplicate', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const appended: string[][] = [];
    const slow = aroundAppend(store, async (real, e, r) => {
      appended.push(e.map((x) => x.messageId));
      if (e.some((x) => x.messageId === 'r-1')) await gate;
      return real(e, r);
    });
    const writer = await EventWriter.start(slow, options());
    const first = writer.write([event('r-1')]);
    const retry = writer.write([event('r-1'), event('r-2')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(appended).toEqual([['r-1']]); // the retry did not start beside the first write
    open();
    expect(await first).toEqual({ stored: 1, duplicates: 0 });
    expect(await retry).toEqual({ stored: 1, duplicates: 1 });
    expect(await store.events.count()).toBe(2);
  });

  it('stores a retry held back behind a write that then failed', async () => {
    let failures = 1;
    const flaky = aroundAppend(store, async (real, e, r) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (failures > 0) {
        failures -= 1;
        throw new Error('IO Error (injected)');
      }
      return real(e, r);
    });
    const writer = await EventWriter.start(flaky, options());
    const results = await Promise.allSettled([writer.write([event('f-1')]), writer.write([event('f-1')])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((results[1] as PromiseFulfilledResult<unknown>).value).toEqual({ stored: 1, duplicates: 0 });
    expect(await store.events.count()).toBe(1);
  });
});
