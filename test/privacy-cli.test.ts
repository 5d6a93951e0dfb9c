import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPanorama } from './support/cli.ts';
import { identityOf, post, startPanorama } from './support/panorama.ts';

describe('panorama privacy', () => {
  it('exports a person, erases them only when confirmed, and turns their next import rows away', async () => {
    const panorama = await startPanorama({ settings: { liveIdentity: true } });
    const dir = panorama.settings.dataDir;
    const files = mkdtempSync(join(tmpdir(), 'panorama-privacy-'));
    try {
      const batch = [
        {
          type: 'identify',
          userId: 'u1',
          traits: { email: 'jane@maison.fr', firstName: 'Jane' },
          messageId: 'c1',
        },
        {
          type: 'track',
          event: 'Order Completed',
          userId: 'u1',
          properties: { revenue: 10 },
          messageId: 'c2',
        },
        { type: 'identify', userId: 'u2', traits: { email: 'paul@maison.fr' }, messageId: 'c3' },
      ];
      expect((await post(panorama, '/v1/batch', { batch })).status).toBe(200);
      await identityOf(panorama).idle();
      await panorama.app.close();
      await panorama.store.close();

      const output = join(files, 'jane.json');
      const exported = await runPanorama([
        'privacy',
        'export',
        'email:Jane@Maison.fr',
        '--output',
        output,
        '--data',
        dir,
      ]);
      expect(exported.code).toBe(0);
      const document = JSON.parse(readFileSync(output, 'utf8'));
      expect(document.customer.traits.firstName.value).toBe('Jane');
      expect(document.events).toHaveLength(2);

      const unconfirmed = await runPanorama([
        'privacy',
        'erase',
        'email:jane@maison.fr',
        '--reason',
        'RGPD',
        '--data',
        dir,
      ]);
      expect(unconfirmed.code).not.toBe(0);
      expect(unconfirmed.stderr).toMatch(/2 events.*--yes to confirm/);

      const erased = await runPanorama([
        'privacy',
        'erase',
        'email:jane@maison.fr',
        '--reason',
        'RGPD',
        '--by',
        'dpo',
        '--yes',
        '--data',
        dir,
      ]);
      expect(erased.code).toBe(0);
      expect(erased.stdout).toMatch(/Erased prof_\w+: 2 events and 2 identifiers/);
      expect(
        (await runPanorama(['privacy', 'export', 'email:jane@maison.fr', '--data', dir])).stderr,
      ).toMatch(/No customer holds email:jane@maison.fr/);

      const contacts = join(files, 'contacts.csv');
      writeFileSync(contacts, 'Email,First Name\nJANE@maison.fr,Jane\nlea@maison.fr,Léa\n');
      await runPanorama(['sources', 'create', '--name', 'crm', '--channel', 'crm', '--data', dir]);
      const imported = await runPanorama([
        'import',
        contacts,
        '--source',
        'crm',
        '--kind',
        'contacts',
        '--data',
        dir,
      ]);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/imported:\s+1/);
      expect(imported.stdout).toMatch(/suppressed: 1 \(rows of erased people/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(files, { recursive: true, force: true });
    }
  });
});
