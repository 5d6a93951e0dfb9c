import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { drawPurchases } from '../../src/demo/behaviour.ts';
import { Random } from '../../src/demo/random.ts';

/**
 * The known truth of the simulated log: a BG/NBD buyer (weekly purchase rate λ ~ Gamma(r, α),
 * drop-out probability after each repeat purchase p ~ Beta(a, b)) run by the demo's own
 * `drawPurchases`, and Gamma-Gamma spend (each purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ)), rounded
 * to the cent. Chosen for about ten purchases per customer over two years, not from any data set.
 */
export const simulatedTruth = {
  bgNbd: { r: 1.2, alpha: 4, a: 1, b: 6 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
  unit: 'week',
} as const;

/** Customers are acquired over the first 12 weeks, as CDNOW's cohort; calibration is a year. */
const cohortWeeks = 12;
const observedWeeks = 104;
const calibrationWeeks = 52;
const firstDay = Date.UTC(2024, 0, 1) / 86_400_000;
const dayMs = 86_400_000;

export interface SimulatedLog {
  path: string;
  customers: number;
  transactions: number;
  calibrationEnd: string;
  holdoutEnd: string;
  bytes: number;
}

interface Purchases {
  customer: Int32Array;
  day: Uint16Array;
  cents: Int32Array;
  length: number;
}

function isoDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

function draw(customers: number, seed: number): Purchases {
  const rng = new Random(seed);
  const { r, alpha, a, b } = simulatedTruth.bgNbd;
  const { p, q, gamma } = simulatedTruth.gammaGamma;
  const end = observedWeeks * 7 * dayMs;
  let size = customers * 12;
  let out: Purchases = {
    customer: new Int32Array(size),
    day: new Uint16Array(size),
    cents: new Int32Array(size),
    length: 0,
  };
  for (let c = 0; c < customers; c++) {
    const nu = rng.gamma(q, gamma);
    const behaviour = { lambda: rng.gamma(r, alpha), dropout: rng.beta(a, b), nu, meanSpend: p / nu };
    const acquiredAt = rng.next() * cohortWeeks * 7 * dayMs;
    for (const at of drawPurchases(rng, behaviour, acquiredAt, end).times) {
      if (out.length === size) {
        size *= 2;
        out = grow(out, size);
      }
      out.customer[out.length] = c;
      out.day[out.length] = Math.floor(at / dayMs);
      out.cents[out.length] = Math.max(1, Math.round(rng.gamma(p, nu) * 100));
      out.length += 1;
    }
  }
  return out;
}

function grow(from: Purchases, size: number): Purchases {
  const to = {
    customer: new Int32Array(size),
    day: new Uint16Array(size),
    cents: new Int32Array(size),
    length: from.length,
  };
  to.customer.set(from.customer);
  to.day.set(from.day);
  to.cents.set(from.cents);
  return to;
}

/** Row indexes in day order (a counting sort), so the file reads like a real, chronological log. */
function chronological(purchases: Purchases): Uint32Array {
  const days = observedWeeks * 7 + 1;
  const starts = new Uint32Array(days + 1);
  for (let i = 0; i < purchases.length; i++) {
    const next = (purchases.day[i] as number) + 1;
    starts[next] = (starts[next] as number) + 1;
  }
  for (let d = 1; d <= days; d++) starts[d] = (starts[d] as number) + (starts[d - 1] as number);
  const order = new Uint32Array(purchases.length);
  for (let i = 0; i < purchases.length; i++) {
    const d = purchases.day[i] as number;
    order[starts[d] as number] = i;
    starts[d] = (starts[d] as number) + 1;
  }
  return order;
}

/**
 * Writes `customer_id,date,amount` rows (YYYY-MM-DD dates, amounts to the cent) of `customers`
 * simulated buyers to `path`, in date order. Same seed, same file.
 */
export async function writeSimulatedLog(
  path: string,
  customers: number,
  seed = 20_261_123,
): Promise<SimulatedLog> {
  const purchases = draw(customers, seed);
  const order = chronological(purchases);
  const dates = Array.from({ length: observedWeeks * 7 + 1 }, (_, d) => isoDay(firstDay + d));
  const stream = createWriteStream(path);
  let bytes = 0;
  let chunk = 'customer_id,date,amount\n';
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const cents = purchases.cents[i] as number;
    const fraction = cents % 100;
    chunk += `C${purchases.customer[i]},${dates[purchases.day[i] as number]},${Math.floor(cents / 100)}.${fraction < 10 ? '0' : ''}${fraction}\n`;
    if (chunk.length > 1 << 20) {
      bytes += chunk.length;
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  bytes += chunk.length;
  stream.end(chunk);
  await once(stream, 'finish');
  return {
    path,
    customers,
    transactions: purchases.length,
    calibrationEnd: isoDay(firstDay + calibrationWeeks * 7 - 1),
    holdoutEnd: isoDay(firstDay + observedWeeks * 7 - 1),
    bytes,
  };
}
