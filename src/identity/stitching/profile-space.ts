import type { EventKey, EventRecord } from './canonical-order.ts';
import { ProfileState, profileIdFor } from './profile-state.ts';
import { type StitchingRules, typeOrder } from './rules.ts';

/** Which side of an operator's split an identifier was on. */
export interface SideMark {
  split: string;
  side: number;
}

const noMarks: readonly SideMark[] = [];

/** The profiles and who holds each identifier: the state stitching reads and changes. */
export class ProfileSpace {
  readonly live = new Map<string, ProfileState>();
  readonly order: (a: string, b: string) => number;
  private readonly holders = new Map<string, ProfileState>();
  private readonly marks = new Map<string, SideMark[]>();

  constructor(readonly rules: StitchingRules) {
    this.order = typeOrder(rules);
  }

  /** The live profile holding an identifier. */
  holderOf(key: string): ProfileState | undefined {
    const holder = this.holders.get(key);
    if (!holder?.absorbedInto) return holder;
    const current = holder.current();
    this.holders.set(key, current);
    return current;
  }

  marksOf(key: string): readonly SideMark[] {
    return this.marks.get(key) ?? noMarks;
  }

  mark(key: string, mark: SideMark): void {
    const list = this.marks.get(key) ?? [];
    list.push(mark);
    this.marks.set(key, list);
  }

  create(foundingKey: string, founded: EventKey): ProfileState {
    const profile = new ProfileState(profileIdFor(foundingKey), founded);
    this.live.set(profile.id, profile);
    return profile;
  }

  hold(profile: ProfileState, key: string): void {
    this.holders.set(key, profile);
    for (const { split, side } of this.marksOf(key)) profile.sides.set(split, side);
  }

  retire(profile: ProfileState): void {
    this.live.delete(profile.id);
  }

  /** Files the event under the profile (its record keeps it: a million events need no map of their own). */
  assignEvent(record: EventRecord, profile: ProfileState): void {
    record.profile = profile;
  }

  /** Forgets profiles, identifiers and events before they are stitched again. */
  forget(profiles: Iterable<ProfileState>, keys: Iterable<string>, events: Iterable<EventRecord>): void {
    for (const profile of profiles) this.live.delete(profile.id);
    for (const key of keys) this.holders.delete(key);
    for (const record of events) record.profile = undefined;
  }
}
