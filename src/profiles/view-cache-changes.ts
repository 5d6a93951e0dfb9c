/**
 * Which customer views changed while someone was reading them. Each change takes the next
 * generation; a reader notes the generation it started at (`begin`), and what it read may be
 * served or kept only if nothing it depends on changed after that (the race of a reader that
 * misses, reads the store, lets a write commit and forget, then keeps the old view). A change
 * also counts while the cache is still removing what it made stale (`settling`).
 *
 * @example
 * const since = changes.begin();
 * const view = await readFromTheStore();
 * if (!changes.viewChangedSince('default', view.id, since)) keep(view);
 * changes.end(since);
 */
export class ViewChanges {
  private generation = 0;
  /** Generation of the latest change, by profile key, workspace or workspace's values. */
  private readonly profiles = new Map<string, number>();
  private readonly workspaces = new Map<string, number>();
  private readonly valuations = new Map<string, number>();
  /** Removals under way, by the same keys. */
  private readonly settling = new Map<string, number>();
  /** Readers under way, by the generation they started at. */
  private readonly readers = new Map<number, number>();

  begin(): number {
    const since = this.generation;
    this.readers.set(since, (this.readers.get(since) ?? 0) + 1);
    return since;
  }

  end(since: number): void {
    const left = (this.readers.get(since) ?? 1) - 1;
    if (left > 0) this.readers.set(since, left);
    else this.readers.delete(since);
  }

  /** The profiles' views (and values) changed; `removal` settles once the cache has dropped them. */
  profilesChanged(workspaceId: string, profileIds: readonly string[], removal: Promise<unknown>): void {
    const generation = ++this.generation;
    const keys = profileIds.map((id) => profileKey(workspaceId, id));
    for (const key of keys) this.profiles.set(key, generation);
    this.settle(keys, removal);
    if (this.profiles.size > 10_000) this.prune();
  }

  /** Every view of the workspace changed. */
  workspaceChanged(workspaceId: string, removal: Promise<unknown>): void {
    this.workspaces.set(workspaceId, ++this.generation);
    this.settle([workspaceKey(workspaceId)], removal);
  }

  /** Every value block of the workspace changed (a valuation); the rest of the views did not. */
  valuesChanged(workspaceId: string, removal: Promise<unknown>): void {
    this.valuations.set(workspaceId, ++this.generation);
    this.settle([valuesKey(workspaceId)], removal);
  }

  viewChangedSince(workspaceId: string, profileId: string, since: number): boolean {
    const profile = profileKey(workspaceId, profileId);
    const workspace = workspaceKey(workspaceId);
    return (
      (this.profiles.get(profile) ?? 0) > since ||
      (this.workspaces.get(workspaceId) ?? 0) > since ||
      this.settling.has(profile) ||
      this.settling.has(workspace)
    );
  }

  valueChangedSince(workspaceId: string, profileId: string, since: number): boolean {
    return (
      this.valuesChangedSince(workspaceId, since) || this.viewChangedSince(workspaceId, profileId, since)
    );
  }

  /** Did the workspace's values, or the whole workspace, change since? */
  valuesChangedSince(workspaceId: string, since: number): boolean {
    return (
      (this.valuations.get(workspaceId) ?? 0) > since ||
      (this.workspaces.get(workspaceId) ?? 0) > since ||
      this.settling.has(valuesKey(workspaceId)) ||
      this.settling.has(workspaceKey(workspaceId))
    );
  }

  /** Did the whole workspace change since? */
  workspaceChangedSince(workspaceId: string, since: number): boolean {
    return (this.workspaces.get(workspaceId) ?? 0) > since || this.settling.has(workspaceKey(workspaceId));
  }

  /** How many profile changes are remembered (they are forgotten once no reader predates them). */
  get remembered(): number {
    return this.profiles.size;
  }

  private settle(keys: readonly string[], removal: Promise<unknown>): void {
    for (const key of keys) this.settling.set(key, (this.settling.get(key) ?? 0) + 1);
    const settled = () => {
      for (const key of keys) {
        const left = (this.settling.get(key) ?? 1) - 1;
        if (left > 0) this.settling.set(key, left);
        else this.settling.delete(key);
      }
    };
    removal.then(settled, settled);
  }

  /** Forgets the changes no reader under way started before. */
  private prune(): void {
    let oldest = this.generation;
    for (const since of this.readers.keys()) oldest = Math.min(oldest, since);
    for (const [key, generation] of this.profiles)
      if (generation <= oldest && !this.settling.has(key)) this.profiles.delete(key);
  }
}

const profileKey = (workspaceId: string, profileId: string) => `p\u0000${workspaceId}\u0000${profileId}`;
const workspaceKey = (workspaceId: string) => `w\u0000${workspaceId}`;
const valuesKey = (workspaceId: string) => `v\u0000${workspaceId}`;
