/**
 * What `panorama journeys …` prints without `--json`: the figures a team reads first, as aligned
 * text. The whole result is always in `--json`.
 */
import type { ChannelCredit, MarkovAttribution } from '../../journeys/attribution/index.ts';
import type { AttributionResult } from '../../journeys/attribution-sql/index.ts';
import type { ChannelMixResult } from '../../journeys/channel-mix/index.ts';
import type { FunnelDropOffs, FunnelGroupResult, FunnelResult } from '../../journeys/funnels/index.ts';
import type { PathsResult } from '../../journeys/paths/index.ts';
import type { LifecycleResult, RetentionResult } from '../../journeys/retention/index.ts';

const percent = (share: number | null) =>
  share === null ? '     –' : `${(share * 100).toFixed(1).padStart(5)} %`;
const count = (n: number) => n.toLocaleString('en-US');

/** 90 s, 42 min, 3.5 h, 2.1 d. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(0)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

function funnelGroup(group: FunnelGroupResult, title: string): string[] {
  const lines = [`${title}: ${count(group.entered)} entered`];
  for (const step of group.steps) {
    lines.push(
      `  ${String(step.step).padStart(2)}. ${step.label.padEnd(34)} ${count(step.reached).padStart(9)}  ${percent(step.conversionFromPrevious)} of previous  ${percent(step.conversionFromEntry)} overall  median ${duration(step.timeFromPrevious?.medianMs)}`,
    );
  }
  return lines;
}

export function renderFunnel(result: FunnelResult): string[] {
  const lines = funnelGroup(result.overall, 'funnel');
  const last = result.overall.timeToConvert;
  if (last.some((b) => b.profiles > 0)) {
    lines.push(`  time to convert: ${last.map((b) => `${b.label} ${count(b.profiles)}`).join(' · ')}`);
  }
  for (const group of result.breakdown) {
    lines.push(...funnelGroup(group, `  ${group.other ? 'other' : (group.value ?? '(none)')}`));
  }
  return lines;
}

export function renderDropOffs(result: FunnelDropOffs): string[] {
  return [
    `dropped off after step ${result.step}:`,
    ...result.profiles.map(
      (p) => `  ${p.profileId}  entered ${String(p.enteredAt)}  reached ${String(p.reachedAt)}`,
    ),
    ...(result.hasMore ? ['  … more: ask with --offset'] : []),
  ];
}

export function renderPaths(result: PathsResult): string[] {
  return [
    `${count(result.total)} ${result.countedIn}, heaviest edges first:`,
    ...result.edges.map(
      (e) =>
        `  ${count(e.count).padStart(9)}  ${e.source} → ${e.target}  (${duration(e.averageSeconds * 1000)} between)`,
    ),
  ];
}

export function renderRetention(result: RetentionResult): string[] {
  const lines: string[] = [];
  for (const group of result.groups) {
    if (group.breakdown !== null || result.groups.length > 1) lines.push(`${group.breakdown ?? '(none)'}:`);
    lines.push(`  cohort (${result.interval})   size   then recurring returns by period (rolling in --json)`);
    for (const cohort of group.cohorts) {
      const cells = cohort.periods.map((p) => percent(p.share).trim().padStart(7)).join(' ');
      lines.push(`  ${cohort.start}  ${count(cohort.size).padStart(7)}  ${cells}`);
    }
  }
  return lines;
}

export function renderLifecycle(result: LifecycleResult): string[] {
  const lines: string[] = [];
  for (const group of result.groups) {
    if (group.breakdown !== null || result.groups.length > 1) lines.push(`${group.breakdown ?? '(none)'}:`);
    lines.push(`  ${result.interval.padEnd(10)}        new  returning  resurrecting   dormant`);
    for (const p of group.periods) {
      lines.push(
        `  ${p.start}  ${count(p.new).padStart(9)}  ${count(p.returning).padStart(9)}  ${count(p.resurrecting).padStart(12)}  ${count(p.dormantCount).padStart(8)}`,
      );
    }
  }
  return lines;
}

export function renderChannelMix(result: ChannelMixResult): string[] {
  const lines: string[] = [];
  for (const group of result.groups) {
    const t = group.total;
    lines.push(
      `${group.breakdown ?? 'all customers'}: ${count(t.customers)} customers, ${percent(t.singleChannelShare).trim()} on one channel, ${percent(t.omnichannelShare).trim()} on several`,
      ...t.channels.map(
        (c) => `  ${c.channel.padEnd(12)} ${count(c.customers).padStart(9)}  ${percent(c.share)}`,
      ),
    );
  }
  return lines;
}

function credits(title: string, rows: readonly ChannelCredit[]): string[] {
  return [
    title,
    ...rows.map(
      (r) =>
        `  ${r.channel.padEnd(24)} ${r.conversions.toFixed(1).padStart(10)} ${r.revenue.toFixed(2).padStart(14)}`,
    ),
  ];
}

function markov(m: MarkovAttribution): string[] {
  return [
    `Markov removal effect (P(conversion) ${m.conversionProbability.toFixed(4)}):`,
    ...m.channels.map(
      (c) =>
        `  ${c.channel.padEnd(24)} ${c.conversions.toFixed(1).padStart(10)} ${c.revenue.toFixed(2).padStart(14)}  removal effect ${c.removalEffect.toFixed(3)}`,
    ),
  ];
}

export function renderAttribution(result: AttributionResult): string[] {
  const j = result.journeys;
  return [
    `${count(j.conversions)} conversions, ${j.revenue.toFixed(2)} revenue, ${count(j.nonConverting)} journeys without conversion, ${count(j.uncreditedConversions)} conversions with no touch`,
    `  ${'channel'.padEnd(24)} ${'conversions'.padStart(10)} ${'revenue'.padStart(14)}`,
    ...credits('first touch:', result.firstTouch),
    ...credits('last touch:', result.lastTouch),
    ...credits('linear:', result.linear),
    ...markov(result.markov),
  ];
}
