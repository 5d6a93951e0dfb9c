/**
 * Seeded random numbers for tests and simulations (mulberry32), so every synthetic series is reproducible.
 * Not for anything security-related.
 */
export interface SeededRandom {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal by Box–Muller. */
  normal(): number;
  /** Poisson(rate) by inversion (Knuth), fine for the small rates of daily counts. */
  poisson(rate: number): number;
}

/** A generator whose whole sequence is fixed by `seed`. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    normal: () => {
      const u = 1 - uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
    },
    poisson: (rate) => {
      if (rate > 200) return Math.max(0, Math.round(rate + Math.sqrt(rate) * gaussian(uniform)));
      const limit = Math.exp(-rate);
      let k = 0;
      let p = uniform();
      while (p > limit) {
        k++;
        p *= uniform();
      }
      return k;
    },
  };
}

function gaussian(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
