import { describe, expect, it } from 'vitest';
import { sqlDialects } from '../sql/dialect.ts';
import { fixtureSource } from '../testing/engines.ts';
import { buildFunnelDropOffs } from './drop-offs.ts';
import { checkoutFunnel } from './fixtures.ts';
import { buildFunnel } from './sql-funnel.ts';

const tiers = {
  sql: 'SELECT profile_id, tier AS breakdown FROM tiers WHERE workspace_id = $workspace',
  params: { workspace: 'w1' },
};

describe('the funnel SQL', () => {
  it('is pinned for an ordered funnel with an entry range, an exclusion and a channel breakdown', () => {
    const definition = checkoutFunnel({
      from: '2026-03-01',
      to: '2026-04-01',
      exclusions: [{ event: "Aide d'achat", fromStep: 2, toStep: 3 }],
      breakdown: 'channel',
      breakdownLimit: 5,
    });
    expect(sqlDialects.map((d) => buildFunnel(fixtureSource, definition, d).sql)).toMatchSnapshot();
    expect(buildFunnel(fixtureSource, definition, 'duckdb').params).toEqual({
      entered_from: Date.UTC(2026, 2, 1),
      entered_to: Date.UTC(2026, 3, 1),
      events_until: Date.UTC(2026, 3, 2),
      breakdown_limit: 5,
    });
  });

  it('is pinned for a strict funnel', () => {
    const definition = checkoutFunnel({ order: 'strict' });
    expect(sqlDialects.map((d) => buildFunnel(fixtureSource, definition, d).sql)).toMatchSnapshot();
  });

  it('is pinned for an any-order funnel broken down by a profile attribute', () => {
    const definition = checkoutFunnel({ order: 'any' });
    const statements = sqlDialects.map((d) => buildFunnel(fixtureSource, definition, d, tiers));
    expect(statements.map((s) => s.sql)).toMatchSnapshot();
    expect(statements[0]?.params).toEqual({ workspace: 'w1', breakdown_limit: 10 });
  });

  it('is pinned for a page of drop-offs', () => {
    const statements = sqlDialects.map((d) =>
      buildFunnelDropOffs(fixtureSource, checkoutFunnel(), d, 2, { limit: 50, offset: 100 }),
    );
    expect(statements.map((s) => s.sql)).toMatchSnapshot();
    expect(statements[1]?.params).toEqual({ page_size: 51, page_offset: 100 });
  });

  it('refuses a profile breakdown together with a channel breakdown', () => {
    expect(() =>
      buildFunnel(fixtureSource, checkoutFunnel({ breakdown: 'channel' }), 'duckdb', tiers),
    ).toThrow(/either a profile breakdown or breakdown "channel"/);
  });
});
