import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { identityCommand } from '../src/cli/identity-command.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { refreshAllProfiles } from '../src/profiles/index.ts';
import { post, startPanorama } from './support/panorama.ts';
import { population } from './support/typo-population.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await identityCommand().parseAsync(args, { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  return out.join('');
}

describe('panorama identity link-profiles, reviews and review', () => {
  it('links the sure pairs, lists the doubtful ones and records an operator decision', async () => {
    const panorama = await startPanorama();
    const dir = panorama.settings.dataDir;
    try {
      expect((await post(panorama, '/v1/batch', { batch: population() })).status).toBe(200);
      await panorama.writer.flush();
      await rebuildIdentity(panorama.store);
      await refreshAllProfiles(panorama.store);
      await panorama.app.close();
      await panorama.store.close();

      const dry = await run(['link-profiles', '--data', dir, '--dry-run', '--link-above', '0.999999']);
      expect(dry).toMatch(/^Compared 110 profiles on given_name, surname, postcode, email\./);
      expect(dry).toMatch(/linked: +0 /);
      const queued = Number(/queued for review: (\d+)/.exec(dry)?.[1]);
      expect(queued).toBeGreaterThanOrEqual(30);
      expect(await run(['reviews', '--data', dir])).toBe('No pair.\n');

      await run(['link-profiles', '--data', dir, '--link-above', '0.999999']);
      const listed = await run(['reviews', '--data', dir, '--limit', '1']);
      const [, reviewId] = /^(rev_[0-9a-f]+) +p=0\.\d{4} +pending/.exec(listed) ?? [];
      expect(listed).toMatch(/email +\S+ +\S+ +damerau-levenshtein <= 1 +\+\d+\.\d\d/);
      if (!reviewId) throw new Error(`no pair listed:\n${listed}`);
      const decided = await run(['review', reviewId, '--reject', '--by', 'ops@maison.fr', '--data', dir]);
      expect(decided).toBe(`Pair ${reviewId} rejected.\n`);
      expect(await run(['reviews', '--data', dir, '--status', 'rejected'])).toMatch(
        new RegExp(`^${reviewId} .* rejected by ops@maison\\.fr`),
      );
      await expect(
        run(['review', reviewId, '--accept', '--reject', '--by', 'x', '--data', dir]),
      ).rejects.toThrow(/either --accept or --reject/);
    } finally {
      await panorama.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
