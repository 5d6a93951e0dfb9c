/**
 * Events into paths, the reference semantics the SQL builders reproduce: one path per session,
 * repeats collapsed, cut at the start and end items and to the depth.
 * @module
 */
import type { JourneyEvent } from '../sql/journey-events.ts';
import { ELIDED_STEPS, type PathsDefinition } from './definition.ts';

/** One session's path: its steps and when each was first reached (epoch ms). */
export interface SessionPath {
  profileId: string;
  items: string[];
  times: number[];
}

/**
 * The paths of a set of events. Events outside the date range, without an item (a NULL stage) or
 * filtered out by `include`/`exclude` are dropped first; each profile's remaining events, in time
 * order (ties by item), start a new session after more than `sessionGapMinutes` of inactivity; a
 * step equal to the one before it in the same session is dropped (its time stays the first one's);
 * then each session is cut:
 * - no anchor: its first `depth` steps;
 * - `start`: from the first occurrence of `start`, `depth` steps;
 * - `end`: up to the first occurrence of `end`, the last `depth` steps;
 * - both: from the first `start` to the first `end` after it; longer than `depth`, the first
 *   `depth − 2` steps, then `…` (reached when the first left-out step was), then `end`.
 * Sessions lacking an anchor give no path. `profiles`, when given, keeps only those profiles.
 */
export function cutPaths(
  events: readonly JourneyEvent[],
  definition: PathsDefinition,
  profiles?: ReadonlySet<string>,
): SessionPath[] {
  const byProfile = new Map<string, { ts: number; item: string }[]>();
  for (const event of events) {
    const item = keptItem(event, definition, profiles);
    if (item === null) continue;
    const list = byProfile.get(event.profileId) ?? [];
    if (list.length === 0) byProfile.set(event.profileId, list);
    list.push({ ts: event.ts, item });
  }
  const gap = definition.sessionGapMinutes * 60_000;
  const paths: SessionPath[] = [];
  for (const [profileId, steps] of byProfile) {
    steps.sort((a, b) => a.ts - b.ts || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    let session: SessionPath | null = null;
    let previous: { ts: number; item: string } | null = null;
    for (const step of steps) {
      const startsSession = previous === null || step.ts - previous.ts > gap;
      if (startsSession) {
        if (session) paths.push(session);
        session = { profileId, items: [], times: [] };
      }
      if (session && (startsSession || step.item !== previous?.item)) {
        session.items.push(step.item);
        session.times.push(step.ts);
      }
      previous = step;
    }
    if (session) paths.push(session);
  }
  return paths.flatMap((path) => {
    const cut = cutSession(path, definition);
    return cut ? [cut] : [];
  });
}

function keptItem(
  event: JourneyEvent,
  definition: PathsDefinition,
  profiles: ReadonlySet<string> | undefined,
): string | null {
  const item = event[definition.item];
  if (item === null) return null;
  if (definition.from && event.ts < definition.from.getTime()) return null;
  if (definition.to && event.ts >= definition.to.getTime()) return null;
  if (definition.include && !definition.include.includes(item)) return null;
  if (definition.exclude.includes(item)) return null;
  if (profiles && !profiles.has(event.profileId)) return null;
  return item;
}

function cutSession(path: SessionPath, definition: PathsDefinition): SessionPath | null {
  const { items, times, profileId } = path;
  const { start, end, depth } = definition;
  const s = start === null ? 0 : items.indexOf(start);
  if (s < 0) return null;
  const e = end === null ? -1 : items.indexOf(end, start === null ? 0 : s + 1);
  if (end !== null && e < 0) return null;
  const slice = (from: number, to: number) => ({
    profileId,
    items: items.slice(from, to),
    times: times.slice(from, to),
  });
  if (end === null) return slice(s, s + depth);
  if (start === null) return slice(Math.max(0, e - depth + 1), e + 1);
  if (e - s + 1 <= depth) return slice(s, e + 1);
  const head = slice(s, s + depth - 2);
  return {
    profileId,
    items: [...head.items, ELIDED_STEPS, end],
    times: [...head.times, times[s + depth - 2] as number, times[e] as number],
  };
}
