/**
 * Events into the aggregated journeys attribution works on (`JourneyPathCount`), the reference
 * semantics the SQL builders reproduce.
 * @module
 */
import type { JourneyPathCount } from '../markov/journey-paths.ts';
import type { JourneyEvent } from '../sql/journey-events.ts';
import type { AttributionDefinition } from './definition.ts';

const DAY_MS = 86_400_000;

/**
 * The journeys of a set of events, one row per distinct path. The range ends at `to`, or just after
 * the latest event; events from then on are ignored. Every other event whose action is not the
 * conversion (and, unless `touches` is 'all', that has a stage) is a touch, credited as its `item`. A profile's touch belongs to its first conversion
 * at or after it, and is kept when at most `lookbackDays` older than that conversion; conversions
 * of one profile at the same instant make one journey (their count and summed revenue). Conversions
 * from `from` on are kept, with or without touches (a path with no touch is a conversion nothing
 * can be credited for). A profile's touches after its last conversion and within `lookbackDays`
 * before the range end make one non-converting journey. Within a journey, touches are in time order
 * (ties by item), consecutive repeats folded into one when `collapseRepeats`.
 * @example attributionPaths(events, parseAttributionDefinition({ from: '2026-01-01' }))
 */
export function attributionPaths(
  events: readonly JourneyEvent[],
  definition: AttributionDefinition,
): JourneyPathCount[] {
  if (events.length === 0) return [];
  const end =
    definition.to?.getTime() ??
    events.reduce((latest, e) => Math.max(latest, e.ts), Number.NEGATIVE_INFINITY) + 1;
  const lookback = definition.lookbackDays * DAY_MS;
  const from = definition.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const byPath = new Map<string, JourneyPathCount & { revenue: number }>();
  const add = (channels: string[], conversions: number, revenue: number) => {
    const key = JSON.stringify(channels);
    const row = byPath.get(key) ?? { channels, conversions: 0, nonConversions: 0, revenue: 0 };
    byPath.set(key, row);
    row.conversions += conversions;
    row.nonConversions += conversions === 0 ? 1 : 0;
    row.revenue += revenue;
  };
  for (const profileEvents of groupByProfile(events, end)) {
    const conversions = conversionsByInstant(profileEvents, definition.conversion);
    const instants = [...conversions.keys()].sort((a, b) => a - b);
    const touches = new Map<number | null, { ts: number; item: string }[]>();
    for (const event of profileEvents) {
      if (event.action === definition.conversion) continue;
      if (definition.touches === 'staged' && event.stage === null) continue;
      const journeyEnd = instants.find((t) => t >= event.ts) ?? null;
      if (event.ts < (journeyEnd ?? end) - lookback) continue;
      const list = touches.get(journeyEnd) ?? [];
      touches.set(journeyEnd, list);
      list.push({ ts: event.ts, item: event[definition.item] });
    }
    const path = (journeyEnd: number | null) => orderedItems(touches.get(journeyEnd) ?? [], definition);
    for (const instant of instants) {
      if (instant < from) continue;
      const conversion = conversions.get(instant) as { count: number; revenue: number };
      add(path(instant), conversion.count, conversion.revenue);
    }
    if (touches.has(null)) add(path(null), 0, 0);
  }
  return [...byPath.values()].sort(byPathKey);
}

/** A stable order of path rows: by their channels, element by element, a prefix first. */
export function byPathKey(a: JourneyPathCount, b: JourneyPathCount): number {
  const shared = Math.min(a.channels.length, b.channels.length);
  for (let i = 0; i < shared; i++) {
    const x = a.channels[i] as string;
    const y = b.channels[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.channels.length - b.channels.length;
}

function groupByProfile(events: readonly JourneyEvent[], end: number): JourneyEvent[][] {
  const byProfile = new Map<string, JourneyEvent[]>();
  for (const event of events) {
    if (event.ts >= end) continue;
    const list = byProfile.get(event.profileId) ?? [];
    byProfile.set(event.profileId, list);
    list.push(event);
  }
  return [...byProfile.values()];
}

function conversionsByInstant(events: readonly JourneyEvent[], action: string) {
  const conversions = new Map<number, { count: number; revenue: number }>();
  for (const event of events) {
    if (event.action !== action) continue;
    const row = conversions.get(event.ts) ?? { count: 0, revenue: 0 };
    conversions.set(event.ts, row);
    row.count += 1;
    row.revenue += event.revenue ?? 0;
  }
  return conversions;
}

function orderedItems(touches: { ts: number; item: string }[], definition: AttributionDefinition): string[] {
  const items = [...touches]
    .sort((a, b) => a.ts - b.ts || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
    .map((t) => t.item);
  return definition.collapseRepeats ? items.filter((item, i) => i === 0 || item !== items[i - 1]) : items;
}
