import { PanoramaError } from '../errors.ts';
import type { SuppressionList } from '../identity/suppression.ts';
import type { Store } from '../store/port.ts';
import type { NewRefusal, StoredEvent } from '../store/types.ts';
import { MessageWindow } from './message-window.ts';

export interface WriteResult {
  stored: number;
  duplicates: number;
  /** Events of erased people, turned away (present only when there were some). */
  suppressed?: number;
}

export interface WriterOptions {
  dedupWindowMs: number;
  /** Events waiting for a write beyond which new requests are turned away (429). */
  maxPendingEvents: number;
  /** Most events put in one write. */
  maxEventsPerWrite: number;
  now?: () => number;
  /** Identifiers of erased people: events carrying one are not stored. */
  suppression?: SuppressionList;
}

/**
 * How duplicates are found: `window` checks the in-memory window of recent API message ids;
 * `store` (imports, whose ids are derived from the file) also asks the store, for all time.
 */
export type DedupMode = 'window' | 'store';

interface Pending {
  events: readonly StoredEvent[];
  /** The events' workspace and message ids, as `keysOf` writes them; made when first needed. */
  keys?: string[];
  /** Set once the request has been answered with a failure. */
  failed?: boolean;
  refusals: readonly NewRefusal[];
  dedup: DedupMode;
  suppressed: number;
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
}

/** A write under way: its requests and how many events they hold. */
interface Write {
  group: Pending[];
  events: number;
}

/** Writes under way at once; the DuckDB store gives each its own connection. */
const concurrentWrites = 2;

/**
 * Group commit: every request waits for the one write that contains it, and requests that
 * arrive while the writes are under way share the next one. Up to two writes run at once, so
 * that one is prepared and sent while the other commits (the second starts once at least half
 * as many events as the first holds are waiting); a request holding a message id that
 * a write under way also holds waits for it to end, so that it is recognised as a duplicate
 * exactly when that write succeeded. A duplicate's id is recorded by the same write as its
 * event, and only once that write has succeeded.
 */
export class EventWriter {
  private readonly window: MessageWindow;
  private queue: Pending[] = [];
  private queuedEvents = 0;
  /** Events waiting: queued, or in a write under way other than the oldest. */
  private pendingEvents = 0;
  /** Writes under way, oldest first. */
  private readonly writes: Write[] = [];
  /** How many writes under way hold each id (`keysOf`). */
  private readonly writingKeys = new Map<string, number>();
  private writing: Promise<void> | undefined;
  private idle: (() => void) | undefined;
  private readonly now: () => number;
  private readonly storedListeners: ((events: readonly StoredEvent[]) => void)[] = [];

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
  write(received: readonly StoredEvent[], refusals: readonly NewRefusal[] = [], dedup: DedupMode = 'window') {
    const suppression = this.options.suppression;
    const events =
      suppression && !suppression.empty ? received.filter((event) => !suppression.holds(event)) : received;
    const suppressed = received.length - events.length;
    if (events.length === 0 && refusals.length === 0 && suppressed > 0) {
      return Promise.resolve<WriteResult>({ stored: 0, duplicates: 0, suppressed });
    }
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
    // Done here, in the request's own turn, the store's preparation (serialising rows) overlaps
    // the write under way instead of delaying the next one.
    this.store.events.prepare?.(events);
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ events, refusals, dedup, suppressed, resolve, reject });
      this.queuedEvents += events.length;
      this.countPending();
      this.pump();
    });
  }

  /** Waits until everything accepted so far is written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /**
   * Calls `listener` with the new events of every write, once that write has committed (never
   * for a write that failed). A listener's error is its own: it cannot fail the write.
   */
  onStored(listener: (events: readonly StoredEvent[]) => void): void {
    this.storedListeners.push(listener);
  }

  get waitingEvents(): number {
    return this.pendingEvents;
  }

  /** Starts writes while there are requests waiting and room for a write. */
  private pump(): void {
    while (this.queue.length > 0 && this.writes.length < concurrentWrites) {
      const size = this.nextGroupSize();
      const group = this.queue.slice(0, size);
      if (this.writes.length > 0) {
        // A second write pays off only when it carries enough: each costs a commit, and a small
        // one would hold a connection that the requests arriving next could fill better.
        if (this.queuedEvents * 2 < (this.writes[0] as Write).events) break;
        if (group.some((request) => this.holdsWritingKey(request))) break;
      }
      this.queue.splice(0, size);
      const write: Write = { group, events: 0 };
      for (const request of group) {
        write.events += request.events.length;
        for (const key of keysOf(request)) this.writingKeys.set(key, (this.writingKeys.get(key) ?? 0) + 1);
      }
      this.queuedEvents -= write.events;
      this.writes.push(write);
      this.countPending();
      this.writing ??= new Promise<void>((resolve) => {
        this.idle = resolve;
      });
      void this.run(write).finally(() => this.finish(write));
    }
  }

  private async run(write: Write): Promise<void> {
    try {
      await this.writeGroup(write.group);
    } catch {
      // One bad request must not fail the others: write each on its own. A request already
      // answered 503 is not written again: that could store what it was told was not kept.
      for (const request of write.group) {
        if (!request.failed) await this.writeGroup([request]).catch(() => undefined);
      }
    }
  }

  private finish(write: Write): void {
    this.writes.splice(this.writes.indexOf(write), 1);
    for (const request of write.group) {
      for (const key of keysOf(request)) {
        const left = (this.writingKeys.get(key) ?? 1) - 1;
        if (left > 0) this.writingKeys.set(key, left);
        else this.writingKeys.delete(key);
      }
    }
    this.countPending();
    this.pump();
    if (this.writes.length === 0 && this.queue.length === 0) {
      const idle = this.idle;
      this.writing = undefined;
      this.idle = undefined;
      idle?.();
    }
  }

  private countPending(): void {
    let events = this.queuedEvents;
    for (let i = 1; i < this.writes.length; i++) events += (this.writes[i] as Write).events;
    this.pendingEvents = events;
  }

  private holdsWritingKey(request: Pending): boolean {
    for (const key of keysOf(request)) if (this.writingKeys.has(key)) return true;
    return false;
  }

  /** How many requests from the head of the queue the next write takes. */
  private nextGroupSize(): number {
    let events = 0;
    let size = 0;
    for (const next of this.queue) {
      if (size > 0 && events + next.events.length > this.options.maxEventsPerWrite) break;
      events += next.events.length;
      size += 1;
    }
    return size;
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
      if (group.length === 1 && group[0]) {
        group[0].failed = true;
        group[0].reject(failure);
      }
      throw failure;
    }
    for (const event of events) {
      if (event.origin === 'api')
        this.window.add(event.workspaceId, event.messageId, event.receivedAt.getTime());
    }
    this.window.expire(this.now());
    if (events.length > 0) this.tellStored(events);
    group.forEach((request, i) => {
      const stored = plans[i]?.length ?? 0;
      const duplicates = request.events.length - stored;
      request.resolve(
        request.suppressed > 0
          ? { stored, duplicates, suppressed: request.suppressed }
          : { stored, duplicates },
      );
    });
  }

  private tellStored(events: readonly StoredEvent[]): void {
    for (const listener of this.storedListeners) {
      try {
        listener(events);
      } catch {
        // The events are stored whatever a listener does with them.
      }
    }
  }

  /** The request's events that are neither in the window, nor earlier in this write, nor (imports) in the store. */
  private async newEvents(request: Pending, seen: Set<string>): Promise<StoredEvent[]> {
    const keys = keysOf(request);
    const fresh = request.events.filter((e, i) => {
      const k = keys[i] as string;
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

function keysOf(request: Pending): string[] {
  request.keys ??= request.events.map((e) => `${e.workspaceId}\u0001${e.messageId}`);
  return request.keys;
}
