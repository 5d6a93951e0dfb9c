import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type BgNbdParameters,
  bgNbdExpectedPurchases,
  fitGammaGamma,
  fitParetoNbd,
  fitPurchaseModel,
  gammaGammaExpectedSpend,
  summariseTransactions,
} from '../src/value/index.ts';
import {
  customerLifetimeValue,
  type Discounting,
  paretoNbdDiscountedResidualPurchases,
  probabilityOfPurchases,
  valueTiers,
} from '../src/value/predict/index.ts';

// Reference figures: lifetimes 0.11.3 and R BTYD 2.4.3 on the 2,357-customer CDNOW sample, 39-week
// calibration ending 1997-09-30, weeks (shared reference customer-value.md §6).
const fixtures = new URL('./fixtures/', import.meta.url);
const transactions = readFileSync(new URL('cdnow/cdnowElog.csv', fixtures), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [, sampleId, date, , sales] = line.split(',');
    return { customerId: sampleId as string, date: date as string, amount: Number(sales) };
  });
const cdnow = summariseTransactions(transactions, { calibrationEnd: '1997-09-30', unit: 'week' });
const bgNbd = fitPurchaseModel('bg-nbd', cdnow);
const bgNbdParameters = bgNbd.fit.parameters as BgNbdParameters;
const spend = fitGammaGamma(
  cdnow
    .filter((c) => c.frequency > 0)
    .map((c) => ({ frequency: c.frequency, monetaryValue: c.monetaryValue ?? 0 })),
).parameters;
const customers = cdnow.map((c) => ({
  ...c,
  expectedSpend: gammaGammaExpectedSpend(spend, c.frequency, c.monetaryValue ?? 0),
}));

const twelveMonths = (discounting: Discounting) =>
  customers.map((c) => customerLifetimeValue(bgNbd, c, { months: 12, unit: 'week', discounting }).value);
const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

describe('12-month CLV on CDNOW, BG/NBD × Gamma-Gamma at 1 % a month (lifetimes, freq="W")', () => {
  it('gives lifetimes’ total 71,508, mean 30.34 and max 1,175 with its 4.345-week month', () => {
    const clv = twelveMonths({ convention: 'monthly', monthlyRate: 0.01, monthLength: 4.345 });
    expect(Math.abs(sum(clv) / 71_508 - 1)).toBeLessThan(5e-4);
    expect(sum(clv) / clv.length).toBeCloseTo(30.34, 2);
    expect(Math.round(Math.max(...clv))).toBe(1175);
  });

  it('stays within 0.1 % of them with the calendar month of 4.348 weeks', () => {
    const clv = twelveMonths({ convention: 'monthly', monthlyRate: 0.01 });
    expect(Math.abs(sum(clv) / 71_508 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(Math.max(...clv) / 1175 - 1)).toBeLessThan(1e-3);
  });

  it('puts customer equity in few hands: the top 10 % hold over half of it', () => {
    const clv = twelveMonths({ convention: 'monthly', monthlyRate: 0.01, monthLength: 4.345 });
    const tiers = valueTiers(clv.map((value, i) => ({ customerId: cdnow[i]?.customerId ?? '', value })));
    expect(tiers.equity).toBeCloseTo(sum(clv), 6);
    expect(tiers.topTenPercentShare).toBeGreaterThan(0.5);
    expect(tiers.topOnePercentShare).toBeLessThan(tiers.topTenPercentShare);
    expect(tiers.customers[0]?.value).toBe(Math.max(...clv));
  });

  it('discounts a little less with continuous 12.68 %/year, the same 1 %/month compounded', () => {
    const monthly = sum(twelveMonths({ convention: 'monthly', monthlyRate: 0.01 }));
    const continuous = sum(twelveMonths({ convention: 'continuous', annualRate: 1.01 ** 12 - 1 }));
    // Continuous discounting weights each month's purchases at its middle, not its end: ≈ +0.5 %.
    expect(continuous / monthly).toBeGreaterThan(1);
    expect(continuous / monthly).toBeLessThan(1.01);
  });
});

describe('Pareto/NBD DERT on CDNOW (BTYD pnbd.DERT)', () => {
  const pareto = fitParetoNbd(cdnow).parameters;
  const meanDert = (delta: number) =>
    sum(cdnow.map((c) => paretoNbdDiscountedResidualPurchases(pareto, delta, c.frequency, c.recency, c.T))) /
    cdnow.length;

  it('gives the reference mean 2.93 when 15 %/year enters as δ = 0.15/52 a week', () => {
    expect(meanDert(0.15 / 52)).toBeCloseTo(2.93, 2);
  });

  it('gives 3.05 at BTYD’s documented δ = 0.0027 (15 % a year compounded annually, FHL 2005)', () => {
    expect(meanDert(0.0027)).toBeCloseTo(3.049, 3);
    expect(meanDert(Math.log(1.15) / (365.25 / 7))).toBeCloseTo(3.063, 3);
  });
});

describe('probability of repeat purchases on CDNOW', () => {
  it('predicts 1,408 customers with no repeat purchase in calibration against 1,411 observed', () => {
    // Each customer was watched for their own T (27 to 39 weeks), as in FHL 2005's calibration histogram.
    const ages = new Map<number, number>();
    for (const c of cdnow) ages.set(c.T, (ages.get(c.T) ?? 0) + 1);
    const histogram = Array.from({ length: 301 }, (_, n) =>
      sum([...ages].map(([T, customers]) => customers * probabilityOfPurchases(bgNbd.fit, T, n))),
    );
    const noRepeat = cdnow.filter((c) => c.frequency === 0).length;
    expect(noRepeat).toBe(1411);
    expect(Math.abs((histogram[0] as number) / noRepeat - 1)).toBeLessThan(0.01);
    expect(sum(histogram)).toBeCloseTo(cdnow.length, 3);
    const meanRepeats = sum(histogram.map((count, n) => n * count));
    expect(meanRepeats).toBeCloseTo(sum(cdnow.map((c) => bgNbdExpectedPurchases(bgNbdParameters, c.T))), 6);
  });
});
