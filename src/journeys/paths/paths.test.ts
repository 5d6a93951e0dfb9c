import { describe, expect, it } from 'vitest';
import { ELIDED_STEPS, parsePathsDefinition } from './definition.ts';
import { paths } from './run.ts';
import { handEvents } from './test-fixtures.ts';

// The hand fixture's sessions (see test-fixtures.ts), repeats collapsed, times in minutes:
// A1 home 0 → product 2 → cart 5; A2 home 60 → product 62; B1 home 0 → product 3 → home 34 → cart 35;
// C1 product 0 → cart 1.

describe('paths from the start of each session', () => {
  it('counts paths, cuts them to the depth and averages the time on each edge', () => {
    const result = paths(handEvents, parsePathsDefinition({ depth: 3 }));
    // depth 3 keeps A1, A2, [home, product, home] of B1, C1.
    // 1_home→2_product: A1 2 min, A2 2 min, B1 3 min → 3 paths, (2 + 2 + 3)/3 min = 140 s.
    // then the single-path edges by step and items: 1_product→2_cart (C1, 1 min),
    // 2_product→3_cart (A1, 3 min), 2_product→3_home (B1, 31 min).
    expect(result.edges).toEqual([
      { source: '1_web:home', target: '2_web:product', count: 3, averageSeconds: 140 },
      { source: '1_web:product', target: '2_web:cart', count: 1, averageSeconds: 60 },
      { source: '2_web:product', target: '3_web:cart', count: 1, averageSeconds: 180 },
      { source: '2_web:product', target: '3_web:home', count: 1, averageSeconds: 1860 },
    ]);
    // 2_product is reached by A1, A2, B1 and ends A2; 2_cart ends C1; the step-3 nodes end A1 and B1.
    expect(result.nodes).toEqual([
      { key: '1_web:home', step: 1, item: 'web:home', count: 3, dropOff: 0 },
      { key: '1_web:product', step: 1, item: 'web:product', count: 1, dropOff: 0 },
      { key: '2_web:product', step: 2, item: 'web:product', count: 3, dropOff: 1 },
      { key: '2_web:cart', step: 2, item: 'web:cart', count: 1, dropOff: 1 },
      { key: '3_web:cart', step: 3, item: 'web:cart', count: 1, dropOff: 1 },
      { key: '3_web:home', step: 3, item: 'web:home', count: 1, dropOff: 1 },
    ]);
    expect(result).toMatchObject({ countedIn: 'paths', total: 4 });
  });

  it('counts distinct profiles when asked', () => {
    const result = paths(handEvents, parsePathsDefinition({ depth: 3, count: 'profiles' }));
    // 1_home→2_product is taken by A (twice) and B: 2 profiles; the time still averages the 3 paths.
    expect(result.edges[0]).toEqual({
      source: '1_web:home',
      target: '2_web:product',
      count: 2,
      averageSeconds: 140,
    });
    // 2_product: reached by A and B, the path ending there is A's.
    expect(result.nodes.find((n) => n.key === '2_web:product')).toMatchObject({ count: 2, dropOff: 1 });
    expect(result.total).toBe(3);
  });

  it('drops excluded items before cutting sessions', () => {
    const result = paths(handEvents, parsePathsDefinition({ exclude: ['web:product'] }));
    // Without product: A home 0, (home 1), cart 5 | home 60 → A1 [home, cart], A2 [home];
    // B home 0 | 34 min idle | home 34, cart 35 → B1 [home], B2 [home, cart]; C [cart].
    // 1_home→2_cart: A1 5 min, B2 1 min → 2 paths, 180 s; 1_home ends A2 and B1.
    expect(result.edges).toEqual([
      { source: '1_web:home', target: '2_web:cart', count: 2, averageSeconds: 180 },
    ]);
    expect(result.nodes).toEqual([
      { key: '1_web:home', step: 1, item: 'web:home', count: 4, dropOff: 2 },
      { key: '2_web:cart', step: 2, item: 'web:cart', count: 2, dropOff: 2 },
    ]);
    expect(result.total).toBe(5);
  });

  it('keeps only the date range and the given profiles', () => {
    const definition = parsePathsDefinition({
      from: '2026-03-02T09:02:00Z',
      to: '2026-03-02T10:01:00Z',
    });
    const result = paths(handEvents, definition, new Set(['A', 'C']));
    // [09:02, 10:01): A product 2, cart 5 | home 60 → A1 [product, cart], A2 [home]; C's events (0, 1) are
    // before the range and B is not chosen: 2 paths.
    expect(result.edges).toEqual([
      { source: '1_web:product', target: '2_web:cart', count: 1, averageSeconds: 180 },
    ]);
    expect(result.total).toBe(2);
  });
});

describe('paths from a start item, to an end item, or between them', () => {
  it('starts each path at the first occurrence of the start item', () => {
    const result = paths(handEvents, parsePathsDefinition({ start: 'web:product', depth: 3 }));
    // From product: A1 [product 2, cart 5], A2 [product], B1 [product 3, home 34, cart 35], C1 [product 0, cart 1].
    expect(result.edges).toEqual([
      { source: '1_web:product', target: '2_web:cart', count: 2, averageSeconds: 120 },
      { source: '1_web:product', target: '2_web:home', count: 1, averageSeconds: 1860 },
      { source: '2_web:home', target: '3_web:cart', count: 1, averageSeconds: 60 },
    ]);
    expect(result.nodes[0]).toEqual({
      key: '1_web:product',
      step: 1,
      item: 'web:product',
      count: 4,
      dropOff: 1,
    });
    expect(result.total).toBe(4);
  });

  it('ends each path at the first occurrence of the end item, keeping the last steps', () => {
    const result = paths(handEvents, parsePathsDefinition({ end: 'web:cart', depth: 2 }));
    // Up to cart, last 2 steps: A1 [product 2, cart 5], B1 [home 34, cart 35], C1 [product 0, cart 1]; A2 never reaches cart.
    expect(result.edges).toEqual([
      { source: '1_web:product', target: '2_web:cart', count: 2, averageSeconds: 120 },
      { source: '1_web:home', target: '2_web:cart', count: 1, averageSeconds: 60 },
    ]);
    expect(result.nodes.find((n) => n.key === '2_web:cart')).toMatchObject({ count: 3, dropOff: 3 });
    expect(result.total).toBe(3);
  });

  it('elides the middle of paths longer than the depth, and keeps only the heaviest edges', () => {
    const result = paths(
      handEvents,
      parsePathsDefinition({ start: 'web:home', end: 'web:cart', depth: 3, edgeLimit: 3 }),
    );
    // A1 [home 0, product 2, cart 5] fits; B1 home 0 … cart 35 has 4 steps: [home 0, … (product 3), cart 35].
    // Edges (all 1 path), by step then items ('web:…' sorts before '…'): 1_home→2_product 2 min,
    // 1_home→2_… 3 min, 2_product→3_cart 3 min, 2_…→3_cart 32 min; the limit of 3 drops the last.
    expect(result.edges).toEqual([
      { source: '1_web:home', target: '2_web:product', count: 1, averageSeconds: 120 },
      { source: '1_web:home', target: `2_${ELIDED_STEPS}`, count: 1, averageSeconds: 180 },
      { source: '2_web:product', target: '3_web:cart', count: 1, averageSeconds: 180 },
    ]);
    // 3_cart is still reached by both paths (the dropped edge does not change the node's tally).
    expect(result.nodes.map((n) => [n.key, n.count, n.dropOff])).toEqual([
      ['1_web:home', 2, 0],
      ['2_web:product', 1, 0],
      [`2_${ELIDED_STEPS}`, 1, 0],
      ['3_web:cart', 2, 2],
    ]);
  });
});

describe('paths definition', () => {
  it('fills in the defaults', () => {
    expect(parsePathsDefinition({})).toEqual({
      item: 'touchpoint',
      start: null,
      end: null,
      sessionGapMinutes: 30,
      depth: 5,
      edgeLimit: 50,
      from: null,
      to: null,
      include: null,
      exclude: [],
      count: 'paths',
    });
  });

  it('names the wrong field', () => {
    expect(() => parsePathsDefinition({ depth: 21 })).toThrow(/paths definition: depth .*20/);
    expect(() => parsePathsDefinition({ item: 'page' })).toThrow(/paths definition: item/);
    expect(() => parsePathsDefinition({ depth: 2, start: 'a', end: 'b' })).toThrow(
      /depth must be at least 3/,
    );
    expect(() => parsePathsDefinition({ from: 'yesterday' })).toThrow(/from must be an ISO 8601/);
    expect(() => parsePathsDefinition({ from: '2026-02-01', to: '2026-01-01' })).toThrow(
      /to must be after from/,
    );
    expect(() => parsePathsDefinition({ start: 'x', exclude: ['x'] })).toThrow(/"x" is an anchor/);
    expect(() => parsePathsDefinition({ steps: 3 })).toThrow(/paths definition/);
    expect(() => parsePathsDefinition(null)).toThrow(/must be an object/);
  });
});
