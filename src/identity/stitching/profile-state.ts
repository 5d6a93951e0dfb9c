import { createHash } from 'node:crypto';
import type { Identifier } from '../identifiers/index.ts';
import type { EventKey } from './canonical-order.ts';
import type { MergeRecord, StitchedProfile } from './records.ts';

export interface HeldIdentifier {
  identifier: Identifier;
  firstSeen: number;
  lastSeen: number;
}

/** A short stable digest: ids are derived from the data, never random. */
export function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** The id of a profile founded on an identifier (its founding event's most trusted one). */
export function profileIdFor(foundingKey: string): string {
  return `prof_${digest(foundingKey)}`;
}

/** A live profile as it is now, to read without a snapshot (times in epoch milliseconds). */
export interface ProfileView {
  readonly id: string;
  readonly identifiers: ReadonlyMap<string, Readonly<HeldIdentifier>>;
  readonly mergeCount: number;
  readonly events: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** Held identifiers by type, then value: the order snapshots and rows list them in. */
export function byTypeAndValue(a: Identifier, b: Identifier): number {
  return a.type < b.type ? -1 : a.type > b.type ? 1 : a.value < b.value ? -1 : 1;
}

/** A live profile of the graph (mutable; the graph hands out `StitchedProfile` snapshots). */
export class ProfileState implements ProfileView {
  readonly identifiers = new Map<string, HeldIdentifier>();
  readonly byType = new Map<string, Map<string, HeldIdentifier>>();
  /** The side of each split this profile holds identifiers of. */
  readonly sides = new Map<string, number>();
  merges: MergeRecord[] = [];
  mergeCount = 0;
  events = 0;
  firstSeen: number;
  lastSeen: number;
  absorbedInto: ProfileState | null = null;

  constructor(
    readonly id: string,
    readonly founded: EventKey,
  ) {
    this.firstSeen = founded.at;
    this.lastSeen = founded.at;
  }

  hold(key: string, identifier: Identifier, at: number): void {
    const held = this.identifiers.get(key);
    if (held) {
      held.lastSeen = Math.max(held.lastSeen, at);
      return;
    }
    const fresh = { identifier, firstSeen: at, lastSeen: at };
    this.identifiers.set(key, fresh);
    let ofType = this.byType.get(identifier.type);
    if (!ofType) {
      ofType = new Map();
      this.byType.set(identifier.type, ofType);
    }
    ofType.set(key, fresh);
  }

  /** Takes over everything another profile held. */
  absorb(other: ProfileState): void {
    for (const [key, held] of other.identifiers) {
      this.identifiers.set(key, held);
      let ofType = this.byType.get(held.identifier.type);
      if (!ofType) {
        ofType = new Map();
        this.byType.set(held.identifier.type, ofType);
      }
      ofType.set(key, held);
    }
    for (const [split, side] of other.sides) this.sides.set(split, side);
    this.merges = this.merges.concat(other.merges);
    this.mergeCount += other.mergeCount + 1;
    this.events += other.events;
    this.firstSeen = Math.min(this.firstSeen, other.firstSeen);
    this.lastSeen = Math.max(this.lastSeen, other.lastSeen);
    other.absorbedInto = this;
  }

  /** The profile it now lives on (itself unless merged away). */
  current(): ProfileState {
    let at: ProfileState = this;
    while (at.absorbedInto) at = at.absorbedInto;
    return at;
  }

  snapshot(): StitchedProfile {
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      id: this.id,
      identifiers: [...this.identifiers.values()]
        .map((h) => ({ ...h.identifier, firstSeen: iso(h.firstSeen), lastSeen: iso(h.lastSeen) }))
        .sort(byTypeAndValue),
      merges: this.mergeCount,
      events: this.events,
      firstSeen: iso(this.firstSeen),
      lastSeen: iso(this.lastSeen),
    };
  }
}
