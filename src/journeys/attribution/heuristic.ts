import { channelsOf, checkPath, type JourneyPathCount } from '../markov/journey-paths.ts';

/** What one channel is credited with. */
export interface ChannelCredit {
  channel: string;
  conversions: number;
  revenue: number;
}

/** The three rule-based attributions side by side. */
export interface HeuristicAttribution {
  firstTouch: ChannelCredit[];
  lastTouch: ChannelCredit[];
  /** Each touch of a converting path gets an equal share (a channel touched twice gets two shares). */
  linear: ChannelCredit[];
}

/**
 * First-touch, last-touch and linear attribution of conversions and revenue over aggregated paths (the
 * heuristic models of ChannelAttribution's `heuristic_models`). Non-converting paths earn nothing.
 */
export function heuristicAttribution(paths: readonly JourneyPathCount[]): HeuristicAttribution {
  const channels = channelsOf(paths);
  const blank = () => new Map(channels.map((c) => [c, { channel: c, conversions: 0, revenue: 0 }]));
  const first = blank();
  const last = blank();
  const linear = blank();
  const credit = (
    table: Map<string, ChannelCredit>,
    channel: string,
    share: number,
    path: JourneyPathCount,
  ) => {
    const row = table.get(channel) as ChannelCredit;
    row.conversions += share * path.conversions;
    row.revenue += share * (path.revenue ?? 0);
  };
  for (const path of paths) {
    checkPath(path);
    const touches = path.channels;
    if (touches.length === 0 || (path.conversions === 0 && !path.revenue)) continue;
    credit(first, touches[0] as string, 1, path);
    credit(last, touches[touches.length - 1] as string, 1, path);
    for (const channel of touches) credit(linear, channel, 1 / touches.length, path);
  }
  return { firstTouch: [...first.values()], lastTouch: [...last.values()], linear: [...linear.values()] };
}
