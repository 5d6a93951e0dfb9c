/**
 * Quadrature shared by the modules' maths (customer value, the shift radar): pure, imports nothing.
 */

/** Nodes and weights of a quadrature rule. */
export interface QuadratureRule {
  nodes: ArrayLike<number>;
  weights: ArrayLike<number>;
}

/**
 * Nodes (ascending) and weights of n-point Gauss-Legendre quadrature on [−1, 1]: roots of Pₙ by
 * Newton's method from the Chebyshev guesses, weights 2/((1 − x²)·Pₙ'(x)²) (Abramowitz & Stegun
 * 25.4.29), computed for one half and mirrored. Exact for polynomials of degree 2n − 1.
 */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    const w = 2 / ((1 - x * x) * derivative * derivative);
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  return { nodes, weights };
}

/**
 * Composite Gauss–Legendre nodes and weights on [a, b]: `panels` equal panels of an `order`-point rule.
 */
export function compositeRule(
  a: number,
  b: number,
  panels: number,
  order: number,
): { nodes: number[]; weights: number[] } {
  const base = gaussLegendre(order);
  const width = (b - a) / panels;
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let p = 0; p < panels; p++) {
    const centre = a + (p + 0.5) * width;
    base.nodes.forEach((x, i) => {
      nodes.push(centre + (x * width) / 2);
      weights.push(((base.weights[i] as number) * width) / 2);
    });
  }
  return { nodes, weights };
}
