import { describe, expect, it } from 'vitest';
import { absorption } from './absorbing-chain.ts';
import { countTransitions, JOURNEY_CONVERSION, JOURNEY_NULL, JOURNEY_START } from './journey-paths.ts';

describe('journey chain', () => {
  const paths = [
    { channels: ['A', 'B', 'A'], conversions: 1, nonConversions: 0 },
    { channels: ['A'], conversions: 0, nonConversions: 1 },
    { channels: ['B'], conversions: 1, nonConversions: 0 },
    { channels: ['B', 'A'], conversions: 0, nonConversions: 1 },
  ];

  it('counts each step once per journey, splitting the last into conversion and null', () => {
    const counts = countTransitions(paths);
    expect(Object.fromEntries(counts.get(JOURNEY_START) ?? [])).toEqual({ A: 2, B: 2 });
    expect(Object.fromEntries(counts.get('A') ?? [])).toEqual({
      B: 1,
      [JOURNEY_CONVERSION]: 1,
      [JOURNEY_NULL]: 2,
    });
    expect(Object.fromEntries(counts.get('B') ?? [])).toEqual({ A: 2, [JOURNEY_CONVERSION]: 1 });
  });

  it('solves a chain with a loop by hand', () => {
    // x_A = ¼ + ¼·x_B, x_B = ⅓ + ⅔·x_A ⇒ x_A = 2/5, x_B = 3/5, P(conversion) = ½·2/5 + ½·3/5 = ½.
    const result = absorption(countTransitions(paths));
    const at = (state: string) => result.conversion[result.states.indexOf(state)];
    expect(at('A')).toBeCloseTo(0.4, 14);
    expect(at('B')).toBeCloseTo(0.6, 14);
    expect(at(JOURNEY_START)).toBeCloseTo(0.5, 14);
    // without B, A converts only directly: x_A = ¼, so P = ⅛.
    const withoutB = absorption(countTransitions(paths), { removed: new Set(['B']) });
    expect(withoutB.conversion[0]).toBeCloseTo(1 / 8, 14);
  });

  it('refuses channel names that clash with the chain’s own states', () => {
    expect(() => countTransitions([{ channels: [JOURNEY_NULL], conversions: 1, nonConversions: 0 }])).toThrow(
      RangeError,
    );
  });
});
