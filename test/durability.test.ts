import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import { runPanorama, spawnServer } from './support/cli.ts';
import { temporaryDataDir } from './support/panorama.ts';

const data = temporaryDataDir();
afterAll(() => data.remove());

describe('an acknowledged event survives SIGKILL', () => {
  it('finds every event that got a 200 after the server was killed mid-stream and restarted', async () => {
    const created = await runPanorama([
      'sources',
      'create',
      '--name',
      'site-web',
      '--channel',
      'web',
      '--data',
      data.dir,
    ]);
    const writeKey = created.stdout.match(/Write key: (\S+)/)?.[1] as string;
    expect(writeKey).toMatch(/^wk_/);

    const { child, url } = await spawnServer(data.dir);
    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const sender = async (lane: number) => {
      for (let n = 0; !stop; n++) {
        const ids = Array.from({ length: 50 }, (_, i) => `kill-${lane}-${n}-${i}`);
        sent += ids.length;
        try {
          const response = await fetch(`${url}/v1/batch`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-write-key': writeKey },
            body: JSON.stringify({
              batch: ids.map((messageId) => ({
                type: 'track',
                event: 'Tick',
                anonymousId: `a-${lane}`,
                messageId,
              })),
            }),
          });
          if (response.status === 200) acknowledged.push(...ids);
        } catch {
          return; // the server is gone
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(sender);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGKILL');
    await once(child, 'exit');
    stop = true;
    await Promise.all(lanes);

    expect(acknowledged.length).toBeGreaterThan(500);
    const store = await openDuckDBStore(data.dir);
    try {
      const found = await store.events.existingMessageIds('default', acknowledged);
      const missing = acknowledged.filter((id) => !found.has(id));
      expect(missing).toEqual([]);
      expect(await store.events.count()).toBeLessThanOrEqual(sent);
    } finally {
      await store.close();
    }
  });
});
