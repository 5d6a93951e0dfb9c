import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../config.ts';
import { extractIdentifiers } from './identifiers/index.ts';
import { readIdentityRules } from './rules-file.ts';
import { IdentityGraph } from './stitching/index.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'panorama-rules-'));

describe('identity rules file', () => {
  it('gives the defaults when there is no file', () => {
    const { rules, settings, file } = readIdentityRules(join(folder(), 'identity.json'));
    expect(file).toBeNull();
    expect(rules.limits.user_id).toEqual({ max: 1 });
    expect(settings.defaultCountry).toBe('FR');
  });

  it('is read from the data directory and changes how identifiers are read and stitched', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'identity.json'),
      JSON.stringify({
        defaultCountry: 'BE',
        limits: { email: { max: 1 } },
        blocked: { email: { values: ['boutique@maison.fr'] } },
      }),
    );
    const { identity } = readSettings({}, { dataDir: dir });
    expect(identity.file).toBe(join(dir, 'identity.json'));
    const event = {
      userId: null,
      anonymousId: 'a1',
      previousId: null,
      type: 'identify' as const,
      traits: { phone: '0470 12 34 56', email: 'boutique@maison.fr' },
      context: null,
      properties: null,
    };
    // A Belgian national number, and the shop's own address never used as an identity.
    expect(extractIdentifiers(event, identity.settings).map((i) => `${i.type}:${i.value}`)).toEqual([
      'anonymous_id:a1',
      'phone:+32470123456',
    ]);
    const graph = new IdentityGraph(identity.rules);
    const ids = (email: string) => [
      { type: 'user_id', value: 'u1', raw: 'u1' },
      { type: 'email', value: email, raw: email },
    ];
    graph.add({ messageId: 'm1', timestamp: '2026-01-01T00:00:00Z', identifiers: ids('a@maison.fr') });
    const second = graph.add({
      messageId: 'm2',
      timestamp: '2026-01-02T00:00:00Z',
      identifiers: ids('b@maison.fr'),
    });
    expect(second.dropped.map((d) => d.identifier.value)).toEqual(['b@maison.fr']);
  });

  it('names the field that is wrong', () => {
    const path = join(folder(), 'identity.json');
    writeFileSync(path, JSON.stringify({ limits: { email: { max: 0 } } }));
    expect(() => readIdentityRules(path)).toThrow(/\/limits\/email\/max.*1/);
    writeFileSync(path, JSON.stringify({ defaultCountry: 'belgique' }));
    expect(() => readIdentityRules(path)).toThrow(/defaultCountry/);
    writeFileSync(path, JSON.stringify({ blocked: { email: { patterns: ['(unclosed'] } } }));
    expect(() => readIdentityRules(path)).toThrow(/not a regular expression/);
    writeFileSync(path, '{ not json');
    expect(() => readIdentityRules(path)).toThrow(/not valid JSON/);
  });

  it('refuses a rules file named in the environment that does not exist', () => {
    expect(() => readSettings({ PANORAMA_IDENTITY_RULES: '/nowhere/identity.json' })).toThrow(
      /does not exist/,
    );
  });
});
