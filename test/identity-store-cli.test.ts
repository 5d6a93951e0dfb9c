import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { identityRebuildCommand } from '../src/cli/identity-rebuild-command.ts';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import { identityOf, post, startPanorama } from './support/panorama.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('panorama identity rebuild', () => {
  it('rewrites the identity tables from the stored events and prints the counts', async () => {
    const panorama = await startPanorama({ settings: { liveIdentity: true } });
    const dir = panorama.settings.dataDir;
    const events = [
      { type: 'identify', userId: 'u1', anonymousId: 'a1', messageId: 'c1' },
      { type: 'track', event: 'Tick', anonymousId: 'a2', messageId: 'c2' },
      { type: 'identify', anonymousId: 'a2', userId: 'u1', messageId: 'c3' },
    ];
    expect((await post(panorama, '/v1/batch', { batch: events })).status).toBe(200);
    await identityOf(panorama).idle();
    const live = await panorama.store.identity.read(panorama.settings.workspaceId);
    await panorama.app.close();
    await panorama.store.close();

    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await identityRebuildCommand().parseAsync(['--data', dir], { from: 'user' });
    vi.restoreAllMocks();
    expect(out.join('')).toMatch(/events:\s+3\n\s+profiles:\s+1\n\s+merges:\s+1/);

    const store = await openDuckDBStore(dir);
    try {
      expect(await store.identity.read(panorama.settings.workspaceId)).toEqual(live);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
