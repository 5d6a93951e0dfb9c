import { dot, type Objective } from './types.ts';

export interface LineSearchResult {
  step: number;
  x: number[];
  value: number;
  gradient: number[];
  evaluations: number;
  ok: boolean;
}

interface Trial {
  step: number;
  value: number;
  slope: number;
  x: number[];
  gradient: number[];
}

const c1 = 1e-4;
const c2 = 0.9;

/**
 * A step length satisfying the strong Wolfe conditions (Nocedal & Wright, algorithms 3.5 and 3.6),
 * with safeguarded bisection in the zoom phase. Non-finite values count as "too far".
 */
export function wolfeLineSearch(
  objective: Objective,
  x: readonly number[],
  value: number,
  gradient: readonly number[],
  direction: readonly number[],
  initialStep = 1,
): LineSearchResult {
  const slope0 = dot(gradient, direction);
  let evaluations = 0;
  const evaluate = (step: number): Trial => {
    evaluations += 1;
    const xt = x.map((xi, i) => xi + step * (direction[i] as number));
    const g = new Array<number>(x.length).fill(0);
    let v = objective(xt, g);
    if (!Number.isFinite(v) || g.some((gi) => !Number.isFinite(gi))) v = Number.POSITIVE_INFINITY;
    return { step, value: v, slope: dot(g, direction), x: xt, gradient: g };
  };
  const done = (t: Trial, ok: boolean): LineSearchResult => ({
    step: t.step,
    x: t.x,
    value: t.value,
    gradient: t.gradient,
    evaluations,
    ok,
  });

  const zoom = (lo: Trial, hi: Trial): LineSearchResult => {
    for (let i = 0; i < 30; i++) {
      // A bracket narrower than rounding means f cannot be resolved along this direction any more.
      if (Math.abs(hi.step - lo.step) <= 1e-12 * Math.max(1, Math.abs(lo.step))) break;
      const mid = interpolate(lo, hi);
      const t = evaluate(mid);
      if (t.value > value + c1 * t.step * slope0 || t.value >= lo.value) {
        hi = t;
      } else {
        if (Math.abs(t.slope) <= -c2 * slope0) return done(t, true);
        if (t.slope * (hi.step - lo.step) >= 0) hi = lo;
        lo = t;
      }
    }
    return done(lo, lo.value < value);
  };

  let previous: Trial = { step: 0, value, slope: slope0, x: [...x], gradient: [...gradient] };
  let step = initialStep;
  for (let i = 0; i < 30; i++) {
    const t = evaluate(step);
    if (!Number.isFinite(t.value)) {
      step = previous.step + (step - previous.step) / 10;
      continue;
    }
    if (t.value > value + c1 * step * slope0 || (i > 0 && t.value >= previous.value))
      return zoom(previous, t);
    if (Math.abs(t.slope) <= -c2 * slope0) return done(t, true);
    if (t.slope >= 0) return zoom(t, previous);
    previous = t;
    step *= 2;
  }
  return done(previous, previous.value < value);
}

/** Minimiser of the cubic through both ends, kept inside the middle 80 % of the bracket. */
function interpolate(lo: Trial, hi: Trial): number {
  const width = hi.step - lo.step;
  let step = lo.step + width / 2;
  if (Number.isFinite(hi.value)) {
    const d1 = lo.slope + hi.slope - (3 * (lo.value - hi.value)) / (lo.step - hi.step);
    const disc = d1 * d1 - lo.slope * hi.slope;
    if (disc >= 0) {
      const d2 = Math.sign(hi.step - lo.step) * Math.sqrt(disc);
      const cubic = hi.step - (hi.step - lo.step) * ((hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2));
      if (Number.isFinite(cubic)) step = cubic;
    }
  }
  const a = Math.min(lo.step, hi.step);
  const b = Math.max(lo.step, hi.step);
  return Math.min(Math.max(step, a + 0.1 * (b - a)), b - 0.1 * (b - a));
}
