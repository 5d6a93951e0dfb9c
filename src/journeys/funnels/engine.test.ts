import { describe, expect, it } from 'vitest';
import { funnelDropOffs } from './drop-offs.ts';
import { funnel, funnelConversions } from './engine.ts';
import { checkoutFunnel, excludedJourneys, fiveJourneys, hour, visit } from './fixtures.ts';
import { histogramBucket } from './result.ts';

const reached = (result: ReturnType<typeof funnel>) => result.overall.steps.map((step) => step.reached);
const times = (events = fiveJourneys, definition = checkoutFunnel()) =>
  Object.fromEntries(
    funnelConversions(events, definition).map((c) => [
      c.profileId,
      c.times.map((t) => (t - (c.times[0] ?? 0)) / hour),
    ]),
  );

describe('an ordered funnel', () => {
  // By hand, window 1 day: p1 P0 K1 Y3 → 3 steps; p2 P0 Y1 K2 → 2 (no payment after the basket);
  // p3 P0 K30 → 1 (basket out of the window); p4 K0 P1 K9 Y10 → 3 from P1; p5 P0 P2 K3 → 2, entry P0.
  const result = funnel(fiveJourneys, checkoutFunnel());

  it('counts each profile once, at the furthest step its best attempt reached', () => {
    expect(result.overall.entered).toBe(5);
    expect(reached(result)).toEqual([5, 4, 2]);
    expect(result.overall.steps.map((s) => s.label)).toEqual(['Produit', 'Panier', 'Paid']);
  });

  it('gives step-to-step and overall conversion', () => {
    expect(result.overall.steps.map((s) => s.conversionFromPrevious)).toEqual([null, 0.8, 0.5]);
    expect(result.overall.steps.map((s) => s.conversionFromEntry)).toEqual([1, 0.8, 0.4]);
  });

  it('gives the median and mean time to convert from the previous step and from entry', () => {
    // Basket after product: 1 h, 2 h, 8 h (p4 P1→K9), 3 h (p5 from its earliest entry) → median 2.5 h, mean 3.5 h.
    expect(result.overall.steps[1]?.timeFromPrevious).toEqual({ medianMs: 2.5 * hour, meanMs: 3.5 * hour });
    expect(result.overall.steps[1]?.timeFromEntry).toEqual({ medianMs: 2.5 * hour, meanMs: 3.5 * hour });
    // Payment: 2 h (p1) and 1 h (p4) after the basket; 3 h and 9 h after entry.
    expect(result.overall.steps[2]?.timeFromPrevious).toEqual({ medianMs: 1.5 * hour, meanMs: 1.5 * hour });
    expect(result.overall.steps[2]?.timeFromEntry).toEqual({ medianMs: 6 * hour, meanMs: 6 * hour });
    expect(result.overall.steps[0]?.timeFromPrevious).toBeNull();
  });

  it('bins the time to the last step: 3 h and 9 h both fall in "< 1 d"', () => {
    expect(result.overall.timeToConvert.map((b) => b.profiles)).toEqual([0, 0, 2, 0, 0, 0, 0]);
    expect(result.overall.timeToConvert[2]).toMatchObject({ label: '< 1 d', fromMs: hour, toMs: 24 * hour });
  });

  it('keeps the earliest entry among attempts that reach as far', () => {
    expect(times().p5).toEqual([0, 3]);
  });

  it('takes steps at the same instant in step order, whatever order they were recorded in', () => {
    const sameInstant = [visit('s', 0, 'Paiement'), visit('s', 0, 'Panier'), visit('s', 0, 'Produit')];
    expect(times(sameInstant).s).toEqual([0, 0, 0]);
  });
});

describe('a strict funnel', () => {
  // p2's payment and p5's second product page come between steps; p4's steps P1 K9 Y10 are adjacent.
  const result = funnel(fiveJourneys, checkoutFunnel({ order: 'strict' }));

  it('breaks an attempt at any other event between two steps', () => {
    expect(reached(result)).toEqual([5, 3, 2]);
    expect(times(fiveJourneys, checkoutFunnel({ order: 'strict' }))).toMatchObject({ p2: [0], p5: [0, 1] });
  });

  it('times the steps of the attempts that held', () => {
    // Basket after product: 1 h (p1), 8 h (p4), 1 h (p5 from P2) → median 1 h, mean 10/3 h.
    expect(result.overall.steps[1]?.timeFromPrevious).toEqual({ medianMs: hour, meanMs: (10 / 3) * hour });
    expect(result.overall.steps[2]?.timeFromEntry).toEqual({ medianMs: 6 * hour, meanMs: 6 * hour });
  });

  it('puts other events at a step’s instant after the steps, so they break only what follows', () => {
    const strict = checkoutFunnel({ order: 'strict' });
    const between = [visit('a', 0, 'Produit'), visit('a', 0, 'Aide'), visit('a', 1, 'Panier')];
    const along = [visit('b', 0, 'Produit'), visit('b', 1, 'Aide'), visit('b', 0, 'Panier')];
    expect(times([...between, ...along], strict)).toEqual({ a: [0], b: [0, 0] });
  });
});

describe('an any-order funnel', () => {
  // p2 P0 Y1 K2 now completes all three; p4 enters at K0 and completes P1 and Y10; p3 and p5 as before.
  const result = funnel(fiveJourneys, checkoutFunnel({ order: 'any' }));

  it('counts at step k the profiles who completed k of the steps', () => {
    expect(reached(result)).toEqual([5, 4, 3]);
    expect(times(fiveJourneys, checkoutFunnel({ order: 'any' }))).toEqual({
      p1: [0, 1, 3],
      p2: [0, 1, 2],
      p3: [0],
      p4: [0, 1, 10],
      p5: [0, 3],
    });
  });

  it('times each completion from the previous one and from entry', () => {
    // Second step: 1, 1, 1, 3 h → median 1 h, mean 1.5 h. Third: 2, 1, 9 h after the second; 3, 2, 10 h after entry.
    expect(result.overall.steps[1]?.timeFromPrevious).toEqual({ medianMs: hour, meanMs: 1.5 * hour });
    expect(result.overall.steps[2]?.timeFromPrevious).toEqual({ medianMs: 2 * hour, meanMs: 4 * hour });
    expect(result.overall.steps[2]?.timeFromEntry).toEqual({ medianMs: 3 * hour, meanMs: 5 * hour });
  });
});

describe('the conversion window', () => {
  it('counts a step exactly at the window’s end, not a millisecond later', () => {
    const onTime = [visit('a', 0, 'Produit'), visit('a', 24, 'Panier')];
    const late = [
      visit('b', 0, 'Produit'),
      { ...visit('b', 24, 'Panier'), ts: visit('b', 24, 'Panier').ts + 1 },
    ];
    expect(times([...onTime, ...late])).toEqual({ a: [0, 24], b: [0] });
  });

  it('runs from the attempt’s entry, not from the previous step', () => {
    const events = [visit('a', 0, 'Produit'), visit('a', 20, 'Panier'), visit('a', 30, 'Paiement')];
    expect(times(events)).toEqual({ a: [0, 20] });
  });
});

describe('the entry date range', () => {
  // Entries from 2 March (inclusive) to 3 March (exclusive); hours count from 2 March 00:00.
  const definition = checkoutFunnel({ from: '2026-03-02', to: '2026-03-03' });
  const events = [
    ...[visit('inside', 23, 'Produit'), visit('inside', 29, 'Panier')],
    ...[visit('before', -1, 'Produit'), visit('before', 1, 'Panier')],
    ...[visit('at-to', 24, 'Produit'), visit('at-to', 25, 'Panier')],
    ...[visit('again', -1, 'Produit'), visit('again', 2, 'Produit'), visit('again', 3, 'Panier')],
  ];

  it('selects who enters, and lets their conversions complete after it', () => {
    expect(times(events, definition)).toEqual({ again: [0, 1], inside: [0, 6] });
    expect(reached(funnel(events, definition))).toEqual([2, 2, 0]);
  });
});

describe('exclusion steps', () => {
  // "Aide" between basket (step 2) and payment (step 3): e1 (Aide before paying) and e4 (Aide, never
  // paid, inside the window) are out; e2 (after paying), e3 (before the basket), e6 (same instant as
  // the basket) and e7 (after the window) stay; e5 is kept through its second, clean attempt.
  const definition = checkoutFunnel({ exclusions: [{ event: 'Aide', fromStep: 2, toStep: 3 }] });

  it('disqualifies the attempts with an excluded event between the two steps', () => {
    expect(times(excludedJourneys, definition)).toEqual({
      e2: [0, 1, 2],
      e3: [0, 1, 2],
      e5: [0, 1, 2],
      e6: [0, 1, 2],
      e7: [0, 1],
    });
    expect(funnelConversions(excludedJourneys, definition).find((c) => c.profileId === 'e5')?.times[0]).toBe(
      visit('e5', 5, 'Produit').ts,
    );
    expect(reached(funnel(excludedJourneys, definition))).toEqual([5, 5, 4]);
  });

  it('counts everyone without the exclusion', () => {
    expect(reached(funnel(excludedJourneys, checkoutFunnel()))).toEqual([7, 7, 5]);
  });
});

describe('breakdowns', () => {
  it('breaks down by the entry event’s channel, folding values past the limit into "other"', () => {
    // Entry channels: p1, p3, p5 web; p2 app; p4 store (its entry is the product page at 1 h).
    const result = funnel(fiveJourneys, checkoutFunnel({ breakdown: 'channel', breakdownLimit: 2 }));
    expect(result.breakdown.map((g) => [g.value, g.other, g.entered, g.steps.map((s) => s.reached)])).toEqual(
      [
        ['web', false, 3, [3, 2, 1]],
        ['app', false, 1, [1, 1, 0]],
        [null, true, 1, [1, 1, 1]],
      ],
    );
  });

  it('breaks down by a profile attribute, profiles without one under null, largest groups first', () => {
    const tiers = new Map([
      ['p1', 'gold'],
      ['p2', 'gold'],
      ['p4', 'silver'],
    ]);
    const result = funnel(fiveJourneys, checkoutFunnel(), tiers);
    expect(result.breakdown.map((g) => [g.value, g.entered, g.steps.map((s) => s.reached)])).toEqual([
      ['gold', 2, [2, 2, 1]],
      [null, 2, [2, 1, 0]],
      ['silver', 1, [1, 1, 1]],
    ]);
    expect(result.overall.entered).toBe(5);
  });

  it('has no groups without a breakdown', () => {
    expect(funnel(fiveJourneys, checkoutFunnel()).breakdown).toEqual([]);
  });

  it('refuses two breakdowns at once', () => {
    expect(() => funnel(fiveJourneys, checkoutFunnel({ breakdown: 'channel' }), new Map())).toThrow(
      /either a profile breakdown or breakdown "channel"/,
    );
  });
});

describe('the time-to-convert histogram', () => {
  it('has fixed edges at 1 min, 1 h, 1 d, 3 d, 7 d and 14 d', () => {
    const minute = 60_000;
    const day = 24 * hour;
    const durations = [0, minute - 1, minute, hour, 2 * day, 3 * day, 13 * day, 14 * day, 20 * day];
    expect(durations.map(histogramBucket)).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 6]);
  });

  it('counts the profiles who reached the last step by their time from entry', () => {
    const weeks = checkoutFunnel({ window: { value: 3, unit: 'weeks' } });
    const events = [
      ...[visit('a', 0, 'Produit'), visit('a', 0, 'Panier'), visit('a', 0.01, 'Paiement')],
      ...[visit('b', 0, 'Produit'), visit('b', 1, 'Panier'), visit('b', 24 * 15, 'Paiement')],
    ];
    expect(funnel(events, weeks).overall.timeToConvert.map((b) => b.profiles)).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });
});

describe('drop-offs', () => {
  it('lists who reached a step but not the next, by profile id, a page at a time', () => {
    const definition = checkoutFunnel();
    expect(funnelDropOffs(fiveJourneys, definition, 1, { limit: 10, offset: 0 }).profiles).toEqual([
      { profileId: 'p3', enteredAt: visit('p3', 0, 'Produit').ts, reachedAt: visit('p3', 0, 'Produit').ts },
    ]);
    const first = funnelDropOffs(fiveJourneys, definition, 2, { limit: 1, offset: 0 });
    expect([first.profiles.map((p) => p.profileId), first.hasMore]).toEqual([['p2'], true]);
    const second = funnelDropOffs(fiveJourneys, definition, 2, { limit: 1, offset: 1 });
    expect([second.profiles, second.hasMore]).toEqual([
      [{ profileId: 'p5', enteredAt: visit('p5', 0, 'Produit').ts, reachedAt: visit('p5', 3, 'Panier').ts }],
      false,
    ]);
  });

  it('refuses the last step, which nobody can drop off', () => {
    expect(() => funnelDropOffs(fiveJourneys, checkoutFunnel(), 3, { limit: 10, offset: 0 })).toThrow(
      /step must be a whole number from 1 to 2/,
    );
  });
});
