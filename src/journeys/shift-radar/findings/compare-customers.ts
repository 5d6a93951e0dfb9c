/**
 * Comparisons counted per customer: where customers order (channel mix), whether browsing customers
 * order (conversion), and whether customers ask for help (contact rate).
 * @module
 */
import {
  chiSquareIndependence,
  compareConversionRates,
  populationStabilityIndex,
  twoProportionTest,
} from '../../comparisons/index.ts';
import type { CellFacts, PeriodName } from '../measure/read-measurements.ts';
import type { Comparison } from './finding.ts';
import { customersWhere, impactsOf, type MeasuredBreakdown, type Thresholds } from './measured.ts';

const bought = (f: CellFacts) => f.orderChannel !== '';
const round = (x: number) => Math.round(x * 1e9) / 1e9;

function channelCounts(
  facts: readonly CellFacts[],
  channels: readonly string[],
  period: PeriodName,
  cell?: string,
) {
  return channels.map((c) => customersWhere(facts, period, (f) => f.orderChannel === c, cell).customers);
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/**
 * Channel mix of orders, each ordering customer counted once by the channel they ordered in most:
 * Pearson χ² and Cramér's V on the channel × period table, PSI beside it. Each cell moved by the
 * total-variation distance between its two channel mixes: the share of its ordering customers who would
 * have to change channel.
 */
export function compareChannelMix(
  measured: readonly MeasuredBreakdown[],
  thresholds: Thresholds,
): Comparison | null {
  const facts = measured[0]?.facts ?? [];
  const channels = [...new Set(facts.filter(bought).map((f) => f.orderChannel))].sort();
  const before = channelCounts(facts, channels, 'before');
  const after = channelCounts(facts, channels, 'after');
  if (channels.length < 2 || before.every((c) => c === 0) || after.every((c) => c === 0)) return null;
  const test = chiSquareIndependence([before, after]);
  const psi = populationStabilityIndex(before, after);
  const [p, q] = [shares(before), shares(after)];
  const moves = channels
    .map((channel, i) => ({ channel, before: p[i] as number, after: q[i] as number }))
    // with two channels the moves always tie; rounding keeps float noise from picking one, the name decides
    .sort(
      (a, b) =>
        round(Math.abs(b.after - b.before)) - round(Math.abs(a.after - a.before)) ||
        a.channel.localeCompare(b.channel),
    );
  const top = moves[0] as (typeof moves)[number];
  return {
    kind: 'channel_mix',
    metric: 'order_channel',
    subject: top.channel,
    stage: 'buy',
    direction: top.after >= top.before ? 'up' : 'down',
    before: top.before,
    after: top.after,
    effectName: "Cramér's V",
    effectSize: test.cramersV,
    minimumEffect: thresholds.cramersV,
    pValue: test.pValue,
    details: {
      channels: moves,
      populationStabilityIndex: psi.index,
      psiLevel: psi.level,
      chiSquare: test.statistic,
    },
    cells: impactsOf(measured, bought, (m, cell) => {
      const b = shares(channelCounts(m.facts, channels, 'before', cell));
      const a = shares(channelCounts(m.facts, channels, 'after', cell));
      if (b.every((x) => x === 0) || a.every((x) => x === 0)) return null;
      return b.reduce((s, x, i) => s + Math.abs((a[i] as number) - x), 0) / 2;
    }),
  };
}

interface RateDefinition {
  kind: 'conversion' | 'contact_rate';
  subject: string;
  /** Who is in the denominator. */
  trial: (f: CellFacts) => boolean;
  /** Who, of them, is in the numerator. */
  success: (f: CellFacts) => boolean;
}

const rates: Record<'conversion' | 'contact_rate', RateDefinition> = {
  conversion: { kind: 'conversion', subject: 'buy', trial: (f) => f.browsed, success: (f) => f.bought },
  contact_rate: { kind: 'contact_rate', subject: 'get_help', trial: () => true, success: (f) => f.contacted },
};

function rateOf(facts: readonly CellFacts[], r: RateDefinition, period: PeriodName, cell?: string) {
  const trials = customersWhere(facts, period, r.trial, cell).customers;
  const conversions = customersWhere(facts, period, (f) => r.trial(f) && r.success(f), cell).customers;
  return { trials, conversions };
}

/**
 * A rate counted per customer: conversion (of customers who browsed — discover or consider — in a period,
 * the share who ordered in it) or contact rate (of active customers, the share who asked for help).
 * Two-proportion z-test, effect = relative change; the Beta-Binomial posterior is reported beside it.
 * Each cell moved by |p_after − p_before|.
 */
export function compareRate(
  measured: readonly MeasuredBreakdown[],
  which: 'conversion' | 'contact_rate',
  thresholds: Thresholds,
): Comparison | null {
  const r = rates[which];
  const facts = measured[0]?.facts ?? [];
  const before = rateOf(facts, r, 'before');
  const after = rateOf(facts, r, 'after');
  if (before.trials === 0 || after.trials === 0) return null;
  const test = twoProportionTest(before, after);
  if (!Number.isFinite(test.relativeChange)) return null;
  const bayes = compareConversionRates(before, after);
  return {
    kind: r.kind,
    metric: which,
    subject: r.subject,
    stage: r.subject,
    direction: test.difference >= 0 ? 'up' : 'down',
    before: test.before,
    after: test.after,
    effectName: 'relative change',
    effectSize: test.relativeChange,
    minimumEffect: thresholds.relativeChange,
    pValue: test.pValue,
    posteriorProbability: bayes.posteriorProbability,
    details: { before, after, difference: test.difference, credibleInterval: bayes.credibleInterval },
    cells: impactsOf(measured, r.trial, (m, cell) => {
      const b = rateOf(m.facts, r, 'before', cell);
      const a = rateOf(m.facts, r, 'after', cell);
      if (b.trials === 0 || a.trials === 0) return null;
      return Math.abs(a.conversions / a.trials - b.conversions / b.trials);
    }),
  };
}
