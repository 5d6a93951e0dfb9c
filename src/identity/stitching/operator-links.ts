import { type Identifier, identifierKey } from '../identifiers/index.ts';
import type { EventRecord } from './canonical-order.ts';
import { mergeInto, type StepResult } from './flat-matching.ts';
import type { StitchEvent } from './graph.ts';
import type { ProfileSpace } from './profile-space.ts';
import { digest, type ProfileState } from './profile-state.ts';
import type { DroppedIdentifier, OperatorLink } from './records.ts';
import { type Entry, identifierToDrop, type Plan, planFor, ruleBroken } from './rule-check.ts';

/** The synthetic event an operator link is stitched as: its id as message id, its time as timestamp. */
export function operatorLinkEvent(link: OperatorLink): StitchEvent {
  return { messageId: link.id, timestamp: link.at, identifiers: link.identifiers, link };
}

/** A link's id, from its identifiers and time: the same decision always gets the same id. */
export function operatorLinkId(identifiers: readonly Identifier[], at: Date): string {
  const keys = identifiers.map(identifierKey).sort();
  return `link_${digest(`${keys.join('\u0000')}\u0000${at.toISOString()}`)}`;
}

/** The identifier an operator link names a profile by: its most trusted one. */
export function mostTrustedIdentifier(space: ProfileSpace, profile: ProfileState): Identifier {
  const held = [...profile.identifiers.values()].map((h) => h.identifier);
  held.sort((a, b) => space.order(a.type, b.type) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return held[0] as Identifier;
}

/**
 * Stitches an operator link as flat matching would an event carrying its identifiers (a rule it
 * would break drops the least trusted one, which leaves the profiles apart), except that it is no
 * sighting: it neither counts as an event nor moves any first or last seen, and it never brings in
 * an identifier no profile holds (after an erasure, say).
 */
export function stitchLink(space: ProfileSpace, record: EventRecord): StepResult {
  const dropped: DroppedIdentifier[] = [];
  let entries: Entry[] = [];
  record.identifiers.forEach((identifier, i) => {
    const key = record.keys[i] as string;
    if (space.holderOf(key)) entries.push({ identifier, key });
    else dropped.push({ identifier, reason: { rule: 'not_held' } });
  });
  for (;;) {
    const plan = planFor(space, entries);
    if (plan.matched.length < 2) return unmerged(record, plan, dropped);
    const broken = ruleBroken(space, plan, record.at);
    if (broken === null) return merged(space, record, plan, dropped);
    const victim = identifierToDrop(space, plan, broken);
    dropped.push({ identifier: victim.identifier, reason: broken });
    entries = entries.filter((e) => e !== victim);
  }
}

function merged(
  space: ProfileSpace,
  record: EventRecord,
  plan: Plan,
  dropped: DroppedIdentifier[],
): StepResult {
  const [target, ...others] = plan.matched as [ProfileState, ...ProfileState[]];
  const merge = mergeInto(space, target, others, record, plan);
  return {
    messageId: record.messageId,
    action: 'merged',
    profileId: target.id,
    dropped,
    merge,
    retired: others.map((p) => p.id),
    created: null,
  };
}

function unmerged(record: EventRecord, plan: Plan, dropped: DroppedIdentifier[]): StepResult {
  const profile = plan.matched[0];
  return {
    messageId: record.messageId,
    action: profile ? 'matched' : 'no_identifiers',
    profileId: profile?.id ?? null,
    dropped,
    merge: null,
    retired: [],
    created: null,
  };
}
