import { describe, expect, it } from 'vitest';
import type { Comparison } from './finding.ts';
import { summarise } from './summaries.ts';

const level: Comparison = {
  kind: 'level',
  metric: 'orders_by_channel',
  subject: 'store',
  stage: 'buy',
  direction: 'down',
  before: 4.1,
  after: 1.6,
  effectName: 'relative change',
  effectSize: -0.62,
  minimumEffect: 0.1,
  pValue: 0.001,
  details: {},
  cells: [],
};

describe('one-line summaries', () => {
  it('says what changed, since when and what is at stake, in French and in English', () => {
    const { fr, en } = summarise(level, Date.UTC(2026, 2, 17), 12_300);
    expect(en).toBe(
      'Orders in shops: -62% per customer of the base (4.1 → 1.6 a day) since 17 March 2026; value at stake €12,300',
    );
    // Intl (ICU) writes a no-break space before % and €, and a narrow no-break space between thousands
    expect(fr).toBe(
      'Commandes en magasin : -62\u00a0% rapporté à la clientèle (4,1 → 1,6 par jour) depuis le 17 mars 2026 ; valeur en jeu 12\u202f300\u00a0€',
    );
  });

  it('gives the customer base when the daily level moved against the change per customer', () => {
    // 6.8 → 11.4 a day is +68 %, but the base grew 1,000 → 2,600 (+160 %): −35 % per customer of the base.
    const grown: Comparison = {
      ...level,
      direction: 'down',
      before: 6.8,
      after: 11.4,
      effectSize: -0.35,
      details: { customerBase: { before: 1000, after: 2600 } },
    };
    expect(summarise(grown, Date.UTC(2025, 0, 3), 3171).en).toBe(
      'Orders in shops: -35% per customer of the base (6.8 → 11.4 a day, customer base 1,000 → 2,600) since 3 January 2025; value at stake €3,171',
    );
    expect(summarise({ ...grown, after: 5 }, Date.UTC(2025, 0, 3), 3171).en).not.toContain('customer base');
  });

  it('lists the channels a mix moved', () => {
    const mix: Comparison = {
      ...level,
      kind: 'channel_mix',
      metric: 'order_channel',
      effectName: "Cramér's V",
      effectSize: 0.42,
      details: {
        channels: [
          { channel: 'store', before: 0.5, after: 0.1 },
          { channel: 'web', before: 0.3, after: 0.6 },
        ],
      },
    };
    expect(summarise(mix, Date.UTC(2026, 2, 17), 0).en).toBe(
      "Where customers order: store 50% → 10%, web 30% → 60% (Cramér's V 0.42) since 17 March 2026; value at stake €0",
    );
  });
});
