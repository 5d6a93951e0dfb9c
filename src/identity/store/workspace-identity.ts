import type { Store } from '../../store/port.ts';
import type { IdentitySourceEvent, IdentityState } from '../../store/types.ts';
import { extractIdentifiers, identifierKey } from '../identifiers/index.ts';
import {
  type DroppedIdentifier,
  type EventOutcome,
  IdentityGraph,
  type LinkRequest,
  type LinkResult,
  type SplitDecision,
  type SplitResult,
  type StitchEvent,
} from '../stitching/index.ts';
import { componentEventsOf } from './components.ts';
import type { WorkspaceConfig } from './config.ts';
import { PendingChanges } from './pending.ts';
import { imageOf, operatorLinkRow } from './rows.ts';

/** The profiles a write to the identity tables changed. */
export type ProfilesChanged = 'all' | readonly string[];

/** One workspace's identity graph and what its tables still lack of it. */
export class WorkspaceIdentity {
  readonly graph: IdentityGraph;
  /** Events stitched (duplicates once, operator links none). */
  private eventsStitched = 0;
  /** The identifiers stitching left out, for the events that have any. */
  private readonly drops = new Map<string, readonly DroppedIdentifier[]>();
  private readonly pending = new PendingChanges();
  /** True when the tables must be rewritten whole (they reflect other events or other rules). */
  stale = false;

  constructor(
    readonly workspaceId: string,
    readonly config: WorkspaceConfig,
    splits: readonly SplitDecision[],
  ) {
    this.graph = new IdentityGraph(config.rules, splits);
  }

  /** The graph's view of a stored event. */
  stitchEvent(event: IdentitySourceEvent): StitchEvent {
    return {
      messageId: event.messageId,
      timestamp: event.timestamp,
      identifiers: extractIdentifiers(event, this.config.settings),
    };
  }

  /** Stitches events into the graph and notes which rows they made stale. */
  add(events: readonly StitchEvent[]): void {
    const { outcomes: all, ...changes } = this.graph.addAll(events);
    const outcomes = this.eventsOnly(all);
    this.remember(outcomes);
    // Stale tables are rewritten whole: no need to note each change (loading adds every event).
    if (!this.stale) this.pending.record(outcomes, changes);
    if (changes.rerun) this.restitched(events.flatMap((e) => e.identifiers.slice(0, 1).map(identifierKey)));
  }

  /** Undoes a merge (an operator's decision, kept so that every rebuild honours it). */
  split(mergeId: string, request: { by: string; at: Date; reason?: string }): SplitResult {
    const result = this.graph.split(mergeId, request);
    if (!result.ok) return result;
    const { split, ...changes } = result;
    this.pending.splits.push({
      splitId: split.id,
      mergeId: split.mergeId,
      sides: split.sides,
      by: split.by,
      at: new Date(split.at),
      reason: split.reason ?? null,
    });
    if (!this.stale) this.pending.record([], changes);
    this.restitched(split.sides.flat());
    return result;
  }

  /** Merges two profiles (an operator's decision, kept so that every rebuild honours it). */
  link(profileA: string, profileB: string, request: LinkRequest): LinkResult {
    const result = this.graph.link(profileA, profileB, request);
    if (!result.ok) return result;
    this.pending.operatorLinks.push(operatorLinkRow(result.link));
    if (!this.stale) this.pending.record([], result);
    if (result.rerun) this.restitched(result.link.identifiers.map(identifierKey));
    return result;
  }

  get state(): IdentityState {
    return { eventsStitched: this.eventsStitched, rulesDigest: this.config.digest };
  }

  /**
   * Writes what the tables lack, in one transaction; on failure it is kept for the next call.
   * Answers which profiles changed: `all`, a list, or none.
   */
  async persist(store: Store): Promise<ProfilesChanged> {
    if (this.stale) {
      await store.identity.replace(
        this.workspaceId,
        imageOf(this.graph, this.drops),
        this.state,
        this.pending.splits,
        this.pending.operatorLinks,
      );
      this.stale = false;
      this.pending.clear();
      return 'all';
    }
    if (this.pending.empty) return [];
    const change = this.pending.change(this.graph, this.state);
    await store.identity.apply(this.workspaceId, change);
    this.pending.clear();
    return change.profileIds;
  }

  /**
   * A late event re-ran its component: every event there may have moved or changed what it
   * dropped. The outcomes of the graph's re-run are not exposed, so the component is stitched
   * again on its own (components are independent, so it gives the same result).
   */
  private restitched(keys: readonly string[]): void {
    const component = componentEventsOf(this.graph, keys);
    const scratch = new IdentityGraph(this.config.rules, this.graph.splits());
    const outcomes = this.eventsOnly(scratch.addAll(component).outcomes);
    this.rememberDrops(outcomes);
    this.pending.outcomes(outcomes, this.graph);
    // A merge keeps its id when a re-run changes what its sides held, so all of them are rewritten.
    this.pending.merged(scratch.merges());
  }

  /** Operator links are stitched like events but are none: no row, no count, no dropped identifiers. */
  private eventsOnly(outcomes: EventOutcome[]): EventOutcome[] {
    return this.graph.hasLinks() ? outcomes.filter((o) => !this.graph.isLink(o.messageId)) : outcomes;
  }

  private remember(outcomes: readonly EventOutcome[]): void {
    for (const outcome of outcomes) if (outcome.action !== 'duplicate') this.eventsStitched += 1;
    this.rememberDrops(outcomes);
  }

  private rememberDrops(outcomes: readonly EventOutcome[]): void {
    for (const { messageId, action, dropped } of outcomes) {
      if (action === 'duplicate') continue;
      if (dropped.length > 0) this.drops.set(messageId, dropped);
      else this.drops.delete(messageId);
    }
  }
}
