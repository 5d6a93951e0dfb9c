import type { IdentityChange, IdentityState, OperatorLinkRow, SplitRow } from '../../store/types.ts';
import type {
  DroppedIdentifier,
  EventOutcome,
  GraphChanges,
  IdentityGraph,
  MergeRecord,
} from '../stitching/index.ts';
import { droppedRows, mergeRow, profileRows } from './rows.ts';

/**
 * What the identity tables still lack of the graph, kept as which rows are stale rather than as
 * operations, so that changes that could not be written add up with the next ones.
 */
export class PendingChanges {
  private readonly profileIds = new Set<string>();
  private readonly messageIds = new Set<string>();
  private readonly drops = new Map<string, readonly DroppedIdentifier[]>();
  /** Events of a profile merged away belong to its heir. */
  private readonly heirs = new Map<string, string>();
  private readonly merges = new Map<string, MergeRecord>();
  private readonly undone = new Set<string>();
  /** Split decisions not yet written. */
  readonly splits: SplitRow[] = [];
  /** Operator links not yet written. */
  readonly operatorLinks: OperatorLinkRow[] = [];

  get empty(): boolean {
    return (
      this.profileIds.size === 0 &&
      this.messageIds.size === 0 &&
      this.undone.size === 0 &&
      this.splits.length === 0 &&
      this.operatorLinks.length === 0
    );
  }

  /** Notes what stitching a batch changed. */
  record(outcomes: readonly EventOutcome[], changes: GraphChanges): void {
    this.outcomes(outcomes);
    for (const id of changes.created) this.profileIds.add(id);
    for (const id of changes.retired) this.profileIds.add(id);
    for (const merge of changes.merges) {
      for (const dead of merge.absorbed) this.inherit(dead, merge.into);
      this.profileIds.add(merge.into);
      this.merges.set(merge.id, merge);
      this.undone.delete(merge.id);
    }
    for (const merge of changes.undone) {
      this.merges.delete(merge.id);
      this.undone.add(merge.id);
    }
  }

  /** Notes merges whose records may have changed. */
  merged(merges: readonly MergeRecord[]): void {
    for (const merge of merges) {
      this.merges.set(merge.id, merge);
      this.undone.delete(merge.id);
    }
  }

  /** Notes the events of a component stitched again, with their outcomes and current profiles. */
  outcomes(outcomes: readonly EventOutcome[], graph?: IdentityGraph): void {
    for (const outcome of outcomes) {
      if (outcome.action === 'duplicate' || outcome.action === 'no_identifiers') continue;
      this.messageIds.add(outcome.messageId);
      this.drops.set(outcome.messageId, outcome.dropped);
      const profileId = graph ? graph.profileOfEvent(outcome.messageId) : outcome.profileId;
      if (profileId !== null) this.profileIds.add(profileId);
    }
  }

  /** The rows to write, read from the graph as it is now. */
  change(graph: IdentityGraph, state: IdentityState): IdentityChange {
    const change: IdentityChange = {
      profileIds: [...this.profileIds],
      profiles: [],
      links: [],
      reassigned: [...this.heirs].map(([from, to]) => ({ from, to })),
      messageIds: [...this.messageIds],
      eventProfiles: [],
      dropped: [],
      merges: [...this.merges.values()].map(mergeRow),
      undoneMergeIds: [...this.undone],
      splits: [...this.splits],
      operatorLinks: [...this.operatorLinks],
      state,
    };
    for (const id of this.profileIds) {
      const stitched = graph.profile(id);
      if (!stitched) continue;
      const { profile, links } = profileRows(stitched);
      change.profiles.push(profile);
      for (const link of links) change.links.push(link);
    }
    for (const messageId of this.messageIds) {
      const profileId = graph.profileOfEvent(messageId);
      if (profileId !== null) change.eventProfiles.push({ messageId, profileId });
      for (const row of droppedRows(messageId, this.drops.get(messageId) ?? [])) change.dropped.push(row);
    }
    return change;
  }

  clear(): void {
    this.profileIds.clear();
    this.messageIds.clear();
    this.drops.clear();
    this.heirs.clear();
    this.merges.clear();
    this.undone.clear();
    this.splits.length = 0;
    this.operatorLinks.length = 0;
  }

  private inherit(dead: string, heir: string): void {
    for (const [from, to] of this.heirs) if (to === dead) this.heirs.set(from, heir);
    this.heirs.set(dead, heir);
    this.heirs.delete(heir);
    for (const [from, to] of this.heirs) if (from === to) this.heirs.delete(from);
  }
}
