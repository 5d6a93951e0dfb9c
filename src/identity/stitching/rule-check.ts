import type { Identifier } from '../identifiers/index.ts';
import type { ProfileSpace } from './profile-space.ts';
import type { ProfileState } from './profile-state.ts';
import type { DropReason } from './records.ts';
import { limitOf } from './rules.ts';

const DAY = 86_400_000;

export interface Entry {
  identifier: Identifier;
  key: string;
}

/** What adding an event's (remaining) identifiers would touch. */
export interface Plan {
  entries: Entry[];
  /** Profiles holding some of them, oldest first. */
  matched: ProfileState[];
  /** For each matched profile, the entries it holds, most trusted first. */
  links: Map<ProfileState, Entry[]>;
  /** Entries no profile holds yet. */
  fresh: Entry[];
}

export function planFor(space: ProfileSpace, entries: Entry[]): Plan {
  const links = new Map<ProfileState, Entry[]>();
  const fresh: Entry[] = [];
  for (const entry of entries) {
    const holder = space.holderOf(entry.key);
    if (!holder) fresh.push(entry);
    else links.set(holder, [...(links.get(holder) ?? []), entry]);
  }
  const matched = [...links.keys()].sort(
    (a, b) =>
      a.founded.at - b.founded.at ||
      (a.founded.messageId < b.founded.messageId ? -1 : a.founded.messageId > b.founded.messageId ? 1 : 0),
  );
  return { entries, matched, links, fresh };
}

function splitConflict(space: ProfileSpace, plan: Plan): DropReason | null {
  const sides = new Map<string, number>();
  const meet = (split: string, side: number): boolean => {
    const seen = sides.get(split);
    sides.set(split, side);
    return seen !== undefined && seen !== side;
  };
  for (const profile of plan.matched)
    for (const [split, side] of profile.sides)
      if (meet(split, side)) return { rule: 'split', splitId: split };
  for (const entry of plan.fresh)
    for (const { split, side } of space.marksOf(entry.key))
      if (meet(split, side)) return { rule: 'split', splitId: split };
  return null;
}

function mergeConflict(space: ProfileSpace, plan: Plan): DropReason | null {
  if (plan.matched.length < 2) return null;
  const known = plan.matched.filter((p) => (p.byType.get('user_id')?.size ?? 0) > 0);
  if (known.length > 1) return { rule: 'distinct_user_ids' };
  const max = space.rules.maxMergesPerProfile;
  const merges = plan.matched.reduce((sum, p) => sum + p.mergeCount, plan.matched.length - 1);
  return merges > max ? { rule: 'merge_cap', max } : null;
}

function limitConflict(space: ProfileSpace, plan: Plan, at: number): DropReason | null {
  const types = new Set(plan.fresh.map((e) => e.identifier.type));
  if (plan.matched.length > 1)
    for (const p of plan.matched) for (const type of p.byType.keys()) types.add(type);
  const inEvent = new Set(plan.entries.map((e) => e.key));
  for (const type of [...types].sort(space.order)) {
    const limit = limitOf(space.rules, type);
    const since = limit.windowDays === undefined ? Number.NEGATIVE_INFINITY : at - limit.windowDays * DAY;
    let count = plan.fresh.filter((e) => e.identifier.type === type).length;
    for (const profile of plan.matched)
      for (const [key, held] of profile.byType.get(type) ?? [])
        if (held.lastSeen >= since || inEvent.has(key)) count += 1;
    if (count > limit.max)
      return limit.windowDays === undefined
        ? { rule: 'limit', type, max: limit.max }
        : { rule: 'limit', type, max: limit.max, windowDays: limit.windowDays };
  }
  return null;
}

/** The first rule the plan would break: an operator's split, then two user ids, the merge cap, the limits. */
export function ruleBroken(space: ProfileSpace, plan: Plan, at: number): DropReason | null {
  return splitConflict(space, plan) ?? mergeConflict(space, plan) ?? limitConflict(space, plan, at);
}

/**
 * The identifier to give up: the least trusted one the conflict rests on. That is each matched
 * profile's most trusted link (dropping it may unlink the profile), and new identifiers of the
 * type over its limit or on a split's side. New identifiers that play no part are kept, unlike
 * Segment's plain "drop the lowest-priority identifier", which would lose them for nothing.
 */
export function identifierToDrop(space: ProfileSpace, plan: Plan, reason: DropReason): Entry {
  const candidates: { entry: Entry; fresh: boolean }[] = [];
  for (const links of plan.links.values()) candidates.push({ entry: links[0] as Entry, fresh: false });
  for (const entry of plan.fresh) {
    const relevant =
      (reason.rule === 'limit' && entry.identifier.type === reason.type) ||
      (reason.rule === 'split' && space.marksOf(entry.key).some((m) => m.split === reason.splitId));
    if (relevant) candidates.push({ entry, fresh: true });
  }
  if (candidates.length === 0) return plan.entries[plan.entries.length - 1] as Entry;
  candidates.sort(
    (a, b) =>
      space.order(b.entry.identifier.type, a.entry.identifier.type) ||
      Number(b.fresh) - Number(a.fresh) ||
      (a.entry.key < b.entry.key ? 1 : a.entry.key > b.entry.key ? -1 : 0),
  );
  return (candidates[0] as { entry: Entry }).entry;
}
