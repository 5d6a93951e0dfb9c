import { mkdirSync, rmSync } from 'node:fs';
import { type Database, open, type RootDatabase } from 'lmdb';
import type { KeptValue, KeptView, ViewCache } from '../view-cache.ts';

/** A key within a workspace's current epoch: [workspace, epoch, profile id or identifier]. */
type Key = [string, number, string];
type MetaKey = (string | number)[];
interface StoredView {
  j: string;
  i: string[];
}

/** Bumped when what this file stores changes shape: a cache of another layout is emptied at open. */
const layout = 1;
/** Entries removed per transaction when old epochs are swept. */
const sweepChunk = 5_000;

/**
 * Opens (and creates) the view cache held in LMDB in `dir`, one process at a time (as the DuckDB
 * file beside it). A cache that cannot be opened is only a copy: it is deleted and made anew.
 *
 * Each workspace's entries live under an epoch: forgetting a workspace (or its values) moves it to
 * a new epoch, at once for readers, and the entries of the old one are swept in the background.
 */
export function openLmdbViewCache(dir: string): LmdbViewCache {
  try {
    return new LmdbViewCache(openRoot(dir));
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return new LmdbViewCache(openRoot(dir));
  }
}

function openRoot(dir: string): RootDatabase {
  mkdirSync(dir, { recursive: true });
  return open({ path: dir, maxDbs: 8, strictAsyncOrder: true });
}

export class LmdbViewCache implements ViewCache {
  private readonly views: Database<StoredView, Key>;
  private readonly identifiers: Database<string, Key>;
  private readonly values: Database<string | null, Key>;
  private readonly meta: Database<unknown, MetaKey>;
  private readonly epochs = new Map<string, { views: number; values: number }>();
  private sweeping: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly root: RootDatabase) {
    this.views = root.openDB({ name: 'views', strictAsyncOrder: true, compression: true });
    this.identifiers = root.openDB({ name: 'identifiers', encoding: 'string', strictAsyncOrder: true });
    this.values = root.openDB({ name: 'values', strictAsyncOrder: true });
    this.meta = root.openDB({ name: 'meta', strictAsyncOrder: true });
    if (this.meta.get(['layout']) !== layout) {
      for (const db of [this.views, this.identifiers, this.values, this.meta]) db.clearSync();
      this.meta.putSync(['layout'], layout);
    }
  }

  async view(workspaceId: string, profileId: string): Promise<KeptView | undefined> {
    const kept = this.views.get([workspaceId, this.epochOf(workspaceId).views, profileId]);
    return kept ? { profileId, json: kept.j, identifiers: kept.i } : undefined;
  }

  async profileHolding(workspaceId: string, identifier: string): Promise<string | undefined> {
    return this.identifiers.get([workspaceId, this.epochOf(workspaceId).views, identifier]);
  }

  async value(workspaceId: string, profileId: string): Promise<string | null | undefined> {
    return this.values.get([workspaceId, this.epochOf(workspaceId).values, profileId]);
  }

  keepViews(workspaceId: string, views: readonly KeptView[]): Promise<void> {
    const epochs = this.epochOf(workspaceId);
    const epoch = epochs.views;
    const valuesEpoch = epochs.values;
    return this.write(() => {
      for (const { profileId, json, identifiers, value } of views) {
        if (value !== undefined) this.values.put([workspaceId, valuesEpoch, profileId], value);
        const key: Key = [workspaceId, epoch, profileId];
        const listed = new Set(identifiers);
        for (const identifier of this.views.get(key)?.i ?? [])
          if (!listed.has(identifier)) this.dropLookup(workspaceId, epoch, identifier, profileId);
        this.views.put(key, { j: json, i: [...identifiers] });
        for (const identifier of identifiers)
          this.identifiers.put([workspaceId, epoch, identifier], profileId);
      }
    });
  }

  keepValues(workspaceId: string, values: readonly KeptValue[]): Promise<void> {
    const epoch = this.epochOf(workspaceId).values;
    return this.write(() => {
      for (const { profileId, json } of values) this.values.put([workspaceId, epoch, profileId], json);
    });
  }

  forgetProfiles(workspaceId: string, profileIds: readonly string[]): Promise<void> {
    if (profileIds.length === 0) return Promise.resolve();
    const { views, values } = this.epochOf(workspaceId);
    return this.write(() => {
      for (const profileId of profileIds) {
        const key: Key = [workspaceId, views, profileId];
        for (const identifier of this.views.get(key)?.i ?? [])
          this.dropLookup(workspaceId, views, identifier, profileId);
        this.views.remove(key);
        this.values.remove([workspaceId, values, profileId]);
      }
    });
  }

  forgetValues(workspaceId: string): Promise<void> {
    const epochs = this.epochOf(workspaceId);
    epochs.values += 1;
    return this.saveEpochs(workspaceId);
  }

  forgetWorkspace(workspaceId: string): Promise<void> {
    const epochs = this.epochOf(workspaceId);
    epochs.views += 1;
    epochs.values += 1;
    return this.saveEpochs(workspaceId);
  }

  async note(workspaceId: string, name: string): Promise<string | undefined> {
    const text = this.meta.get(['note', workspaceId, this.epochOf(workspaceId).views, name]);
    return typeof text === 'string' ? text : undefined;
  }

  setNote(workspaceId: string, name: string, text: string | undefined): Promise<void> {
    const key = ['note', workspaceId, this.epochOf(workspaceId).views, name];
    return this.write(() => {
      if (text === undefined) this.meta.remove(key);
      else this.meta.put(key, text);
    });
  }

  async count(workspaceId: string): Promise<number> {
    const epoch = this.epochOf(workspaceId).views;
    return this.views.getKeysCount({ start: [workspaceId, epoch], end: [workspaceId, epoch + 1] });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sweeping;
    await this.root.close();
  }

  /** Removes the look-up by an identifier, unless it has moved on to another profile's view. */
  private dropLookup(workspaceId: string, epoch: number, identifier: string, profileId: string): void {
    const key: Key = [workspaceId, epoch, identifier];
    if (this.identifiers.get(key) === profileId) this.identifiers.remove(key);
  }

  private write(work: () => void): Promise<void> {
    return this.root.transaction(work).then(() => undefined);
  }

  private epochOf(workspaceId: string): { views: number; values: number } {
    let epochs = this.epochs.get(workspaceId);
    if (!epochs) {
      const stored = this.meta.get(['epochs', workspaceId]) as { views: number; values: number } | undefined;
      epochs = stored ? { ...stored } : { views: 1, values: 1 };
      this.epochs.set(workspaceId, epochs);
      this.sweep(workspaceId);
    }
    return epochs;
  }

  private async saveEpochs(workspaceId: string): Promise<void> {
    const epochs = { ...this.epochOf(workspaceId) };
    await this.write(() => this.meta.put(['epochs', workspaceId], epochs));
    this.sweep(workspaceId);
  }

  /** Deletes, in the background and a chunk at a time, what older epochs of the workspace left. */
  private sweep(workspaceId: string): void {
    this.sweeping = this.sweeping
      .then(async () => {
        // Stops at close: what is left is swept after the next open.
        while (!this.closed) {
          const { views, values } = this.epochOf(workspaceId);
          const stale = [
            ...this.staleKeys(this.views, workspaceId, views),
            ...this.staleKeys(this.identifiers, workspaceId, views),
            ...this.staleKeys(this.values, workspaceId, values),
          ];
          const notes = [
            ...this.meta.getKeys({
              start: ['note', workspaceId],
              end: ['note', workspaceId, views],
              limit: sweepChunk,
            }),
          ];
          if (stale.length === 0 && notes.length === 0) return;
          await this.write(() => {
            for (const [db, key] of stale) db.remove(key);
            for (const key of notes) this.meta.remove(key);
          });
        }
      })
      .catch(() => undefined);
  }

  private staleKeys(
    db: Database<unknown, Key>,
    workspaceId: string,
    epoch: number,
  ): [Database<unknown, Key>, Key][] {
    const keys = db.getKeys({ start: [workspaceId], end: [workspaceId, epoch], limit: sweepChunk });
    return [...keys].map((key) => [db, key]);
  }
}
