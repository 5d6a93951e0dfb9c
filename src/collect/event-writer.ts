import { PanoramaError } from '../errors.ts';
import type { Store } from '../store/port.ts';
import type { NewRefusal, StoredEvent } from '../store/types.ts';
import { MessageWindow } from './message-window.ts';

export interface WriteResult {
  stored: number;
  duplicates: number;
}

export interface WriterOptions {
  dedupWindowMs: number;
  /** Events waiting for a write beyond which new requests are turned away (429). */
  maxPendingEvents: number;
  /** Most events put in one write. */
  maxEventsPerWrite: number;
  now?: () => number;
}

/**
 * How duplicates are found: `window` checks the in-memory window of recent API message ids;
 * `store` (imports, whose ids are derived from the file) also asks the store, for all time.
 */
export type DedupMode = 'window' | 'store';

interface Pending {
  events: readonly StoredEvent[];
  refusals: readonly NewRefusal[];
  dedup: DedupMode;
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: every request waits for the one write that contains it, and requests that
 * arrive while a write is under way share the next one. A duplicate's id is recorded by the
 * same write as its event, and only once that write has succeeded.
 */
export class EventWriter {
  private readonly window: MessageWindow;
  private queue: Pending[] = [];
  private pendingEvents = 0;
  private writing: Promise<void> | undefined;
  private readonly now: () => number;

  private constructor(
    private readonly store: Store,
    private readonly options: WriterOptions,
  ) {
    this.window = new MessageWindow(options.dedupWindowMs);
    this.now = options.now ?? Date.now;
  }

  /** Creates a writer whose window is filled with the ids already stored in it. */
  static async start(store: Store, options: WriterOptions): Promise<EventWriter> {
    const writer = new EventWriter(store, options);
    const since = new Date((options.now ?? Date.now)() - options.dedupWindowMs);
    const recent = await store.events.recentMessageIds(since);
    recent.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    for (const r of recent) writer.window.add(r.workspaceId, r.messageId, r.receivedAt.getTime());
    return writer;
  }

  /** Resolves once the events are durably stored (or recognised as duplicates). */
  write(events: readonly StoredEvent[], refusals: readonly NewRefusal[] = [], dedup: DedupMode = 'window') {
    if (this.pendingEvents > 0 && this.pendingEvents + events.length > this.options.maxPendingEvents) {
      return Promise.reject(
        new PanoramaError(
          'collect.overloaded',
          'Panorama is busy writing earlier events; retry in a moment.',
          {
            retryAfterSeconds: 1,
          },
        ),
      );
    }
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ events, refusals, dedup, resolve, reject });
      this.pendingEvents += events.length;
      this.writing ??= this.drain();
    });
  }

  /** Waits until everything accepted so far is written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  get waitingEvents(): number {
    return this.pendingEvents;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.takeGroup();
        try {
          await this.writeGroup(group);
        } catch {
          // One bad request must not fail the others: write each on its own.
          for (const request of group) await this.writeGroup([request]).catch(() => undefined);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    let events = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Pending;
      if (group.length > 0 && events + next.events.length > this.options.maxEventsPerWrite) break;
      group.push(next);
      events += next.events.length;
      this.queue.shift();
    }
    this.pendingEvents -= events;
    return group;
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    const seen = new Set<string>();
    const plans = await Promise.all(group.map((request) => this.newEvents(request, seen)));
    const events = plans.flat();
    const refusals = group.flatMap((request) => request.refusals);
    try {
      await this.store.events.append(events, refusals);
    } catch (error) {
      const failure = new PanoramaError(
        'store.write_failed',
        'The events could not be written to storage; nothing from this request was kept. Retry it.',
        { cause: (error as Error).message },
      );
      if (group.length === 1) group[0]?.reject(failure);
      throw failure;
    }
    for (const event of events) {
      if (event.origin === 'api')
        this.window.add(event.workspaceId, event.messageId, event.receivedAt.getTime());
    }
    this.window.expire(this.now());
    group.forEach((request, i) => {
      const stored = plans[i]?.length ?? 0;
      request.resolve({ stored, duplicates: request.events.length - stored });
    });
  }

  /** The request's events that are neither in the window, nor earlier in this write, nor (imports) in the store. */
  private async newEvents(request: Pending, seen: Set<string>): Promise<StoredEvent[]> {
    const fresh = request.events.filter((e) => {
      const k = `${e.workspaceId}\u0001${e.messageId}`;
      if (seen.has(k) || this.window.has(e.workspaceId, e.messageId)) return false;
      seen.add(k);
      return true;
    });
    if (request.dedup === 'window' || fresh.length === 0) return fresh;
    const workspaceId = fresh[0]?.workspaceId as string;
    const known = await this.store.events.existingMessageIds(
      workspaceId,
      fresh.map((e) => e.messageId),
    );
    return fresh.filter((e) => e.workspaceId !== workspaceId || !known.has(e.messageId));
  }
}
