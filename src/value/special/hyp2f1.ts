/** ln |₂F₁(a, b; c; z)| with its partial derivatives of ln ₂F₁ with respect to a, b, c and z. */
export interface LogHypergeometric {
  log: number;
  sign: number;
  dA: number;
  dB: number;
  dC: number;
  dZ: number;
  /** Terms summed; the series stops at relative precision 1e-16 or after `maxTerms`. */
  terms: number;
  converged: boolean;
}

const rescaleAbove = 1e250;

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c > 0, summed as its power series with a running
 * scale so that huge intermediate terms (large a, b) never overflow, and the derivative series
 * (Σ tₖ Σⱼ<ₖ 1/(a+j) and so on) accumulated in the same pass. With a, b, c > 0 every term is positive,
 * so there is no cancellation; near z = 1 the series needs about 37 / (1 − z) terms.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number, maxTerms = 200_000): LogHypergeometric {
  if (!(z >= 0 && z < 1) || !(c > 0)) {
    return {
      log: Number.NaN,
      sign: Number.NaN,
      dA: Number.NaN,
      dB: Number.NaN,
      dC: Number.NaN,
      dZ: Number.NaN,
      terms: 0,
      converged: false,
    };
  }
  let term = 1;
  let sum = 1;
  let sumA = 0;
  let sumB = 0;
  let sumC = 0;
  let sumK = 0;
  let sa = 0;
  let sb = 0;
  let sc = 0;
  let logScale = 0;
  let k = 0;
  let converged = z === 0;
  while (!converged && k < maxTerms) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sa += 1 / (a + k);
    sb += 1 / (b + k);
    sc += 1 / (c + k);
    term *= ratio;
    k += 1;
    sum += term;
    sumA += term * sa;
    sumB += term * sb;
    sumC += term * sc;
    sumK += term * k;
    if (Math.abs(sum) > rescaleAbove) {
      logScale += Math.log(rescaleAbove);
      term /= rescaleAbove;
      sum /= rescaleAbove;
      sumA /= rescaleAbove;
      sumB /= rescaleAbove;
      sumC /= rescaleAbove;
      sumK /= rescaleAbove;
    }
    const nextRatio = Math.abs((((a + k) * (b + k)) / ((c + k) * (k + 1))) * z);
    if (term === 0 || (nextRatio < 1 && Math.abs(term) <= 1e-17 * Math.abs(sum) * (1 - nextRatio)))
      converged = true;
  }
  const dZ = z === 0 ? (a * b) / c : sumK / (z * sum);
  return {
    log: logScale + Math.log(Math.abs(sum)),
    sign: Math.sign(sum),
    dA: sumA / sum,
    dB: sumB / sum,
    dC: -sumC / sum,
    dZ,
    terms: k,
    converged,
  };
}
