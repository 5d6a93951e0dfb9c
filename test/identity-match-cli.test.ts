import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPanorama } from './support/cli.ts';

const febrl1 = readFileSync(join(import.meta.dirname, 'fixtures', 'febrl', 'dataset1.csv'), 'utf8').split(
  '\n',
);
const frenchHeader =
  'ident, prénom, nom, numero, adresse, complement, ville, code postal, region, date de naissance, ssn';

/** The first 400 people of FEBRL dataset1 (with their duplicates), under French headers. */
function smallCsv(dir: string, keep: (id: string) => boolean = () => true, name = 'people.csv'): string {
  const rows = febrl1.slice(1).filter((line) => {
    const n = Number(/^rec-(\d+)-/.exec(line)?.[1]);
    return n < 400 && keep(line.split(',')[0] ?? '');
  });
  const path = join(dir, name);
  writeFileSync(path, `${[frenchHeader, ...rows].join('\n')}\n`);
  return path;
}

function readPairs(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

const samePerson = (a: string, b: string) => /^rec-(\d+)-/.exec(a)?.[1] === /^rec-(\d+)-/.exec(b)?.[1];

describe('panorama identity match', () => {
  it('de-duplicates one CSV and writes the linked pairs with their probability', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'panorama-match-'));
    const output = join(dir, 'pairs.csv');
    const result = await runPanorama([
      'identity',
      'match',
      smallCsv(dir),
      '--id',
      'ident',
      '--output',
      output,
    ]);
    expect(result.stderr).toContain('estimating m');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/records:\s+\d+/);
    expect(result.stdout).toMatch(/candidate pairs:\s+\d+/);
    expect(result.stdout).toMatch(/clusters:\s+\d+/);
    const [header, ...pairs] = readPairs(output);
    expect(header).toEqual(['ident_l', 'ident_r', 'match_probability', 'match_weight', 'decision']);
    expect(pairs.length).toBeGreaterThan(150);
    const right = pairs.filter(([a, b]) => samePerson(a ?? '', b ?? '')).length;
    expect(right / pairs.length).toBeGreaterThan(0.97);
    expect(pairs.every((p) => Number(p[2]) >= 0.5 && p[4] === 'link')).toBe(true);
  });

  it('links two files, with a mapping file dropping a field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'panorama-link-'));
    const originals = smallCsv(dir, (id) => id.endsWith('-org'), 'crm.csv');
    const duplicates = smallCsv(dir, (id) => id.includes('-dup-'), 'shop.csv');
    const mapping = join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ state: null }));
    const output = join(dir, 'links.csv');
    const result = await runPanorama([
      'identity',
      'match',
      originals,
      duplicates,
      '--id',
      'ident',
      '--mapping',
      mapping,
      '--output',
      output,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Linked two files');
    expect(result.stdout).not.toContain('state');
    const [, ...pairs] = readPairs(output);
    expect(pairs.every(([a, b]) => a?.endsWith('-org') && b?.includes('-dup-'))).toBe(true);
    expect(pairs.filter(([a, b]) => samePerson(a ?? '', b ?? '')).length / pairs.length).toBeGreaterThan(
      0.97,
    );
  });

  it('says which column is missing when --id is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'panorama-match-'));
    const result = await runPanorama(['identity', 'match', smallCsv(dir), '--id', 'rec_id']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('import.missing_column');
  });
});
