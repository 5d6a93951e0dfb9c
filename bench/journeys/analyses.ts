/**
 * The analyses the journeys benchmark times, each as a user would ask for it on the demo business
 * (its French pages, its purchase funnel, the months around the shift).
 */
import { runAttribution } from '../../src/journeys/attribution-sql/index.ts';
import { parseChannelMixDefinition, runChannelMix } from '../../src/journeys/channel-mix/index.ts';
import { parseFunnelDefinition, runFunnel, runFunnelDropOffs } from '../../src/journeys/funnels/index.ts';
import { runPaths } from '../../src/journeys/paths/index.ts';
import {
  parseLifecycleDefinition,
  parseRetentionDefinition,
  runLifecycle,
  runRetention,
} from '../../src/journeys/retention/index.ts';
import { runShiftRadarOn } from '../../src/journeys/shift-radar/run-shift-radar.ts';
import { breakdownSource, profileValueSource } from '../../src/journeys/sources/index.ts';
import type { SqlStatement } from '../../src/journeys/sql/dialect.ts';
import type { Store } from '../../src/store/port.ts';

export interface BenchAnalysis {
  name: string;
  run: (store: Store, source: SqlStatement) => Promise<unknown>;
}

const day = 86_400_000;

/** The analyses, over the year that ends at `end` (the demo's last day). */
export function benchAnalyses(workspaceId: string, end: Date): BenchAnalysis[] {
  const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const from = isoDay(end.getTime() - 365 * day);
  const to = isoDay(end.getTime());
  const steps = [
    { action: 'product_viewed' },
    { action: 'product_added' },
    { action: 'checkout_started' },
    { action: 'order_completed' },
  ];
  const funnel = (order: string) => parseFunnelDefinition({ steps, order, from, to });
  const segment = (store: Store) => breakdownSource(store.dialect, workspaceId, { kind: 'segment' });
  return [
    { name: 'funnel, ordered, 4 steps', run: (s, src) => runFunnel(s, src, funnel('ordered')) },
    { name: 'funnel, strict', run: (s, src) => runFunnel(s, src, funnel('strict')) },
    { name: 'funnel, any order', run: (s, src) => runFunnel(s, src, funnel('any')) },
    {
      name: 'funnel, ordered, by RFM segment',
      run: (s, src) => runFunnel(s, src, funnel('ordered'), segment(s)),
    },
    {
      name: 'funnel drop-offs at step 2 (first page)',
      run: (s, src) => runFunnelDropOffs(s, src, funnel('ordered'), 2, { limit: 50, offset: 0 }),
    },
    { name: 'paths, every touchpoint', run: (s, src) => runPaths(s, src, { from, to }) },
    {
      name: 'paths from the home page',
      run: (s, src) => runPaths(s, src, { from, to, start: 'web:view_accueil' }),
    },
    {
      name: 'retention by first purchase month',
      run: (s, src) =>
        runRetention(s, src, parseRetentionDefinition({ from: isoDay(end.getTime() - 730 * day), to })),
    },
    {
      name: 'lifecycle per week',
      run: (s, src) => runLifecycle(s, src, parseLifecycleDefinition({ from, to, interval: 'week' })),
    },
    {
      name: 'channel mix per week, by segment',
      run: (s, src) => runChannelMix(s, src, parseChannelMixDefinition({ from, to }), segment(s)),
    },
    {
      name: 'attribution (first, last, linear, Markov)',
      run: (s, src) => runAttribution(s, src, { from, to }),
    },
    {
      name: 'shift radar over two years',
      run: (s, src) =>
        runShiftRadarOn(
          s,
          src,
          {},
          {
            values: profileValueSource(s.dialect, workspaceId),
            breakdown: (by) => breakdownSource(s.dialect, workspaceId, by),
          },
        ),
    },
  ];
}
