import { PanoramaError } from '../errors.ts';
import type { Store } from '../store/port.ts';
import type { StoredEvent } from '../store/types.ts';
import type {
  IdentityGraph,
  LinkRequest,
  LinkResult,
  SplitDecision,
  SplitResult,
} from './stitching/index.ts';
import {
  type IdentityConfig,
  loadIdentity,
  type ProfilesChanged,
  splitsByWorkspace,
  type WorkspaceIdentity,
  workspaceIdentity,
} from './store/index.ts';

export interface IdentityServiceOptions extends IdentityConfig {
  /** Where failures go: they never reach ingestion. */
  log?: (message: string, error: unknown) => void;
  /** Called once the identity tables of a workspace hold a change (to refresh what derives from them). */
  onPersisted?: (workspaceId: string, changed: ProfilesChanged) => Promise<void>;
}

/**
 * Keeps each workspace's identity graph in memory and its identity tables in step with it:
 * `start` rebuilds the graphs from the stored events, `onStored` stitches each committed write.
 * Stitching and writing happen after the events are acknowledged and never fail them: a write
 * that fails is retried with the next batch (the events are durable, the graph can be rebuilt).
 *
 * @example
 * const identity = IdentityService.start(store);
 * writer.onStored((events) => identity.onStored(events));
 */
export class IdentityService {
  /** Settles once the graphs are built from the stored events (and the tables are up to date). */
  readonly ready: Promise<void>;
  private workspaces = new Map<string, WorkspaceIdentity>();
  private splits = new Map<string, SplitDecision[]>();
  private queue: (readonly StoredEvent[])[] = [];
  /** Graph work runs one job at a time: a job's writes never interleave with another's changes. */
  private work: Promise<unknown>;
  private scheduled = false;
  private stopped = false;
  /** Set when the graphs could not be built: stitching waits for a restart or a rebuild. */
  private broken = false;

  private constructor(
    private readonly store: Store,
    private readonly options: IdentityServiceOptions,
  ) {
    this.ready = this.load().catch((error) => {
      this.broken = true;
      this.log('could not build the identity graph; run `panorama identity rebuild`', error);
    });
    this.work = this.ready;
  }

  /** Starts building the graphs; events stored meanwhile are stitched once they are built. */
  static start(store: Store, options: IdentityServiceOptions = {}): IdentityService {
    return new IdentityService(store, options);
  }

  /**
   * Builds the graphs, does `work` with them and stops: how a process without live stitching
   * acts on identity (a split, for instance) from everything stored so far.
   */
  static async once<T>(
    store: Store,
    options: IdentityServiceOptions,
    work: (service: IdentityService) => Promise<T>,
  ): Promise<T> {
    const service = new IdentityService(store, options);
    try {
      await service.ready;
      if (service.broken) {
        throw new PanoramaError('identity.not_ready', 'The identity graph could not be built; see the log.');
      }
      return await work(service);
    } finally {
      await service.stop();
    }
  }

  /** Takes the events a write committed; they are stitched and written in the background. */
  onStored(events: readonly StoredEvent[]): void {
    if (this.stopped || events.length === 0) return;
    this.queue.push(events);
    if (this.scheduled) return;
    this.scheduled = true;
    void this.job(() => {
      this.scheduled = false;
      return this.stitchQueued();
    });
  }

  /**
   * Undoes a merge for an operator: the split is kept, so that every rebuild honours it.
   * @example await identity.split('default', 'mrg_…', { by: 'ops@maison.fr', reason: 'shared family e-mail' })
   */
  split(
    workspaceId: string,
    mergeId: string,
    request: { by: string; at?: Date; reason?: string },
  ): Promise<SplitResult> {
    return this.job(async () => {
      const workspace = this.workspace(workspaceId);
      const result = workspace.split(mergeId, { ...request, at: request.at ?? new Date() });
      if (result.ok) await this.changed(workspace.workspaceId, await workspace.persist(this.store));
      return result;
    });
  }

  /**
   * Merges two profiles for an operator (through the most trusted identifier of each): the link is
   * kept, so that every rebuild honours it, and the merge can be split like any other.
   * @example await identity.link('default', 'prof_…', 'prof_…', { by: 'ops@maison.fr', reason: 'same person, work e-mail' })
   */
  link(
    workspaceId: string,
    profileA: string,
    profileB: string,
    request: Omit<LinkRequest, 'at'> & { at?: Date },
  ): Promise<LinkResult> {
    return this.job(async () => {
      const workspace = this.workspace(workspaceId);
      const result = workspace.link(profileA, profileB, { ...request, at: request.at ?? new Date() });
      if (result.ok) await this.changed(workspace.workspaceId, await workspace.persist(this.store));
      return result;
    });
  }

  /**
   * Links many pairs of profiles in one job and one write (the matcher's decisions). A pair whose
   * profile an earlier pair merged away is linked through the profile that absorbed it; a pair
   * already in one profile is left alone (`null`).
   */
  linkAll(
    workspaceId: string,
    links: readonly {
      profileA: string;
      profileB: string;
      request: Omit<LinkRequest, 'at'> & { at?: Date };
    }[],
  ): Promise<(LinkResult | null)[]> {
    return this.job(async () => {
      const workspace = this.workspace(workspaceId);
      const absorbedBy = new Map<string, string>();
      const current = (id: string): string => {
        let at = id;
        for (let next = absorbedBy.get(at); next !== undefined; next = absorbedBy.get(at)) at = next;
        return at;
      };
      const results = links.map(({ profileA, profileB, request }) => {
        const [a, b] = [current(profileA), current(profileB)];
        if (a === b) return null;
        const result = workspace.link(a, b, { ...request, at: request.at ?? new Date() });
        if (result.ok)
          for (const merge of result.merges)
            for (const gone of merge.absorbed) absorbedBy.set(gone, merge.into);
        return result;
      });
      if (results.some((r) => r?.ok))
        await this.changed(workspace.workspaceId, await workspace.persist(this.store));
      return results;
    });
  }

  /**
   * Runs `work` (an erasure) between two jobs, then builds the graphs again from the store, so
   * that nothing the work removed lives on in memory or is written back.
   */
  afterRemoval<T>(work: () => Promise<T>): Promise<T> {
    return this.job(async () => {
      const result = await work();
      this.workspaces.clear();
      await this.load();
      return result;
    });
  }

  /** Waits until every event handed over so far is stitched and (if it could be) written. */
  async idle(): Promise<void> {
    let last: Promise<unknown>;
    do {
      last = this.work;
      await last;
    } while (last !== this.work);
  }

  /** Stops taking events, after finishing what was handed over. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  /** A workspace's graph (once `ready`). */
  graph(workspaceId: string): IdentityGraph | undefined {
    return this.workspaces.get(workspaceId)?.graph;
  }

  private job<T>(run: () => Promise<T>): Promise<T> {
    const next = this.work.then(run);
    this.work = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<void> {
    this.splits = await splitsByWorkspace(this.store);
    const loaded = await loadIdentity(this.store, this.options, undefined, this.splits);
    for (const [workspaceId, workspace] of loaded) {
      const state = await this.store.identity.state(workspaceId);
      const current = workspace.state;
      workspace.stale =
        state?.eventsStitched !== current.eventsStitched || state.rulesDigest !== current.rulesDigest;
      this.workspaces.set(workspaceId, workspace);
      await this.persist(workspace);
    }
  }

  private async stitchQueued(): Promise<void> {
    const batches = this.queue.splice(0);
    if (this.broken) return;
    const byWorkspace = new Map<string, StoredEvent[]>();
    for (const event of batches.flat()) {
      const list = byWorkspace.get(event.workspaceId) ?? [];
      list.push(event);
      byWorkspace.set(event.workspaceId, list);
    }
    for (const [workspaceId, events] of byWorkspace) {
      const workspace = this.workspace(workspaceId);
      try {
        workspace.add(events.map((e) => workspace.stitchEvent(e)));
      } catch (error) {
        this.log(`could not stitch ${events.length} events of workspace ${workspaceId}`, error);
        continue;
      }
      await this.persist(workspace);
    }
  }

  private async persist(workspace: WorkspaceIdentity): Promise<void> {
    try {
      await this.changed(workspace.workspaceId, await workspace.persist(this.store));
    } catch (error) {
      this.log(
        `could not write the identity tables of workspace ${workspace.workspaceId}; retrying with the next events`,
        error,
      );
    }
  }

  private async changed(workspaceId: string, changed: ProfilesChanged): Promise<void> {
    if (changed !== 'all' && changed.length === 0) return;
    try {
      await this.options.onPersisted?.(workspaceId, changed);
    } catch (error) {
      this.log(`could not refresh the profiles of workspace ${workspaceId}`, error);
    }
  }

  private workspace(workspaceId: string): WorkspaceIdentity {
    let workspace = this.workspaces.get(workspaceId);
    if (!workspace) {
      workspace = workspaceIdentity(workspaceId, this.options, this.splits);
      this.workspaces.set(workspaceId, workspace);
    }
    return workspace;
  }

  private log(message: string, error: unknown): void {
    if (this.options.log) this.options.log(message, error);
    else
      process.stderr.write(`panorama identity: ${message}: ${(error as Error)?.message ?? String(error)}\n`);
  }
}
