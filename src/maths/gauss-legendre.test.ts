import { describe, expect, it } from 'vitest';
import { compositeRule, gaussLegendre } from './gauss-legendre.ts';

describe('Gauss–Legendre quadrature', () => {
  it('gives the tabulated 3-point rule: nodes 0, ±√(3/5), weights 8/9 and 5/9', () => {
    const { nodes, weights } = gaussLegendre(3);
    const sorted = Array.from(nodes)
      .map((x, i) => [x, weights[i] as number])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(sorted[0]?.[0]).toBeCloseTo(-Math.sqrt(0.6), 14);
    expect(sorted[1]?.[0]).toBeCloseTo(0, 14);
    expect(sorted[1]?.[1]).toBeCloseTo(8 / 9, 14);
    expect(sorted[2]?.[1]).toBeCloseTo(5 / 9, 14);
  });

  it('integrates x⁹ on [0, 1] exactly with 5 points and e^x on [0, 2] by panels', () => {
    const five = compositeRule(0, 1, 1, 5);
    expect(five.nodes.reduce((a, x, i) => a + (five.weights[i] as number) * x ** 9, 0)).toBeCloseTo(0.1, 14);
    const rule = compositeRule(0, 2, 4, 8);
    expect(rule.nodes.reduce((a, x, i) => a + (rule.weights[i] as number) * Math.exp(x), 0)).toBeCloseTo(
      Math.exp(2) - 1,
      13,
    );
  });
});
