import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoManifest } from '../src/cli/demo/manifest.ts';
import { simulateBusiness } from '../src/demo/index.ts';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import { runPanorama } from './support/cli.ts';

const customers = 120;
const seed = 11;

describe('panorama demo', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runPanorama>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'panorama-demo-test-'));
    first = await runPanorama([
      'demo',
      '--customers',
      String(customers),
      '--seed',
      String(seed),
      '--no-serve',
      '--data',
      dir,
    ]);
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the business through the API and the importers, and stops with --no-serve', async () => {
    expect(first.stderr).not.toMatch(/Error|panorama:/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/events via the HTTP API/);
    expect(first.stdout).toMatch(/imported from CSV/);
  });

  it('stores every simulated message and row exactly once, under the source that produced it', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'demo', 'manifest.json'), 'utf8')) as DemoManifest;
    const expected = new Map<string, number>();
    const end = new Date(`${manifest.end}T00:00:00Z`);
    const shiftDate = new Date(`${manifest.shiftDate}T00:00:00Z`);
    for (const record of simulateBusiness({ customers, seed, end, shiftDate })) {
      if (record.type === 'person') continue;
      expected.set(record.source, (expected.get(record.source) ?? 0) + 1);
    }
    const store = await openDuckDBStore(dir);
    try {
      const rows = await store.query<{ name: string; origin: string; events: number }>(
        `select s.name, e.origin, count(*)::integer as events
           from events e join sources s on s.id = e.source_id
          group by all order by s.name`,
      );
      const stored = new Map(rows.map((row) => [row.name, row.events]));
      expect(stored).toEqual(expected);
      const origins = new Map(rows.map((row) => [row.name, row.origin]));
      expect(origins.get('site-web')).toBe('api');
      expect(origins.get('caisses-magasins')).toBe('import');
      const refused = await store.query<{ n: number }>('select count(*)::integer as n from refused_events');
      expect(refused[0]?.n).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('keeps the ground truth apart from the data, one line per customer', async () => {
    const lines = (await readFile(join(dir, 'demo', 'ground-truth.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(customers);
    const person = JSON.parse(lines[0] as string) as { personId: string; identifiers: unknown[] };
    expect(person.personId).toBeTruthy();
    expect(person.identifiers.length).toBeGreaterThan(0);
    const shift = JSON.parse(await readFile(join(dir, 'demo', 'shift.json'), 'utf8')) as { date: string };
    expect(shift.date).toBeTruthy();
  });

  it('does not load the same demo twice, and refuses a different one in the same directory', async () => {
    const again = await runPanorama(['demo', '--customers', String(customers), '--no-serve', '--data', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already loaded/);
    const other = await runPanorama(['demo', '--customers', '99', '--no-serve', '--data', dir]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/already holds the demo .*\[demo\.already_loaded\]/);
  }, 60_000);

  it('names a bad option', async () => {
    const bad = await runPanorama(['demo', '--shift-date', '16/03/2026', '--no-serve', '--data', dir]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--shift-date must be a date like 2026-03-16/);
    const future = await runPanorama(['demo', '--shift-date', '2099-01-01', '--no-serve', '--data', dir]);
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/--shift-date must fall inside the simulated history/);
  });
});
