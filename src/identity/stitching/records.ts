import type { Identifier } from '../identifiers/index.ts';

/** Who decided a link: an operator, or probabilistic matching above its automatic threshold. */
export type LinkRule = 'operator' | 'probabilistic';

/** What made a merge: identifiers shared by an event, or a link (an operator's or the matcher's). */
export type MergeRule = 'shared_identifier' | LinkRule;

/** A merge as it happened: which event joined which profiles through which identifiers. */
export interface MergeRecord {
  /** Derived from the event and the profiles, so a rebuild gives the same id. */
  id: string;
  /** The time of the event that caused it (ISO 8601). */
  at: string;
  /** The event's message id, or the operator link's id. */
  messageId: string;
  rule: MergeRule;
  /** The profile that remains. */
  into: string;
  /** The profiles that were folded into it. */
  absorbed: string[];
  /** The event's identifiers that were already on the merged profiles. */
  linkedBy: Identifier[];
  /** The identifier keys each profile held just before: `into` first, then each absorbed one. */
  sides: string[][];
  /** Who linked the profiles, for an operator's merge. */
  by?: string;
  reason?: string;
}

/**
 * An operator's decision to merge two profiles that stitching kept apart. It links the most
 * trusted identifier of each as an event at the decision's time would, without being a sighting.
 */
export interface OperatorLink {
  /** Derived from the identifiers and the time, so a rebuild gives the same merge id. */
  id: string;
  identifiers: Identifier[];
  by: string;
  /** When the operator decided (ISO 8601). */
  at: string;
  reason?: string;
  /** Set when probabilistic matching made the link (absent: an operator did). */
  rule?: 'probabilistic';
}

/** An operator's decision to undo a merge: the sides' identifiers may never share a profile again. */
export interface SplitDecision {
  id: string;
  mergeId: string;
  sides: string[][];
  by: string;
  /** When the operator decided (ISO 8601). */
  at: string;
  reason?: string;
}

/** Why an identifier of an event was not used. */
export type DropReason =
  | { rule: 'limit'; type: string; max: number; windowDays?: number }
  | { rule: 'distinct_user_ids' }
  | { rule: 'merge_cap'; max: number }
  | { rule: 'split'; splitId: string }
  /** An operator link only joins identifiers that profiles hold; it never brings one in. */
  | { rule: 'not_held' };

export interface DroppedIdentifier {
  identifier: Identifier;
  reason: DropReason;
}

export type StitchAction = 'created' | 'added' | 'merged' | 'matched' | 'no_identifiers' | 'duplicate';

/** What stitching did with one event. */
export interface EventOutcome {
  messageId: string;
  action: StitchAction;
  /** The profile the event belongs to; null when it carries no usable identifier. */
  profileId: string | null;
  dropped: DroppedIdentifier[];
}

/** What changed in the graph. */
export interface GraphChanges {
  /** Merges that hold now and did not before. */
  merges: MergeRecord[];
  /** Merges that held before and no longer do (after a re-run or a split). */
  undone: MergeRecord[];
  /** Profile ids that no longer exist. */
  retired: string[];
  /** Profile ids that did not exist before. */
  created: string[];
  /** Whether events came before events already stitched with them, so that their components were re-run. */
  rerun: boolean;
}

export type StitchResult = EventOutcome & GraphChanges;

/** A profile as the graph sees it: the identifiers stitched together. */
export interface StitchedProfile {
  id: string;
  identifiers: (Identifier & { firstSeen: string; lastSeen: string })[];
  /** How many merges it took part in. */
  merges: number;
  events: number;
  firstSeen: string;
  lastSeen: string;
}
