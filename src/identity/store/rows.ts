import type {
  DroppedIdentifierRow,
  IdentityImage,
  IdentityLinkRow,
  JsonObject,
  MergeRow,
  OperatorLinkRow,
  ProfileRow,
} from '../../store/types.ts';
import type {
  DroppedIdentifier,
  IdentityGraph,
  MergeRecord,
  OperatorLink,
  StitchedProfile,
} from '../stitching/index.ts';

/** A profile's row and the rows of the identifiers it holds. */
export function profileRows(profile: StitchedProfile): { profile: ProfileRow; links: IdentityLinkRow[] } {
  return {
    profile: {
      profileId: profile.id,
      firstSeen: new Date(profile.firstSeen),
      lastSeen: new Date(profile.lastSeen),
      events: profile.events,
      merges: profile.merges,
    },
    links: profile.identifiers.map((i) => ({
      idType: i.type,
      idValue: i.value,
      raw: i.raw,
      profileId: profile.id,
      firstSeen: new Date(i.firstSeen),
      lastSeen: new Date(i.lastSeen),
    })),
  };
}

export function mergeRow(merge: MergeRecord): MergeRow {
  return {
    mergeId: merge.id,
    at: new Date(merge.at),
    messageId: merge.messageId,
    rule: merge.rule,
    into: merge.into,
    absorbed: merge.absorbed,
    linkedBy: merge.linkedBy.map(({ type, value, raw }) => ({ type, value, raw })),
    sides: merge.sides,
    ...(merge.by === undefined ? {} : { by: merge.by, reason: merge.reason ?? null }),
  };
}

export function operatorLinkRow(link: OperatorLink): OperatorLinkRow {
  return {
    linkId: link.id,
    identifiers: link.identifiers.map(({ type, value, raw }) => ({ type, value, raw })),
    by: link.by,
    at: new Date(link.at),
    reason: link.reason ?? null,
    rule: link.rule ?? 'operator',
  };
}

export function droppedRows(
  messageId: string,
  dropped: readonly DroppedIdentifier[],
): DroppedIdentifierRow[] {
  return dropped.map(({ identifier, reason }) => ({
    messageId,
    idType: identifier.type,
    idValue: identifier.value,
    raw: identifier.raw,
    reason: reason as unknown as JsonObject,
  }));
}

/**
 * The whole persisted image of a graph: `messageIds` are the events it stitched, `drops` the
 * identifiers stitching left out, by event.
 */
export function imageOf(
  graph: IdentityGraph,
  messageIds: Iterable<string>,
  drops: ReadonlyMap<string, readonly DroppedIdentifier[]>,
): IdentityImage {
  const image: IdentityImage = { profiles: [], links: [], eventProfiles: [], merges: [], dropped: [] };
  for (const stitched of graph.profiles()) {
    const { profile, links } = profileRows(stitched);
    image.profiles.push(profile);
    for (const link of links) image.links.push(link);
  }
  for (const messageId of messageIds) {
    const profileId = graph.profileOfEvent(messageId);
    if (profileId !== null) image.eventProfiles.push({ messageId, profileId });
  }
  for (const [messageId, dropped] of drops) image.dropped.push(...droppedRows(messageId, dropped));
  image.merges = graph.merges().map(mergeRow);
  return image;
}
