import { describe, expect, it } from 'vitest';
import type { IdentityStore, PrivacyStore, ProfileStore, Store } from '../store/port.ts';
import type { IdentityChange } from '../store/types.ts';
import { type ViewChange, type ViewWriteNames, type viewReads, watchViewWrites } from './view-cache-store.ts';

// Every method of the parts of the port that hold views is listed as a read or a write: a method
// added to the port fails this type check until it is listed (unlisted, it would forget every view).
type Listed<Part extends keyof typeof viewReads> = (typeof viewReads)[Part][number] | ViewWriteNames[Part];
const everyMethodListed: [
  Exclude<keyof IdentityStore, Listed<'identity'>>,
  Exclude<keyof ProfileStore, Listed<'profiles'>>,
  Exclude<keyof PrivacyStore, Listed<'privacy'>>,
] extends [never, never, never]
  ? true
  : false = true;

function watchedStore() {
  const told: { workspaceId: string | undefined; change: ViewChange }[] = [];
  const calls: string[] = [];
  const part = (name: string) =>
    new Proxy({}, { get: (_target, key) => async () => calls.push(`${name}.${String(key)}`) });
  const store = { identity: part('identity'), profiles: part('profiles'), privacy: part('privacy') };
  const watched = watchViewWrites(store as unknown as Store, {
    around: async (workspaceId, write, change) => {
      const result = await write();
      told.push({ workspaceId, change });
      return result;
    },
  });
  return { watched, told, calls };
}

describe('the store watched for the view cache', () => {
  it('lists every method of the port', () => {
    expect(everyMethodListed).toBe(true);
  });

  it('tells which profiles an identity change touches', async () => {
    const { watched, told, calls } = watchedStore();
    const change = {
      profileIds: ['p1'],
      profiles: [{ profileId: 'p2' }],
      links: [{ profileId: 'p3' }],
      reassigned: [{ from: 'p4', to: 'p1' }],
    } as unknown as IdentityChange;
    await watched.identity.apply('default', change);
    expect(calls).toEqual(['identity.apply']);
    expect(told).toEqual([{ workspaceId: 'default', change: ['p1', 'p2', 'p3', 'p4'] }]);
  });

  it('tells what refreshes, valuations, rebuilds and erasures change', async () => {
    const { watched, told } = watchedStore();
    await watched.profiles.refresh('default', { profileIds: ['p1'] });
    await watched.profiles.refresh('default');
    await watched.profiles.saveValues('default', { asOf: '2026-03-01', customers: [], summary: {} });
    await watched.identity.replace('default', { profiles: [] } as never, {} as never);
    await watched.privacy.erase('default', { profileId: 'p9' } as never);
    expect(told.map((t) => t.change)).toEqual([['p1'], 'all', 'values', 'all', ['p9']]);
  });

  it('lets reads through untold, and takes an unknown method for a change of everything', async () => {
    const { watched, told, calls } = watchedStore();
    await watched.profiles.get('default', 'p1');
    await watched.identity.read('default');
    expect(told).toEqual([]);
    await (
      watched.profiles as unknown as { rewriteEverything: (w: string) => Promise<void> }
    ).rewriteEverything('default');
    expect(calls).toContain('profiles.rewriteEverything');
    expect(told).toEqual([{ workspaceId: undefined, change: 'all' }]);
  });
});
