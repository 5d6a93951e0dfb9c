/** Nodes and weights of an n-point Gauss–Legendre rule on [−1, 1]. */
export interface QuadratureRule {
  nodes: number[];
  weights: number[];
}

/**
 * The n-point Gauss–Legendre rule, nodes found as roots of Pₙ by Newton's method from the Chebyshev
 * guesses cos(π(i − ¼)/(n + ½)), weights 2/((1 − x²)·Pₙ'(x)²) (Abramowitz & Stegun 25.4.29). Exact for
 * polynomials of degree 2n − 1.
 */
export function gaussLegendre(n: number): QuadratureRule {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pPrevious = n === 1 ? 1 : p0;
      derivative = (n * (x * pn - pPrevious)) / (x * x - 1);
      const step = pn / derivative;
      x -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}

/**
 * Composite Gauss–Legendre nodes and weights on [a, b]: `panels` equal panels of an `order`-point rule.
 */
export function compositeRule(a: number, b: number, panels: number, order: number): QuadratureRule {
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
