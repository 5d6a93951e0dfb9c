import type {
  DroppedIdentifierRow,
  IdentityImage,
  IdentityLinkRow,
  JsonObject,
  MergeRow,
  OperatorLinkRow,
  ProfileRow,
} from '../../store/types.ts';
import {
  byTypeAndValue,
  type DroppedIdentifier,
  type IdentityGraph,
  type MergeRecord,
  type OperatorLink,
  type ProfileView,
  type StitchedProfile,
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

/** The same rows from a live profile (a rebuild writes every profile: no snapshot, no ISO texts). */
export function profileViewRows(view: ProfileView): { profile: ProfileRow; links: IdentityLinkRow[] } {
  return {
    profile: {
      profileId: view.id,
      firstSeen: new Date(view.firstSeen),
      lastSeen: new Date(view.lastSeen),
      events: view.events,
      merges: view.mergeCount,
    },
    links: [...view.identifiers.values()]
      .sort((a, b) => byTypeAndValue(a.identifier, b.identifier))
      .map(({ identifier, firstSeen, lastSeen }) => ({
        idType: identifier.type,
        idValue: identifier.value,
        raw: identifier.raw,
        profileId: view.id,
        firstSeen: new Date(firstSeen),
        lastSeen: new Date(lastSeen),
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

/** The whole persisted image of a graph: `drops` are the identifiers stitching left out, by event. */
export function imageOf(
  graph: IdentityGraph,
  drops: ReadonlyMap<string, readonly DroppedIdentifier[]>,
): IdentityImage {
  const image: IdentityImage = { profiles: [], links: [], eventProfiles: [], merges: [], dropped: [] };
  graph.forEachProfile((view) => {
    const { profile, links } = profileViewRows(view);
    image.profiles.push(profile);
    for (const link of links) image.links.push(link);
  });
  graph.forEachEventProfile((messageId, profileId) => image.eventProfiles.push({ messageId, profileId }));
  for (const [messageId, dropped] of drops) image.dropped.push(...droppedRows(messageId, dropped));
  image.merges = graph.merges().map(mergeRow);
  return image;
}
