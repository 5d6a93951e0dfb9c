import type {
  DroppedIdentifierRow,
  IdentityLinkRow,
  JsonObject,
  MergeRow,
  ProfileRow,
  SplitRow,
} from '../types.ts';

/** A row of the identity tables, as DuckDB returns it, back into the port's shapes. */
export function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export function profileRowOf(r: Record<string, unknown>): ProfileRow {
  return {
    profileId: String(r.profile_id),
    firstSeen: r.first_seen as Date,
    lastSeen: r.last_seen as Date,
    events: Number(r.events),
    merges: Number(r.merges),
  };
}

export function linkRowOf(r: Record<string, unknown>): IdentityLinkRow {
  return {
    idType: String(r.id_type),
    idValue: String(r.id_value),
    raw: String(r.raw),
    profileId: String(r.profile_id),
    firstSeen: r.first_seen as Date,
    lastSeen: r.last_seen as Date,
  };
}

export function splitRowOf(r: Record<string, unknown>): SplitRow {
  return {
    splitId: String(r.split_id),
    mergeId: String(r.merge_id),
    sides: parsed(r.sides) as string[][],
    by: String(r.decided_by),
    at: r.decided_at as Date,
    reason: r.reason === null || r.reason === undefined ? null : String(r.reason),
  };
}

export function mergeRowOf(r: Record<string, unknown>): MergeRow {
  return {
    mergeId: String(r.merge_id),
    at: r.merged_at as Date,
    messageId: String(r.message_id),
    rule: String(r.rule),
    into: String(r.into_profile_id),
    absorbed: parsed(r.absorbed) as string[],
    linkedBy: parsed(r.linked_by) as MergeRow['linkedBy'],
    sides: parsed(r.sides) as string[][],
    ...(r.decided_by === null || r.decided_by === undefined
      ? {}
      : { by: String(r.decided_by), reason: r.reason === null ? null : String(r.reason) }),
  };
}

export function droppedRowOf(r: Record<string, unknown>): DroppedIdentifierRow {
  return {
    messageId: String(r.message_id),
    idType: String(r.id_type),
    idValue: String(r.id_value),
    raw: String(r.raw),
    reason: parsed(r.reason) as JsonObject,
  };
}
