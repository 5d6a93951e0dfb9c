import { type IdentifierSettings, identifierKey } from '../identity/identifiers/index.ts';
import type { Store } from '../store/port.ts';
import type { KeptValue, ViewCache } from '../store/view-cache.ts';
import {
  type CustomerView,
  computedValueOf,
  customerView,
  findCustomer,
  unknownIdentifier,
} from './customer-view.ts';
import { parseIdentifierQuery } from './identifier-query.ts';
import { ViewChanges } from './view-cache-changes.ts';
import { keptValueOf, keptViewOf, viewFormat, viewFromKept } from './view-cache-json.ts';
import { type ViewChange, watchViewWrites } from './view-cache-store.ts';
import { type PassEnd, type WarmUpDeps, warmValues, warmViews } from './view-cache-warm-up.ts';

/** Where the customer API reads views from: the store each time, or the view cache. */
export interface CustomerViews {
  view(workspaceId: string, profileId: string): Promise<CustomerView>;
  /** The customer holding an identifier given as `type:value`. */
  find(workspaceId: string, identifier: string, settings?: IdentifierSettings): Promise<CustomerView>;
}

/** Views read from the store on every request (the view cache off). */
export function storeViews(store: Store): CustomerViews {
  return {
    view: (workspaceId, profileId) => customerView(store, workspaceId, profileId),
    find: (workspaceId, identifier, settings) => findCustomer(store, workspaceId, identifier, settings),
  };
}

export interface ViewCacheOptions {
  /** The workspaces served from the cache; views of others are read from the store. */
  workspaces: readonly string[];
  log?: (message: string) => void;
  error?: (message: string, error: unknown) => void;
  /** Profiles read per warm-up batch. */
  batchSize?: number;
  /** How long to wait after every view changed before warming up again (a rebuild writes twice). */
  warmUpDelayMs?: number;
}

export type ViewCacheState = 'checking' | 'warming' | 'ready' | 'off' | 'closed';

/**
 * Serves customer views from a cache beside the store (`ViewCache`), without a query per request
 * once warm, and never answers what the store would not: every write that may change a view goes
 * through `store` (the same store, watched) and forgets it first; a view read from the store is
 * kept only if nothing changed it meanwhile; at start-up the cache is emptied unless the digest of
 * the store's view tables is the one written at the last clean stop (so a CLI rebuild, an erasure
 * or a crash in between is noticed). A miss reads the store as before and keeps what it read; a
 * background pass fills every view after start-up and after every view changed.
 *
 * @example
 * const views = new CustomerViewCache(store, openLmdbViewCache(dir), { workspaces: ['default'] });
 * views.start();
 * await views.find('default', 'email:jane@example.com');
 */
export class CustomerViewCache implements CustomerViews {
  /** The store to write through: each write that may change views tells the cache. */
  readonly store: Store;
  private readonly changes = new ViewChanges();
  private readonly serving = new Set<string>();
  private readonly checking = new Set<string>();
  private readonly valuesComplete = new Set<string>();
  private readonly keeping = new Set<Promise<unknown>>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; pass: 'views' | 'values' }>();
  private readonly warmUp: WarmUpDeps;
  private warming: Promise<unknown> = Promise.resolve();
  private checked: Promise<void> = Promise.resolve();
  private passes = 0;
  private writes = 0;
  private writesOver: (() => void) | undefined;
  private closing = false;
  /** Views being asked for, and when one last was: a warm-up pass then gives requests the most time. */
  private asking = 0;
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  /** False once the cache may disagree with the store in a way a restart could not tell. */
  private stampable = true;

  constructor(
    private readonly engine: Store,
    private readonly cache: ViewCache,
    private readonly options: ViewCacheOptions,
  ) {
    this.store = watchViewWrites(engine, { around: (w, write, change) => this.around(w, write, change) });
    this.warmUp = {
      engine,
      changes: this.changes,
      keepViews: async (w, views, since) => {
        await this.keep(w, views, since);
      },
      keepValues: async (w, values, since) => {
        await this.keepValues(w, values, since);
      },
      batchSize: options.batchSize ?? 5_000,
      busy: () => this.asking > 0 || performance.now() - this.lastRequestAt < 200,
      log: options.log ?? (() => {}),
    };
  }

  /** Checks the cache against the store, then serves from it and warms it up (in the background). */
  start(): Promise<void> {
    this.checked = Promise.all(this.options.workspaces.map((w) => this.check(w))).then(() => undefined);
    return this.checked;
  }

  /** Whether views come from the cache yet, and whether a pass is filling it. */
  get state(): ViewCacheState {
    if (this.closing) return 'closed';
    if (this.checking.size > 0) return 'checking';
    // Every workspace is read from the store: the cache could not be checked or kept true.
    if (this.serving.size === 0) return 'off';
    return this.timers.size > 0 || this.passes > 0 ? 'warming' : 'ready';
  }

  view(workspaceId: string, profileId: string): Promise<CustomerView> {
    return this.asked(() => this.viewOf(workspaceId, profileId));
  }

  find(workspaceId: string, identifier: string, settings?: IdentifierSettings): Promise<CustomerView> {
    return this.asked(() => this.found(workspaceId, identifier, settings));
  }

  private async asked<T>(answer: () => Promise<T>): Promise<T> {
    this.asking += 1;
    try {
      return await answer();
    } finally {
      this.asking -= 1;
      this.lastRequestAt = performance.now();
    }
  }

  private async viewOf(workspaceId: string, profileId: string): Promise<CustomerView> {
    if (!this.serving.has(workspaceId)) return customerView(this.engine, workspaceId, profileId);
    const since = this.changes.begin();
    try {
      return (
        (await this.kept(workspaceId, profileId, since)) ?? (await this.read(workspaceId, profileId, since))
      );
    } finally {
      this.changes.end(since);
    }
  }

  private async found(
    workspaceId: string,
    identifier: string,
    settings?: IdentifierSettings,
  ): Promise<CustomerView> {
    if (!this.serving.has(workspaceId)) return findCustomer(this.engine, workspaceId, identifier, settings);
    const { type, value } = parseIdentifierQuery(identifier, settings);
    const since = this.changes.begin();
    try {
      const held = await this.cache.profileHolding(workspaceId, identifierKey({ type, value }));
      const view = held ? await this.kept(workspaceId, held, since) : undefined;
      if (view?.identities.some((i) => i.type === type && i.value === value)) return view;
      const profileId = await this.engine.profiles.findByIdentifier(workspaceId, type, value);
      if (!profileId) throw unknownIdentifier(type, value);
      return (
        (await this.kept(workspaceId, profileId, since)) ?? (await this.read(workspaceId, profileId, since))
      );
    } finally {
      this.changes.end(since);
    }
  }

  /** Stops the passes, waits for the writes under way, then notes what the cache reflects. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.checked;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.warming;
    while (this.writes > 0) await new Promise<void>((resolve) => (this.writesOver = resolve));
    await Promise.allSettled([...this.keeping]);
    try {
      if (this.stampable)
        for (const workspaceId of this.serving)
          await this.cache.setNote(workspaceId, 'stamp', await this.stampOf(workspaceId));
    } catch (error) {
      this.options.error?.(
        'view cache: could not note what it holds; it is emptied at the next start',
        error,
      );
    }
    this.closed = true;
    await this.cache.close();
  }

  /** A view kept in the cache, its value block from the cache or the store; undefined on a miss. */
  private async kept(
    workspaceId: string,
    profileId: string,
    since: number,
  ): Promise<CustomerView | undefined> {
    const kept = await this.cache.view(workspaceId, profileId);
    if (!kept || this.changes.viewChangedSince(workspaceId, profileId, since)) return undefined;
    let value = await this.cache.value(workspaceId, profileId);
    if (this.changes.valueChangedSince(workspaceId, profileId, since)) value = undefined;
    else if (value === undefined && this.valuesComplete.has(workspaceId)) value = null;
    if (value === undefined) {
      const row = await this.engine.profiles.value(workspaceId, profileId);
      value = keptValueOf(row ? computedValueOf(row) : null);
      if (this.changes.viewChangedSince(workspaceId, profileId, since)) return undefined;
      void this.keepValues(workspaceId, [{ profileId, json: value }], since);
    }
    return viewFromKept(kept.json, value);
  }

  private async read(workspaceId: string, profileId: string, since: number): Promise<CustomerView> {
    const view = await customerView(this.engine, workspaceId, profileId);
    void this.keep(workspaceId, [view], since);
    return view;
  }

  /**
   * Keeps the views nothing changed since `since`, each with its value block in the same write
   * unless a valuation came meanwhile (a view seen without its value would pass for one without).
   */
  private keep(workspaceId: string, views: readonly CustomerView[], since: number): Promise<unknown> {
    const fresh = views
      .filter((v) => !this.changes.viewChangedSince(workspaceId, v.id, since))
      .map((v) =>
        this.changes.valueChangedSince(workspaceId, v.id, since)
          ? keptViewOf(v)
          : { ...keptViewOf(v), value: keptValueOf(v.value) },
      );
    return fresh.length > 0 ? this.track(this.cache.keepViews(workspaceId, fresh)) : Promise.resolve();
  }

  private keepValues(workspaceId: string, values: readonly KeptValue[], since: number): Promise<unknown> {
    const fresh = values.filter((v) => !this.changes.valueChangedSince(workspaceId, v.profileId, since));
    return fresh.length > 0 ? this.track(this.cache.keepValues(workspaceId, fresh)) : Promise.resolve();
  }

  /** A keep that fails leaves the cache as it was: only logged. */
  private track(keeping: Promise<void>): Promise<void> {
    const tracked = keeping.catch((error) => this.options.error?.('view cache: could not keep views', error));
    this.keeping.add(tracked);
    void tracked.finally(() => this.keeping.delete(tracked));
    return tracked;
  }

  private async around<T>(
    workspaceId: string | undefined,
    write: () => Promise<T>,
    change: ViewChange,
  ): Promise<T> {
    // A write once closing has begun may come after the digest: the next start must not trust it.
    if (this.closing) this.stampable = false;
    this.writes += 1;
    try {
      return await write();
    } finally {
      const workspaces = workspaceId === undefined ? this.options.workspaces : [workspaceId];
      if (workspaceId === undefined) this.stampable = false;
      for (const w of workspaces) await this.forget(w, change);
      this.writes -= 1;
      if (this.writes === 0) this.writesOver?.();
      if (this.writes === 0) this.writesOver = undefined;
    }
  }

  /** Forgets what a write changed; if the cache cannot, it stops serving the workspace. */
  private async forget(workspaceId: string, change: ViewChange): Promise<void> {
    if (this.closed) {
      this.stampable = false;
      return;
    }
    let removal: Promise<void>;
    if (change === 'all') {
      removal = this.cache.forgetWorkspace(workspaceId);
      this.changes.workspaceChanged(workspaceId, removal);
      this.valuesComplete.delete(workspaceId);
      this.schedule(workspaceId, 'views');
    } else if (change === 'values') {
      removal = this.cache
        .forgetValues(workspaceId)
        .then(() => this.cache.setNote(workspaceId, 'values', undefined));
      this.changes.valuesChanged(workspaceId, removal);
      this.valuesComplete.delete(workspaceId);
      this.schedule(workspaceId, 'values');
    } else {
      if (change.length === 0) return;
      removal = this.cache.forgetProfiles(workspaceId, change);
      this.changes.profilesChanged(workspaceId, change, removal);
    }
    try {
      await removal;
    } catch (error) {
      this.serving.delete(workspaceId);
      this.stampable = false;
      this.options.error?.(
        `view cache: could not forget changed views; ${workspaceId} is read from the store`,
        error,
      );
    }
  }

  private async check(workspaceId: string): Promise<void> {
    this.checking.add(workspaceId);
    const since = this.changes.begin();
    try {
      const stamp = await this.cache.note(workspaceId, 'stamp');
      // Until the next clean stop, no stamp: a crash leaves the cache to be emptied.
      await this.cache.setNote(workspaceId, 'stamp', undefined);
      const trusted = stamp !== undefined && stamp === (await this.stampOf(workspaceId));
      if (!trusted || this.changes.workspaceChangedSince(workspaceId, since)) {
        const removal = this.cache.forgetWorkspace(workspaceId);
        this.changes.workspaceChanged(workspaceId, removal);
        await removal;
        this.options.log?.(
          `view cache: emptied for ${workspaceId} (${stamp ? 'the data changed' : 'not stopped cleanly'})`,
        );
      } else if (
        (await this.cache.note(workspaceId, 'values')) === 'complete' &&
        !this.changes.valuesChangedSince(workspaceId, since)
      )
        this.valuesComplete.add(workspaceId);
      if (this.closing) return;
      this.serving.add(workspaceId);
      if ((await this.cache.note(workspaceId, 'warm')) !== 'done') this.schedule(workspaceId, 'views', 0);
      else if (!this.valuesComplete.has(workspaceId)) this.schedule(workspaceId, 'values', 0);
    } catch (error) {
      this.stampable = false;
      this.options.error?.(`view cache: could not check it; ${workspaceId} is read from the store`, error);
    } finally {
      this.changes.end(since);
      this.checking.delete(workspaceId);
    }
  }

  private async stampOf(workspaceId: string): Promise<string> {
    return `${viewFormat}:${await this.engine.profiles.viewsDigest(workspaceId)}`;
  }

  /** Runs a pass over the workspace after a short delay; a views pass covers the values too. */
  private schedule(
    workspaceId: string,
    pass: 'views' | 'values',
    delayMs = this.options.warmUpDelayMs ?? 1_000,
  ) {
    if (this.closing || !this.options.workspaces.includes(workspaceId)) return;
    const waiting = this.timers.get(workspaceId);
    if (waiting) clearTimeout(waiting.timer);
    const kind = waiting?.pass === 'views' ? 'views' : pass;
    const timer = setTimeout(() => {
      this.timers.delete(workspaceId);
      this.passes += 1;
      this.warming = this.warming
        .then(() => this.runPass(workspaceId, kind))
        .finally(() => (this.passes -= 1));
    }, delayMs);
    timer.unref();
    this.timers.set(workspaceId, { timer, pass: kind });
  }

  private async runPass(workspaceId: string, pass: 'views' | 'values'): Promise<void> {
    if (this.closing || !this.serving.has(workspaceId)) return;
    const from = this.changes.begin();
    const stop = () => this.closing || !this.serving.has(workspaceId);
    try {
      const end: PassEnd =
        pass === 'views'
          ? await warmViews(this.warmUp, workspaceId, stop)
          : await warmValues(this.warmUp, workspaceId, stop);
      if (end !== 'done') return;
      if (pass === 'views' && !this.changes.workspaceChangedSince(workspaceId, from))
        await this.cache.setNote(workspaceId, 'warm', 'done');
      if (!this.changes.valuesChangedSince(workspaceId, from)) {
        this.valuesComplete.add(workspaceId);
        await this.cache.setNote(workspaceId, 'values', 'complete');
      }
    } catch (error) {
      this.options.error?.(`view cache: warming up ${workspaceId} failed; misses fill it`, error);
    } finally {
      this.changes.end(from);
    }
  }
}
