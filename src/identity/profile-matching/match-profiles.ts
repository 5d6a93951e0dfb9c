import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Store } from '../../store/port.ts';
import type { MatchReviewRow, MatchReviewSide } from '../../store/types.ts';
import type { FieldKind } from '../matching/fields.ts';
import { explainScoredPair, type MatchStep, matchRecords, type ScoredPair } from '../matching/matcher.ts';
import { quoteString } from '../matching/sql.ts';
import { rows } from '../matching/training.ts';
import type { MatchModel } from '../matching/weights.ts';
import type { LinkRequest, LinkResult } from '../stitching/index.ts';
import { digest } from '../stitching/profile-state.ts';
import { identifierFields, profileFieldKinds, traitFields } from './profile-fields.ts';

/** Links pairs of profiles in one go (the identity service's `linkAll`). */
export type LinkProfiles = (
  links: readonly { profileA: string; profileB: string; request: Omit<LinkRequest, 'at'> & { at?: Date } }[],
) => Promise<(LinkResult | null)[]>;

export interface ProfileMatchingOptions {
  workspaceId: string;
  /** At or above this match probability two profiles are linked automatically (default 0.95). */
  linkAbove?: number;
  /** From here up to `linkAbove` the pair goes to the review queue (default 0.5). */
  reviewAbove?: number;
  /** Scores and reports, links and proposes nothing. */
  dryRun?: boolean;
  /** How many random pairs estimate u (default 1,000,000, fewer when there are fewer pairs). */
  randomPairs?: number;
  seed?: number;
  now?: Date;
  onProgress?: (step: MatchStep | 'linking', detail?: string) => void;
}

export interface ProfileMatchingResult {
  /** Profiles with enough fields to be compared. */
  records: number;
  fields: FieldKind[];
  candidatePairs: number;
  model: MatchModel | null;
  /** Pairs at or above the review threshold. */
  scoredPairs: number;
  /** Pairs linked now (or that would be, in a dry run), with their merge. */
  linked: { profileA: string; profileB: string; probability: number; mergeId: string | null }[];
  /** Pairs added to the review queue now (or that would be). */
  proposed: number;
  /** Pairs left alone: already decided by an operator, or both holding a user id. */
  skipped: { decided: number; userIds: number; refused: number };
}

/**
 * Profiles with fewer comparable fields than this are not compared (a name alone says little),
 * except those with an e-mail or a phone: a till receipt's mistyped e-mail is often all there is.
 */
const minimumFields = 2;
const enoughAlone = ['email', 'phone'];

/** Match evidence is compared and explained over profiles' traits as one record per profile. */
interface ProfileRecord {
  profileId: string;
  identifiers: { type: string; value: string }[];
  values: Record<string, string | null>;
}

/**
 * Probabilistic matching on the stored profiles: every profile with a few comparable fields
 * (names, birth date, address, e-mail, phone) is a record; Fellegi–Sunter scoring runs as SQL in
 * an in-memory DuckDB (u from random pairs, m by EM). Pairs at or above `linkAbove` are linked like
 * an operator's merge (rule `probabilistic`, kept and replayed by every rebuild, split like any
 * merge); pairs from `reviewAbove` go to the review queue; pairs an operator already decided are
 * never proposed or linked again.
 */
export async function matchProfiles(
  store: Store,
  link: LinkProfiles,
  options: ProfileMatchingOptions,
): Promise<ProfileMatchingResult> {
  const linkAbove = options.linkAbove ?? 0.95;
  const reviewAbove = Math.min(options.reviewAbove ?? 0.5, linkAbove);
  const progress = options.onProgress ?? (() => {});
  const traits = traitFields(await store.matching.traitNames(options.workspaceId));
  const mapped = profileFieldKinds.filter(
    (kind) => Object.values(traits).includes(kind) || Object.values(identifierFields).includes(kind),
  );
  const folder = await mkdtemp(join(tmpdir(), 'panorama-match-'));
  const path = join(folder, 'profiles.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    progress('reading');
    const records = await store.matching.writeProfileRecords(options.workspaceId, path, {
      traits,
      identifiers: identifierFields,
      minimumFields,
      enoughAlone,
    });
    const fields = records > 0 ? await fieldsWithValues(connection, path, mapped) : [];
    const empty: ProfileMatchingResult = {
      records,
      fields,
      candidatePairs: 0,
      model: null,
      scoredPairs: 0,
      linked: [],
      proposed: 0,
      skipped: { decided: 0, userIds: 0, refused: 0 },
    };
    if (records < 2 || fields.length === 0) return empty;
    const mapping = Object.fromEntries(fields.map((kind) => [kind, kind]));
    const result = await matchRecords(connection, {
      sources: [{ path, format: 'parquet', idColumn: 'profile_id', mapping }],
      fields,
      threshold: linkAbove,
      reviewThreshold: reviewAbove,
      randomPairs: options.randomPairs ?? Math.min(1_000_000, (records * (records - 1)) / 2),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      onProgress: progress,
    });
    const byId = await profileRecords(connection, path, fields, result.pairs);
    const decided = await decidedReviews(store, options.workspaceId);
    const now = options.now ?? new Date();
    const outcome = { ...empty, candidatePairs: result.candidatePairs, model: result.model };
    outcome.scoredPairs = result.pairs.length;
    const toLink: { pair: ScoredPair; reason: string }[] = [];
    const toReview: MatchReviewRow[] = [];
    for (const pair of result.pairs) {
      const [left, right] = [byId.get(pair.idLeft), byId.get(pair.idRight)] as [ProfileRecord, ProfileRecord];
      const review = reviewOf(result.model, pair, left, right, now);
      if (decided.has(review.reviewId)) outcome.skipped.decided += 1;
      else if (holdsUserId(left) && holdsUserId(right)) outcome.skipped.userIds += 1;
      else if (pair.decision === 'link') toLink.push({ pair, reason: reasonOf(review) });
      else toReview.push(review);
    }
    progress('linking', `${toLink.length} pairs to link, ${toReview.length} to review`);
    if (options.dryRun) {
      outcome.linked = toLink.map(({ pair }) => linkedPair(pair, null));
      outcome.proposed = toReview.length;
      return outcome;
    }
    const results = await link(
      toLink.map(({ pair, reason }) => ({
        profileA: pair.idLeft,
        profileB: pair.idRight,
        request: { by: 'matcher', reason, rule: 'probabilistic', at: now },
      })),
    );
    results.forEach((linkResult, i) => {
      const pair = (toLink[i] as { pair: ScoredPair }).pair;
      if (linkResult?.ok) outcome.linked.push(linkedPair(pair, linkResult.merge?.id ?? null));
      else if (linkResult) outcome.skipped.refused += 1;
    });
    outcome.proposed = await store.matching.propose(options.workspaceId, toReview);
    return outcome;
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The fields some record has a value for (a field no one fills says nothing). */
async function fieldsWithValues(
  connection: DuckDBConnection,
  path: string,
  fields: readonly FieldKind[],
): Promise<FieldKind[]> {
  const counts = fields.map((kind) => `count(${kind})::DOUBLE AS ${kind}`).join(', ');
  const [row] = await rows(connection, `SELECT ${counts} FROM read_parquet(${quoteString(path)})`);
  return fields.filter((kind) => Number(row?.[kind] ?? 0) > 0);
}

function linkedPair(pair: ScoredPair, mergeId: string | null) {
  return { profileA: pair.idLeft, profileB: pair.idRight, probability: pair.probability, mergeId };
}

function holdsUserId(record: ProfileRecord): boolean {
  return record.identifiers.some((i) => i.type === 'user_id');
}

/** The review ids operators have decided (accepted or rejected). */
async function decidedReviews(store: Store, workspaceId: string): Promise<Set<string>> {
  const decided = new Set<string>();
  for (const status of ['accepted', 'rejected'] as const) {
    for (const review of await store.matching.reviews(workspaceId, { status, limit: 1_000_000 }))
      decided.add(review.reviewId);
  }
  return decided;
}

/** The records of the profiles in the pairs, as written (raw values, identifiers). */
async function profileRecords(
  connection: DuckDBConnection,
  path: string,
  fields: readonly FieldKind[],
  pairs: readonly ScoredPair[],
): Promise<Map<string, ProfileRecord>> {
  const ids = [...new Set(pairs.flatMap((p) => [p.idLeft, p.idRight]))];
  const byId = new Map<string, ProfileRecord>();
  if (ids.length === 0) return byId;
  const found = await rows(
    connection,
    `SELECT * FROM read_parquet(${quoteString(path)}) WHERE profile_id IN (${ids.map(quoteString).join(', ')})`,
  );
  for (const row of found) {
    const identifiers = ((row.identifiers as string[] | null) ?? []).map((key) => {
      const at = key.indexOf(':');
      return { type: key.slice(0, at), value: key.slice(at + 1) };
    });
    const values = Object.fromEntries(
      fields.map((kind) => [kind, row[kind] === null || row[kind] === undefined ? null : String(row[kind])]),
    );
    byId.set(String(row.profile_id), { profileId: String(row.profile_id), identifiers, values });
  }
  return byId;
}

/** A pair as the review queue keeps it: both sides, the score and the evidence field by field. */
export function reviewOf(
  model: MatchModel,
  pair: ScoredPair,
  left: ProfileRecord,
  right: ProfileRecord,
  now: Date,
): MatchReviewRow {
  const sides = [left, right].map(
    (record): MatchReviewSide => ({ profileId: record.profileId, identifiers: record.identifiers }),
  ) as [MatchReviewSide, MatchReviewSide];
  const explained = explainScoredPair(model, pair);
  return {
    reviewId: reviewIdOf(sides),
    sides,
    probability: pair.probability,
    matchWeight: pair.weight,
    explanation: explained.fields.map((evidence) => ({
      field: evidence.field,
      left: left.values[evidence.field] ?? null,
      right: right.values[evidence.field] ?? null,
      level: evidence.level,
      weight: round(evidence.weight),
    })),
    proposedAt: now,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
  };
}

/** The same two people get the same id, whichever side each is on. */
export function reviewIdOf(sides: readonly MatchReviewSide[]): string {
  const keys = sides.map((side) => {
    const first = side.identifiers[0];
    return first ? `${first.type}:${first.value}` : side.profileId;
  });
  return `rev_${digest(keys.sort().join('\u0000'))}`;
}

/** Why the matcher linked two profiles, as the merge records it. */
function reasonOf(review: MatchReviewRow): string {
  const agreeing = review.explanation
    .filter((f) => Number(f.weight) > 0)
    .map((f) => `${String(f.field)} ${String(f.level)}`);
  return `match probability ${review.probability.toFixed(4)}${agreeing.length ? `: ${agreeing.join(', ')}` : ''}`;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
