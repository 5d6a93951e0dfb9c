import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { refreshAllProfiles } from '../src/profiles/index.ts';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import { refreshCustomerValues } from '../src/value/customers/index.ts';
import { runPanorama } from './support/cli.ts';
import { storeDemoWithTruth } from './support/demo-store.ts';
import { temporaryDataDir } from './support/panorama.ts';

const data = temporaryDataDir();
const end = new Date(Date.UTC(2026, 10, 1));

beforeAll(async () => {
  const store = await openDuckDBStore(data.dir);
  try {
    await storeDemoWithTruth(store, { customers: 150, seed: 11, end });
    await rebuildIdentity(store);
    await refreshAllProfiles(store);
    await refreshCustomerValues(store, 'default');
  } finally {
    await store.close();
  }
}, 120_000);
afterAll(() => data.remove());

const journeys = (...args: string[]) => runPanorama(['journeys', ...args, '--data', data.dir]);

describe('panorama journeys', () => {
  it('prints a funnel, and the same figures as JSON with the definition it ran', async () => {
    const steps = [
      '--steps',
      'product_viewed,product_added,stage=buy',
      '--from',
      '2026-01-01',
      '--to',
      '2026-11-01',
    ];
    const json = await journeys('funnel', ...steps, '--json');
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout);
    expect(answer.definition.steps).toEqual([
      { action: ['product_viewed'] },
      { action: ['product_added'] },
      { stage: ['buy'] },
    ]);
    const reached = answer.result.overall.steps.map((s: { reached: number }) => s.reached);
    expect(reached[0]).toBeGreaterThan(reached[1]);
    expect(reached[1]).toBeGreaterThanOrEqual(reached[2]);
    const text = await journeys('funnel', ...steps);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`funnel: ${reached[0].toLocaleString('en-US')} entered`);
    expect(text.stdout).toMatch(new RegExp(`3\\. buy\\s+${reached[2].toLocaleString('en-US')} `));
  });

  it('breaks a channel mix down by value segment, from a definition file plus flags', async () => {
    const file = join(data.dir, 'mix.json');
    writeFileSync(file, JSON.stringify({ interval: 'month', from: '2026-06-01' }));
    const run = await journeys(
      'channel-mix',
      '--definition',
      `@${file}`,
      '--to',
      '2026-11-01',
      '--by',
      'segment',
      '--json',
    );
    expect(run.code).toBe(0);
    const { definition, result } = JSON.parse(run.stdout);
    expect(definition).toEqual({
      interval: 'month',
      from: '2026-06-01',
      to: '2026-11-01',
      breakdown: 'segment',
    });
    expect(result.groups.length).toBeGreaterThan(1);
    expect(result.groups[0].periods).toHaveLength(5);
  });

  it('lists the touchpoints with their stages', async () => {
    const run = await journeys('touchpoints');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/store:order_completed\s+buy/);
    expect(run.stdout).toMatch(/call_centre:ticket_opened\s+get_help/);
  });

  it('prints the shift radar as a ranked to-do list, and every figure in --json', async () => {
    const json = await runPanorama(['shifts', '--data', data.dir, '--json']);
    expect(json.code).toBe(0);
    const { report, definition, link } = JSON.parse(json.stdout);
    expect(definition).toEqual({});
    expect(link).toBe('/api/v1/shifts?definition=%7B%7D');
    expect(report.findings.length).toBeGreaterThan(0);
    for (const finding of report.findings) {
      expect(finding.since).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(Number.isFinite(finding.effectSize)).toBe(true);
      expect(finding.valueAtStake).toBeGreaterThanOrEqual(0);
    }
    const values = report.findings
      .filter((f: { material: boolean }) => f.material)
      .map((f: { valueAtStake: number }) => f.valueAtStake);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const text = await runPanorama(['shifts', '--data', data.dir, '--all', '--limit', '3', '--lang', 'fr']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Shift radar over /);
    expect(text.stdout).toContain(
      `  1. since ${report.findings[0].since.slice(0, 10)}  ${report.findings[0].summary.fr}`,
    );
  });

  it('says which step it cannot read', async () => {
    const run = await journeys('funnel', '--steps', 'colour=red,order_completed');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"colour=red": a step names action, touchpoint, stage, channel, event');
  });
});
