import type { Identifier } from '../identifiers/index.ts';
import { compareEventKeys, type EventRecord, eventRecord } from './canonical-order.ts';
import { Changes } from './changes.ts';
import { RawComponents } from './components.ts';
import { type StepResult, stitchEvent } from './flat-matching.ts';
import { mostTrustedIdentifier, operatorLinkEvent, operatorLinkId, stitchLink } from './operator-links.ts';
import { ProfileSpace } from './profile-space.ts';
import { digest, type ProfileState, type ProfileView } from './profile-state.ts';
import type {
  DroppedIdentifier,
  EventOutcome,
  GraphChanges,
  LinkRule,
  MergeRecord,
  OperatorLink,
  SplitDecision,
  StitchedProfile,
  StitchResult,
} from './records.ts';
import { defaultStitchingRules, type StitchingRules } from './rules.ts';

/** An event as stitching sees it: when, which message, which identifiers. */
export interface StitchEvent {
  messageId: string;
  timestamp: Date | number | string;
  identifiers: readonly Identifier[];
  /** Set on the synthetic event of an operator's link (see `operatorLinkEvent`). */
  link?: OperatorLink;
}

export type SplitResult =
  | ({ ok: true; split: SplitDecision } & GraphChanges)
  | { ok: false; code: 'identity.merge_not_found'; message: string };

/**
 * What linking two profiles did: the merge, or (when a rule made stitching drop one of the
 * link's identifiers) none, with what was dropped and why. A refusal keeps nothing.
 */
/** Who links two profiles, when and why (`rule`: probabilistic when the matcher decided). */
export interface LinkRequest {
  by: string;
  at: Date;
  reason?: string;
  rule?: LinkRule;
}

export type LinkResult =
  | ({
      ok: true;
      link: OperatorLink;
      merge: MergeRecord | null;
      dropped: DroppedIdentifier[];
    } & GraphChanges)
  | {
      ok: false;
      code: 'access.invalid' | 'profiles.not_found' | 'identity.merge_refused';
      message: string;
      details?: Record<string, unknown>;
    };

/**
 * The deterministic identity graph. Events are stitched Segment-style (create, add, merge, drop the
 * least trusted identifier when a rule would break), but the result is defined as stitching every
 * event in canonical order, (timestamp, messageId), so it never depends on arrival order:
 *
 * - Stitching never joins identifiers that no event links, so the graph splits into raw components
 *   (identifiers linked by any event, rules aside), and each is stitched on its own.
 * - An event that comes after every event of the components it touches (the usual live case) is
 *   stitched on the spot: that is exactly what a canonical-order run would do next.
 * - An event that comes earlier (a late event, a historical import) makes its component re-run in
 *   canonical order. Only that component is touched; `rerun` in the result says so.
 *
 * Hence any order of the same events, incremental or in one rebuild, gives the same profiles, ids
 * and merge history. Profile ids derive from each profile's founding identifier, merge ids from
 * the event and the profiles, so nothing is random. A split is an operator's decision stored
 * apart (identifiers of its sides may never share a profile), so a rebuild honours it too. So is
 * an operator's link: fed back as a synthetic event at its time, it merges the same profiles.
 */
export class IdentityGraph {
  private readonly space: ProfileSpace;
  private readonly components = new RawComponents();
  /** Every message id stitched, with its record (null when the event carried no identifier). */
  private readonly events = new Map<string, EventRecord | null>();
  private readonly decisions: SplitDecision[] = [];
  private readonly linkDecisions = new Map<string, OperatorLink>();

  constructor(rules: StitchingRules = defaultStitchingRules, splits: readonly SplitDecision[] = []) {
    this.space = new ProfileSpace(rules);
    for (const split of splits) this.register(split);
  }

  /** Stitches one event and says what happened. */
  add(event: StitchEvent): StitchResult {
    const { outcomes, ...changes } = this.addAll([event]);
    return { ...(outcomes[0] as EventOutcome), ...changes };
  }

  /** Stitches a batch (re-running each component a late event touches once for the whole batch). */
  addAll(events: readonly StitchEvent[]): { outcomes: EventOutcome[] } & GraphChanges {
    const outcomes: (EventOutcome | undefined)[] = new Array(events.length);
    const records: EventRecord[] = [];
    const positions: number[] = [];
    events.forEach((event, position) => {
      if (this.events.has(event.messageId)) return;
      const record = eventRecord(
        event.messageId,
        timeOf(event.timestamp),
        event.identifiers,
        this.space.order,
      );
      if (event.link) {
        record.link = event.link;
        this.linkDecisions.set(event.messageId, event.link);
      }
      this.events.set(event.messageId, record.keys.length === 0 ? null : record);
      if (record.keys.length === 0) outcomes[position] = noIdentifiers(event.messageId);
      else {
        records.push(record);
        positions.push(position);
      }
    });
    // Records in canonical order, by their index in `records` (`positions` says where each came).
    const order = Array.from(records.keys()).sort((a, b) =>
      compareEventKeys(records[a] as EventRecord, records[b] as EventRecord),
    );
    const late: string[] = [];
    for (const i of order) {
      const record = records[i] as EventRecord;
      if (!this.components.add(record)) late.push(record.keys[0] as string);
    }
    const rerun = new Set(late.map((key) => this.components.find(key)));
    const changes = new Changes();
    for (const i of order) {
      const record = records[i] as EventRecord;
      if (rerun.size > 0 && rerun.has(this.components.find(record.keys[0] as string))) continue;
      const step = stitchRecord(this.space, record);
      outcomes[positions[i] as number] = outcomeOf(step);
      changes.step(step);
    }
    if (rerun.size > 0) {
      const batch = new Map(records.map((r, i) => [r.messageId, positions[i] as number]));
      for (const root of rerun) changes.rerun(this.rerun(root, batch, outcomes));
    }
    return {
      // What is left is a message id seen before (in an earlier batch or earlier in this one).
      outcomes: events.map((event, position) => outcomes[position] ?? this.duplicate(event.messageId)),
      ...changes.result(rerun.size > 0),
    };
  }

  /**
   * Undoes a merge: its sides' identifiers may never share a profile again, and their component is
   * re-stitched. The decision is kept (`splits()`) so that a rebuild gives the same result.
   */
  split(mergeId: string, request: { by: string; at: Date; reason?: string }): SplitResult {
    const merge = this.merges().find((m) => m.id === mergeId);
    if (!merge) {
      return {
        ok: false,
        code: 'identity.merge_not_found',
        message: `No merge ${mergeId} holds in the identity graph (unknown, or already undone).`,
      };
    }
    const split: SplitDecision = {
      id: `split_${digest(`${mergeId}\u0000${request.at.toISOString()}`)}`,
      mergeId,
      sides: merge.sides,
      by: request.by,
      at: request.at.toISOString(),
      ...(request.reason === undefined ? {} : { reason: request.reason }),
    };
    this.register(split);
    const changes = new Changes();
    changes.rerun(this.rerun(this.components.find(merge.sides[0]?.[0] as string), new Map(), []));
    return { ok: true, split, ...changes.result(true) };
  }

  /**
   * Merges two profiles for an operator, through the most trusted identifier of each. Two profiles
   * with different user ids are refused; any other rule acts as on an event (see `stitchLink`).
   * The decision is kept (`links()`) so that a rebuild gives the same result.
   */
  link(profileA: string, profileB: string, request: LinkRequest): LinkResult {
    const refused = this.refuseLink(profileA, profileB);
    if (refused) return refused;
    const identifiers = [profileA, profileB].map((id) =>
      mostTrustedIdentifier(this.space, this.space.live.get(id) as ProfileState),
    );
    const link: OperatorLink = {
      id: operatorLinkId(identifiers, request.at),
      identifiers,
      by: request.by,
      at: request.at.toISOString(),
      ...(request.reason === undefined ? {} : { reason: request.reason }),
      ...(request.rule === 'probabilistic' ? { rule: request.rule } : {}),
    };
    const { outcomes, ...changes } = this.addAll([operatorLinkEvent(link)]);
    const merge = changes.merges.find((m) => m.messageId === link.id) ?? null;
    return { ok: true, link, merge, dropped: outcomes[0]?.dropped ?? [], ...changes };
  }

  /** Every live profile, by id. */
  profiles(): StitchedProfile[] {
    return [...this.space.live.values()].sort(byId).map((p) => p.snapshot());
  }

  /** Every live profile by id, as it is (what `profiles()` gives, without a snapshot of each). */
  forEachProfile(visit: (profile: ProfileView) => void): void {
    for (const profile of [...this.space.live.values()].sort(byId)) visit(profile);
  }

  /** How many live profiles there are (without a snapshot of each). */
  profileCount(): number {
    return this.space.live.size;
  }

  profile(id: string): StitchedProfile | null {
    return this.space.live.get(id)?.snapshot() ?? null;
  }

  /** The profile holding an identifier, given as `type:value` or as an identifier. */
  profileOf(identifier: string | Pick<Identifier, 'type' | 'value'>): string | null {
    const key = typeof identifier === 'string' ? identifier : `${identifier.type}:${identifier.value}`;
    return this.space.holderOf(key)?.id ?? null;
  }

  /** The profile an event belongs to. */
  profileOfEvent(messageId: string): string | null {
    return this.events.get(messageId)?.profile?.current().id ?? null;
  }

  /** Each event stitched into a profile and that profile, events in the order they came. */
  forEachEventProfile(visit: (messageId: string, profileId: string) => void): void {
    this.events.forEach((record, messageId) => {
      const profile = record?.profile;
      if (profile) visit(messageId, profile.current().id);
    });
  }

  /** The merges that hold, oldest first. */
  merges(): MergeRecord[] {
    return [...this.space.live.values()]
      .flatMap((p) => p.merges)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  }

  /** How many merges hold. */
  mergeCount(): number {
    let count = 0;
    for (const profile of this.space.live.values()) count += profile.merges.length;
    return count;
  }

  /** The operators' split decisions, to keep and to give back to a rebuild. */
  splits(): SplitDecision[] {
    return [...this.decisions];
  }

  /** The operators' links, oldest first, to keep and to give back to a rebuild (as `operatorLinkEvent`s). */
  links(): OperatorLink[] {
    return [...this.linkDecisions.values()].sort((a, b) =>
      a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1,
    );
  }

  /** Whether a message id is an operator link's rather than an event's. */
  isLink(messageId: string): boolean {
    return this.linkDecisions.has(messageId);
  }

  /** Whether any operator link was stitched. */
  hasLinks(): boolean {
    return this.linkDecisions.size > 0;
  }

  /** The profiles as sorted lists of identifier keys: what "the same partition" compares. */
  partition(): string[][] {
    return [...this.space.live.values()]
      .map((p) => [...p.identifiers.keys()].sort())
      .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  }

  private register(split: SplitDecision): void {
    this.decisions.push(split);
    split.sides.forEach((keys, side) => {
      for (const key of keys) this.space.mark(key, { split: split.id, side });
    });
  }

  private refuseLink(profileA: string, profileB: string): LinkResult | null {
    if (profileA === profileB) {
      return {
        ok: false,
        code: 'access.invalid',
        message: `profiles: ${profileA} cannot be merged with itself.`,
      };
    }
    const profiles = [profileA, profileB].map((id) => this.space.live.get(id));
    const missing = [profileA, profileB].filter((_, i) => !profiles[i]);
    if (missing.length > 0) {
      return {
        ok: false,
        code: 'profiles.not_found',
        message: `No profile ${missing.join(' or ')} in this workspace (unknown, or merged away).`,
      };
    }
    const userIds = profiles.flatMap((p) => [...(p?.byType.get('user_id')?.values() ?? [])]);
    if (userIds.length < 2) return null;
    const [a, b] = userIds.map((held) => held.identifier.value);
    return {
      ok: false,
      code: 'identity.merge_refused',
      message: `Profiles with different user ids are never merged: ${profileA} is user ${a}, ${profileB} is user ${b}.`,
      details: { userIds: [a, b] },
    };
  }

  private duplicate(messageId: string): EventOutcome {
    return { messageId, action: 'duplicate', profileId: this.profileOfEvent(messageId), dropped: [] };
  }

  /**
   * Forgets a component's profiles and stitches all its events again in canonical order; the
   * outcomes of the batch's events (`batch`: their positions) are noted.
   */
  private rerun(
    root: string,
    batch: ReadonlyMap<string, number>,
    outcomes: (EventOutcome | undefined)[],
  ): { before: ProfileState[]; after: ProfileState[] } {
    const events = [...this.components.eventsOf(root)].sort(compareEventKeys);
    const keys = new Set(events.flatMap((e) => e.keys));
    const before = this.holders(keys);
    this.space.forget(before, keys, events);
    for (const record of events) {
      const step = stitchRecord(this.space, record);
      const position = batch.get(record.messageId);
      if (position !== undefined) outcomes[position] = outcomeOf(step);
    }
    return { before, after: this.holders(keys) };
  }

  private holders(keys: Iterable<string>): ProfileState[] {
    const found = new Set<ProfileState>();
    for (const key of keys) {
      const holder = this.space.holderOf(key);
      if (holder) found.add(holder);
    }
    return [...found];
  }
}

/** Rebuilds the graph from scratch: the same events (in any order) and splits give the same graph. */
export function rebuildIdentityGraph(
  events: readonly StitchEvent[],
  rules: StitchingRules = defaultStitchingRules,
  splits: readonly SplitDecision[] = [],
): IdentityGraph {
  const graph = new IdentityGraph(rules, splits);
  graph.addAll(events);
  return graph;
}

function timeOf(timestamp: Date | number | string): number {
  const at = timestamp instanceof Date ? timestamp.getTime() : new Date(timestamp).getTime();
  if (Number.isNaN(at)) throw new RangeError(`Not a time: ${String(timestamp)}`);
  return at;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function stitchRecord(space: ProfileSpace, record: EventRecord): StepResult {
  return record.link ? stitchLink(space, record) : stitchEvent(space, record);
}

function noIdentifiers(messageId: string): EventOutcome {
  return { messageId, action: 'no_identifiers', profileId: null, dropped: [] };
}

function outcomeOf(step: StepResult): EventOutcome {
  return { messageId: step.messageId, action: step.action, profileId: step.profileId, dropped: step.dropped };
}
