import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type LmdbViewCache, openLmdbViewCache } from './view-cache.ts';

const dirs: string[] = [];
const open: LmdbViewCache[] = [];
afterEach(async () => {
  for (const cache of open.splice(0)) await cache.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cacheIn(dir = mkdtempSync(join(tmpdir(), 'panorama-view-cache-'))) {
  if (!dirs.includes(dir)) dirs.push(dir);
  const cache = openLmdbViewCache(dir);
  open.push(cache);
  return { cache, dir };
}

const jane = {
  profileId: 'prof_jane',
  json: '{"id":"prof_jane"}',
  identifiers: ['email:jane@maison.fr', 'user_id:1'],
};

describe('the LMDB view cache', () => {
  it('keeps views and leads look-ups by their identifiers to them', async () => {
    const { cache } = cacheIn();
    await cache.keepViews('default', [jane]);
    expect(await cache.view('default', 'prof_jane')).toEqual(jane);
    expect(await cache.profileHolding('default', 'email:jane@maison.fr')).toBe('prof_jane');
    expect(await cache.view('other', 'prof_jane')).toBeUndefined();
    expect(await cache.count('default')).toBe(1);
  });

  it('forgets a profile with the look-ups its view listed, not those another view took over', async () => {
    const { cache } = cacheIn();
    await cache.keepViews('default', [jane]);
    await cache.keepValues('default', [{ profileId: 'prof_jane', json: '{"clv":1}' }]);
    // The user id moved to Paul (a split): his view now lists it.
    await cache.keepViews('default', [{ profileId: 'prof_paul', json: '{}', identifiers: ['user_id:1'] }]);
    await cache.forgetProfiles('default', ['prof_jane']);
    expect(await cache.view('default', 'prof_jane')).toBeUndefined();
    expect(await cache.value('default', 'prof_jane')).toBeUndefined();
    expect(await cache.profileHolding('default', 'email:jane@maison.fr')).toBeUndefined();
    expect(await cache.profileHolding('default', 'user_id:1')).toBe('prof_paul');
  });

  it('drops the look-ups a replaced view no longer lists', async () => {
    const { cache } = cacheIn();
    await cache.keepViews('default', [jane]);
    await cache.keepViews('default', [{ ...jane, identifiers: ['user_id:1'] }]);
    expect(await cache.profileHolding('default', 'email:jane@maison.fr')).toBeUndefined();
    expect(await cache.profileHolding('default', 'user_id:1')).toBe('prof_jane');
  });

  it('tells a value kept as none from a value not kept', async () => {
    const { cache } = cacheIn();
    await cache.keepValues('default', [{ profileId: 'prof_jane', json: null }]);
    expect(await cache.value('default', 'prof_jane')).toBeNull();
    expect(await cache.value('default', 'prof_paul')).toBeUndefined();
  });

  it('forgets a workspace at once, notes included, and sweeps it away', async () => {
    const { cache } = cacheIn();
    await cache.keepViews('default', [jane]);
    await cache.keepViews('other', [jane]);
    await cache.setNote('default', 'stamp', 'abc');
    const forgetting = cache.forgetWorkspace('default');
    expect(await cache.view('default', 'prof_jane')).toBeUndefined();
    expect(await cache.note('default', 'stamp')).toBeUndefined();
    await forgetting;
    expect(await cache.count('default')).toBe(0);
    expect(await cache.view('other', 'prof_jane')).toEqual(jane);
  });

  it('forgets the values of a workspace and keeps its views', async () => {
    const { cache } = cacheIn();
    await cache.keepViews('default', [jane]);
    await cache.keepValues('default', [{ profileId: 'prof_jane', json: '{"clv":1}' }]);
    await cache.forgetValues('default');
    expect(await cache.value('default', 'prof_jane')).toBeUndefined();
    expect(await cache.view('default', 'prof_jane')).toEqual(jane);
  });

  it('finds what it kept after a restart, in the epoch it was kept in', async () => {
    const { cache, dir } = cacheIn();
    await cache.keepViews('default', [jane]);
    await cache.forgetWorkspace('default');
    await cache.keepViews('default', [{ ...jane, json: '{"id":"prof_jane","v":2}' }]);
    await cache.setNote('default', 'stamp', 'abc');
    await cache.close();
    const again = cacheIn(dir).cache;
    expect((await again.view('default', 'prof_jane'))?.json).toBe('{"id":"prof_jane","v":2}');
    expect(await again.note('default', 'stamp')).toBe('abc');
    expect(await again.count('default')).toBe(1);
  });
});
