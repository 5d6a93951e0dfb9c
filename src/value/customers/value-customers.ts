import type { GammaGammaParameters } from '../models/gamma-gamma.ts';
import { fitGammaGamma, gammaGammaExpectedSpend } from '../models/gamma-gamma.ts';
import type { FittedModel } from '../models/types.ts';
import { customerLifetimeValue } from '../predict/lifetime-value.ts';
import { type RfmSegmentName, rfmSegments } from '../predict/rfm-segments.ts';
import { valueTiers } from '../predict/value-tiers.ts';
import { fitPurchaseModel, type RepeatPurchaseModel } from '../repeat-purchase-model.ts';
import type { CustomerSummary } from '../summary/customer-summary.ts';
import { daysPerUnit, type TimeUnit } from '../summary/time-unit.ts';

/** What the RFM segments need beyond the model's summary: the spend of every purchase, the first included. */
export interface PurchaseTotals {
  customerId: string;
  /** Everything spent (0 when amounts are unknown). */
  spend: number;
}

export interface ValuationOptions {
  model?: RepeatPurchaseModel;
  unit?: TimeUnit;
  /** CLV horizon in months (default 12). */
  months?: number;
  /** Monthly discount rate (default 1 %). */
  monthlyDiscountRate?: number;
}

/** A customer's computed value traits. */
export interface CustomerValueTraits {
  customerId: string;
  probabilityAlive: number;
  expectedPurchases90d: number;
  expectedSpend: number | null;
  clv: number | null;
  /** 1 = the most valuable tenth of customers, by CLV (by expected purchases without amounts). */
  valueTier: number;
  rfmSegment: RfmSegmentName;
  rfm: { recency: number; frequency: number; monetary: number };
}

export interface Valuation {
  purchaseModel: FittedModel<object>;
  spendModel: FittedModel<GammaGammaParameters> | null;
  /** The CLV convention in words. */
  convention: string;
  customers: CustomerValueTraits[];
  equity: number | null;
  topOnePercentShare: number;
  topTenPercentShare: number;
  paretoCurve: { customerShare: number; valueShare: number }[];
  segments: Record<string, number>;
}

/**
 * Values every customer: fits the purchase model (and Gamma-Gamma when amounts are known) on the
 * summaries, then P(alive), purchases expected in the next 90 days, CLV over the horizon with
 * monthly discounting, the value decile and the RFM segment.
 */
export function valueCustomers(
  summaries: readonly CustomerSummary[],
  totals: readonly PurchaseTotals[],
  options: ValuationOptions = {},
): Valuation {
  const unit = options.unit ?? 'week';
  const forecaster = fitPurchaseModel(options.model ?? 'bg-nbd', summaries);
  const repeaters = summaries.filter((s) => s.frequency > 0 && (s.monetaryValue ?? 0) > 0);
  const spendModel =
    repeaters.length >= 3
      ? fitGammaGamma(
          repeaters.map((s) => ({ frequency: s.frequency, monetaryValue: s.monetaryValue as number })),
        )
      : null;
  const horizon90 = 90 / daysPerUnit[unit];
  const discounting = { convention: 'monthly' as const, monthlyRate: options.monthlyDiscountRate ?? 0.01 };
  const months = options.months ?? 12;
  let convention = '';
  const valued = summaries.map((s) => {
    const expectedSpend = spendModel
      ? gammaGammaExpectedSpend(spendModel.parameters, s.frequency, s.monetaryValue ?? 0)
      : null;
    const clv =
      expectedSpend === null
        ? null
        : customerLifetimeValue(forecaster, { ...s, expectedSpend }, { months, discounting, unit });
    if (clv) convention = clv.convention;
    return {
      summary: s,
      probabilityAlive: forecaster.probabilityAlive(s.frequency, s.recency, s.T),
      expectedPurchases90d: forecaster.expectedPurchases(s.frequency, s.recency, s.T, horizon90),
      expectedSpend,
      clv: clv?.value ?? null,
    };
  });
  const tiers = valueTiers(
    valued.map((v) => ({ customerId: v.summary.customerId, value: v.clv ?? v.expectedPurchases90d })),
  );
  const deciles = new Map(tiers.customers.map((c) => [c.customerId, c.decile]));
  const spendOf = new Map(totals.map((t) => [t.customerId, t]));
  const rfm = rfmSegments(
    summaries.map((s) => ({
      customerId: s.customerId,
      sinceLastPurchase: s.T - s.recency,
      // Purchase days: the first one and the repeat ones.
      purchases: s.frequency + 1,
      spend: spendOf.get(s.customerId)?.spend ?? 0,
    })),
  );
  const segments: Record<string, number> = {};
  const customers = valued.map((v, i) => {
    const scored = rfm[i] as (typeof rfm)[number];
    segments[scored.segment] = (segments[scored.segment] ?? 0) + 1;
    return {
      customerId: v.summary.customerId,
      probabilityAlive: v.probabilityAlive,
      expectedPurchases90d: v.expectedPurchases90d,
      expectedSpend: v.expectedSpend,
      clv: v.clv,
      valueTier: deciles.get(v.summary.customerId) ?? 10,
      rfmSegment: scored.segment,
      rfm: scored.scores,
    };
  });
  return {
    purchaseModel: forecaster.fit,
    spendModel,
    convention: spendModel ? convention : 'no amounts: tiers rank expected purchases in the next 90 days',
    customers,
    equity: spendModel ? tiers.equity : null,
    topOnePercentShare: tiers.topOnePercentShare,
    topTenPercentShare: tiers.topTenPercentShare,
    paretoCurve: tiers.paretoCurve,
    segments,
  };
}
