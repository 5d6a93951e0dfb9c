import type { IdentityStore, PrivacyStore, ProfileStore, Store } from '../store/port.ts';
import type { ErasureRequest, IdentityChange, ProfileRefreshOptions } from '../store/types.ts';

/** Which customer views a write may have changed: some profiles', the values', or every one. */
export type ViewChange = readonly string[] | 'values' | 'all';

/** Told of every write around which views may change (the view cache). */
export interface ViewWriteWatcher {
  /**
   * Runs the write, then, committed or not, forgets what it may have changed before answering.
   * `workspaceId` undefined: every workspace.
   */
  around<T>(workspaceId: string | undefined, write: () => Promise<T>, change: ViewChange): Promise<T>;
}

type Writes = Record<string, (...args: never[]) => ViewChange>;

/** The writes of each part of the port that change customer views, and what they change. */
const identityWrites = {
  apply: (_workspaceId: string, change: IdentityChange) => [
    ...new Set([
      ...change.profileIds,
      ...change.profiles.map((p) => p.profileId),
      ...change.links.map((l) => l.profileId),
      ...change.reassigned.flatMap((r) => [r.from, r.to]),
    ]),
  ],
  replace: () => 'all',
} satisfies Writes;
const profileWrites = {
  refresh: (_workspaceId: string, options?: ProfileRefreshOptions) => options?.profileIds ?? 'all',
  saveValues: () => 'values',
} satisfies Writes;
const privacyWrites = {
  erase: (_workspaceId: string, request: ErasureRequest) => [request.profileId],
} satisfies Writes;

/**
 * What each part of the port only reads. A method in neither list (one added to the port later)
 * is taken for a write that may change every view: correct, if slow, until it is listed here.
 */
export const viewReads = {
  identity: ['sourceEvents', 'read', 'state', 'splits', 'operatorLinks'],
  profiles: [
    'values',
    'value',
    'valuation',
    'findByIdentifier',
    'search',
    'get',
    'timeline',
    'history',
    'profilesAfter',
    'valuesAfter',
    'viewsDigest',
  ],
  privacy: ['erasures', 'suppressed'],
} as const;

/** The writes listed above, by part. */
export interface ViewWriteNames {
  identity: keyof typeof identityWrites;
  profiles: keyof typeof profileWrites;
  privacy: keyof typeof privacyWrites;
}

/**
 * The same store, each write that may change customer views (identity, profile refresh, values,
 * erasure) followed by the watcher's forgetting them: every way a view changes in this process goes
 * through here, whoever calls it (routes, the identity service, the value schedule, the demo).
 */
export function watchViewWrites(store: Store, watcher: ViewWriteWatcher): Store {
  const identity = watched<IdentityStore>(store.identity, identityWrites, viewReads.identity, watcher);
  const profiles = watched<ProfileStore>(store.profiles, profileWrites, viewReads.profiles, watcher);
  const privacy = watched<PrivacyStore>(store.privacy, privacyWrites, viewReads.privacy, watcher);
  return new Proxy(store, {
    get(target, key) {
      if (key === 'identity') return identity;
      if (key === 'profiles') return profiles;
      if (key === 'privacy') return privacy;
      return bound(target, key);
    },
  });
}

function watched<T extends object>(
  part: T,
  writes: Writes,
  reads: readonly string[],
  watcher: ViewWriteWatcher,
): T {
  return new Proxy(part, {
    get(target, key) {
      const value = bound(target, key);
      if (typeof value !== 'function' || typeof key !== 'string' || reads.includes(key)) return value;
      const changeOf = writes[key];
      return (...args: unknown[]) => {
        const workspaceId = typeof args[0] === 'string' ? args[0] : undefined;
        const change = changeOf ? changeOf(...(args as never[])) : 'all';
        return watcher.around(changeOf ? workspaceId : undefined, () => value(...args), change);
      };
    },
  });
}

function bound(target: object, key: string | symbol): unknown {
  const value = Reflect.get(target, key, target);
  return typeof value === 'function' ? value.bind(target) : value;
}
