import { describe, expect, it } from 'vitest';
import { minimiseBfgs } from '../src/value/optimise/bfgs.ts';
import { hessianFromGradient, invertPositiveDefinite } from '../src/value/optimise/hessian.ts';
import { minimiseNelderMead } from '../src/value/optimise/nelder-mead.ts';
import type { Objective } from '../src/value/optimise/types.ts';
import { logHyp2f1 } from '../src/value/special/hyp2f1.ts';
import { digamma, logBeta, logGamma } from '../src/value/special/log-gamma.ts';
import { logAddExp, logistic, logSubExp } from '../src/value/special/log-space.ts';

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9);
  });

  it('matches published values for small and large arguments', () => {
    expect(logGamma(1e-8)).toBeCloseTo(18.42068073818021, 10);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 13);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 10);
    expect(logGamma(1e6)).toBeCloseTo(12815504.569147611, 4);
  });

  it('is NaN outside its domain', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });
});

describe('digamma', () => {
  it('matches ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2 and ψ(x+1) = ψ(x) + 1/x', () => {
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 14);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.LN2, 14);
    expect(digamma(3.7) - digamma(2.7)).toBeCloseTo(1 / 2.7, 14);
    expect(digamma(1000)).toBeCloseTo(6.907255195648812, 13);
  });

  it('is the derivative of logGamma', () => {
    for (const x of [0.05, 0.7, 3, 25.5]) {
      const h = 1e-6 * x;
      expect(digamma(x)).toBeCloseTo((logGamma(x + h) - logGamma(x - h)) / (2 * h), 5);
    }
  });
});

describe('logBeta', () => {
  it('matches B(2, 3) = 1/12', () => {
    expect(logBeta(2, 3)).toBeCloseTo(-Math.log(12), 14);
  });
});

describe('log-space helpers', () => {
  it('adds and subtracts exponentials without overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logSubExp(1000, 1000 - Math.LN2)).toBeCloseTo(1000 - Math.LN2, 12);
    expect(logSubExp(2, 2)).toBe(Number.NEGATIVE_INFINITY);
    expect(logistic(-800)).toBeGreaterThanOrEqual(0);
    expect(logistic(800)).toBe(1);
  });
});

describe('logHyp2f1', () => {
  it('matches closed forms', () => {
    const z = 0.37;
    expect(logHyp2f1(1, 1, 2, z).log).toBeCloseTo(Math.log(-Math.log(1 - z) / z), 14);
    expect(logHyp2f1(2.5, 1.3, 1.3, z).log).toBeCloseTo(-2.5 * Math.log(1 - z), 14);
    const y = 0.8;
    expect(logHyp2f1(0.5, 0.5, 1.5, y * y).log).toBeCloseTo(Math.log(Math.asin(y) / y), 13);
  });

  it('stays accurate close to z = 1 and for huge parameters', () => {
    const z = 0.999;
    expect(logHyp2f1(1, 1, 2, z).log).toBeCloseTo(Math.log(-Math.log(1 - z) / z), 11);
    // ₂F₁(a, b; b; z) = (1 − z)^−a overflows a double long before its logarithm does.
    expect(logHyp2f1(800, 3, 3, 0.9).log).toBeCloseTo(-800 * Math.log(0.1), 8);
    expect(logHyp2f1(800, 3, 3, 0.9).converged).toBe(true);
  });

  it('matches scipy.special.hyp2f1 where the series converges slowly', () => {
    expect(Math.exp(logHyp2f1(12.5, 1.6, 13.5, 0.93).log)).toBeCloseTo(32.46418424738991, 10);
    expect(Math.exp(logHyp2f1(0.3, 2.5, 1.7, 0.97).log)).toBeCloseTo(12.021378199055139, 10);
  });

  it('returns derivatives that agree with finite differences', () => {
    const [a, b, c, z] = [2.3, 1.6, 3.3, 0.6];
    const f = logHyp2f1(a, b, c, z);
    const h = 1e-6;
    const diff = (g: (d: number) => number) => (g(h) - g(-h)) / (2 * h);
    expect(f.dA).toBeCloseTo(
      diff((d) => logHyp2f1(a + d, b, c, z).log),
      7,
    );
    expect(f.dB).toBeCloseTo(
      diff((d) => logHyp2f1(a, b + d, c, z).log),
      7,
    );
    expect(f.dC).toBeCloseTo(
      diff((d) => logHyp2f1(a, b, c + d, z).log),
      7,
    );
    expect(f.dZ).toBeCloseTo(
      diff((d) => logHyp2f1(a, b, c, z + d).log),
      7,
    );
  });

  it('is NaN outside 0 ≤ z < 1', () => {
    expect(logHyp2f1(1, 1, 2, 1).log).toBeNaN();
  });
});

const rosenbrock: Objective = (x, gradient) => {
  const [a, b] = x as [number, number];
  if (gradient) {
    gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    gradient[1] = 200 * (b - a * a);
  }
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('optimisers', () => {
  it('BFGS finds the minimum of the Rosenbrock function', () => {
    const r = minimiseBfgs(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it('BFGS reports failure instead of throwing when the start is not finite', () => {
    const r = minimiseBfgs(() => Number.NaN, [0]);
    expect(r.converged).toBe(false);
  });

  it('Nelder-Mead finds the same minimum without gradients', () => {
    const r = minimiseNelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5000, valueTolerance: 1e-16 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });

  it('computes and inverts the Hessian of a quadratic', () => {
    const quadratic: Objective = (x, g) => {
      const [a, b] = x as [number, number];
      if (g) {
        g[0] = 4 * a + b;
        g[1] = a + 2 * b;
      }
      return 2 * a * a + a * b + b * b;
    };
    const h = hessianFromGradient(quadratic, [0.3, -0.2]);
    expect(h[0]?.[0]).toBeCloseTo(4, 8);
    expect(h[0]?.[1]).toBeCloseTo(1, 8);
    const inverse = invertPositiveDefinite(h);
    expect(inverse?.[0]?.[0]).toBeCloseTo(2 / 7, 8);
    expect(inverse?.[0]?.[1]).toBeCloseTo(-1 / 7, 8);
    expect(
      invertPositiveDefinite([
        [1, 2],
        [2, 1],
      ]),
    ).toBeUndefined();
  });
});
