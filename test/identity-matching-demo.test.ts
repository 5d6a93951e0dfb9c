import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideReview,
  type LinkProfiles,
  matchProfiles,
  type ProfileMatchingResult,
} from '../src/identity/profile-matching/index.ts';
import { IdentityService } from '../src/identity/service.ts';
import { rebuildIdentity } from '../src/identity/store/index.ts';
import { eraseCustomer, refreshAllProfiles, refreshProfiles } from '../src/profiles/index.ts';
import { openDuckDBStore } from '../src/store/duckdb/duckdb-store.ts';
import type { Store } from '../src/store/port.ts';
import { identifiedProfilesPerPerson, pairwiseScores, storeDemoWithTruth } from './support/demo-store.ts';
import { temporaryDataDir } from './support/panorama.ts';

type Scores = ReturnType<typeof pairwiseScores> & ReturnType<typeof identifiedProfilesPerPerson>;

/** Scores the stored profiles (events grouped by profile) against the simulator's people. */
async function scores(store: Store, personOf: ReadonlyMap<string, string>): Promise<Scores> {
  const image = await store.identity.read('default');
  const profileOf = new Map(image.eventProfiles.map((e) => [e.messageId, e.profileId]));
  return { ...pairwiseScores(profileOf, personOf), ...identifiedProfilesPerPerson(image, personOf) };
}

const line = (name: string, s: Scores) =>
  `  ${name}: pairwise precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)}; ` +
  `profiles with a known identifier per person ${s.mean.toFixed(3)}, in one ${(100 * s.inOne).toFixed(1)} %`;

describe('Probabilistic matching on the demo business', () => {
  const data = temporaryDataDir();
  let store: Store;
  let personOf: Map<string, string>;
  const stages: Record<'deterministic' | 'linked' | 'reviewed', Scores> = {} as never;
  let result: ProfileMatchingResult;
  const reviewed = { accepted: 0, rejected: 0, merges: 0 };
  const options = {
    onPersisted: (workspaceId: string, changed: 'all' | readonly string[]) =>
      refreshProfiles(store, workspaceId, changed),
  };
  const withIdentity = <T>(work: (link: LinkProfiles) => Promise<T>) =>
    IdentityService.once(store, options, (service) => work((links) => service.linkAll('default', links)));

  /** The person behind each profile, by its events. */
  async function peopleOfProfiles(): Promise<Map<string, Set<string>>> {
    const people = new Map<string, Set<string>>();
    for (const { messageId, profileId } of (await store.identity.read('default')).eventProfiles) {
      const person = personOf.get(messageId);
      if (person) people.set(profileId, (people.get(profileId) ?? new Set()).add(person));
    }
    return people;
  }

  beforeAll(async () => {
    store = await openDuckDBStore(data.dir);
    personOf = await storeDemoWithTruth(store, { customers: 300, seed: 5, end: new Date('2026-11-01') });
    await rebuildIdentity(store);
    await refreshAllProfiles(store);
    stages.deterministic = await scores(store, personOf);
    result = await withIdentity((link) => matchProfiles(store, link, { workspaceId: 'default', seed: 7 }));
    stages.linked = await scores(store, personOf);
    // An operator works through the queue, deciding as the ground truth says.
    const people = await peopleOfProfiles();
    for (const review of await store.matching.reviews('default', { status: 'pending' })) {
      const [a, b] = review.sides.map((s) => [...(people.get(s.profileId) ?? [])].sort().join(','));
      const accept = a !== '' && a === b;
      const decided = await withIdentity((link) =>
        decideReview(store, link, 'default', review.reviewId, { accept, by: 'ops@demo.fr' }),
      );
      // A pair may already be one profile: an earlier acceptance joined both to a third.
      if (decided.merge) reviewed.merges += 1;
      if (accept) reviewed.accepted += 1;
      else reviewed.rejected += 1;
    }
    stages.reviewed = await scores(store, personOf);
  }, 300_000);

  afterAll(async () => {
    await store?.close();
    data.remove();
  });

  it('links typo-separated profiles of one person, and queues the doubtful ones', () => {
    console.log(
      `demo 300 customers, seed 5: ${result.records} profiles compared on ${result.fields.join(', ')}; ` +
        `${result.candidatePairs} candidate pairs; ${result.linked.length} linked automatically (p >= 0.95), ` +
        `${result.proposed} queued (0.5 <= p < 0.95): ${reviewed.accepted} accepted, ${reviewed.rejected} rejected\n` +
        `${line('deterministic', stages.deterministic)}\n` +
        `${line('+ automatic links', stages.linked)}\n` +
        `${line('+ review queue decided', stages.reviewed)}`,
    );
    // Measured: 2 automatic links, 15 queued of which 14 are the same person (one-letter e-mail
    // slips on a till receipt or a chat), 1 namesake rejected.
    expect(result.linked.length).toBeGreaterThanOrEqual(1);
    expect(reviewed.accepted).toBeGreaterThan(5);
    expect(reviewed.accepted).toBeGreaterThan(2 * reviewed.rejected);
    expect(stages.linked.precision).toBeGreaterThanOrEqual(stages.deterministic.precision);
    expect(stages.reviewed.precision).toBeGreaterThanOrEqual(stages.deterministic.precision);
    expect(stages.reviewed.mean).toBeLessThan(stages.deterministic.mean);
    expect(stages.reviewed.inOne).toBeGreaterThan(stages.deterministic.inOne);
  });

  it('records who linked what, and why', async () => {
    const merges = (await store.identity.read('default')).merges;
    const automatic = merges.filter((m) => m.rule === 'probabilistic');
    expect(automatic).toHaveLength(result.linked.length);
    expect(
      automatic.every(
        (m) => m.by === 'matcher' && /^match probability (0\.9[5-9]|1\.0)/.test(m.reason ?? ''),
      ),
    ).toBe(true);
    const accepted = merges.filter((m) => m.rule === 'operator' && m.by === 'ops@demo.fr');
    expect(accepted).toHaveLength(reviewed.merges);
    expect(reviewed.merges).toBeGreaterThan(reviewed.accepted / 2);
    expect(accepted.every((m) => /^accepted match review rev_/.test(m.reason ?? ''))).toBe(true);
  });

  it('keeps every link through a rebuild, and never proposes a decided pair again', async () => {
    const before = await store.identity.read('default');
    await rebuildIdentity(store);
    const after = await store.identity.read('default');
    expect(after.profiles).toEqual(before.profiles);
    expect(after.merges).toEqual(before.merges);
    const decided = await store.matching.reviews('default');
    const again = await withIdentity((link) =>
      matchProfiles(store, link, { workspaceId: 'default', seed: 7 }),
    );
    expect(again.skipped.decided).toBeGreaterThanOrEqual(reviewed.rejected);
    const queue = await store.matching.reviews('default');
    expect(new Set(queue.map((r) => r.reviewId)).size).toBe(queue.length);
    for (const review of decided) {
      expect(queue.find((r) => r.reviewId === review.reviewId)?.status).toBe(review.status);
    }
  });

  it('forgets the pairs naming a person who is erased', async () => {
    const [review] = await store.matching.reviews('default');
    const side = review?.sides[0];
    const identifier = side?.identifiers[0];
    if (!review || !identifier) throw new Error('the queue should hold a pair');
    const profileId = await store.profiles.findByIdentifier('default', identifier.type, identifier.value);
    await eraseCustomer(store, 'default', profileId as string, { by: 'dpo@demo.fr', reason: 'request' });
    expect(await store.matching.review('default', review.reviewId)).toBeUndefined();
  });
});
