import { describe, expect, it } from 'vitest';
import { resolveMapping } from '../src/collect/import/mapping.ts';
import { rowToEvent } from '../src/collect/import/row-event.ts';
import { takeIn } from '../src/collect/intake.ts';
import type { Arrival } from '../src/collect/to-stored-event.ts';
import { demoSources, importHeaders, type PersonTruth, simulateBusiness } from '../src/demo/index.ts';
import {
  defaultIdentifierSettings,
  identifierKey,
  normaliseEmail,
  normalisePhone,
  parseSocial,
} from '../src/identity/identifiers/index.ts';
import { IdentityGraph, type StitchEvent, stitchEventOf } from '../src/identity/stitching/index.ts';
import type { Source, StoredEvent } from '../src/store/types.ts';
import { pairwiseScores } from './support/demo-store.ts';

interface DemoData {
  events: StitchEvent[];
  /** The true person behind each event. */
  personOf: Map<string, string>;
  truths: PersonTruth[];
}

/** The demo business as the collect module would store it, each event with its true person. */
function demoEvents(customers: number, seed: number): DemoData {
  const end = new Date('2026-11-01');
  const sources = new Map<string, Source>(
    demoSources.map((s) => [
      s.name,
      {
        id: `src_${s.name}`,
        workspaceId: 'ws',
        name: s.name,
        channel: s.channel,
        writeKey: `wk_${s.name}`,
        createdAt: end,
      },
    ]),
  );
  const arrival = (name: string, origin: 'api' | 'import'): Arrival => ({
    source: sources.get(name) as Source,
    receivedAt: end,
    origin,
  });
  const events: StitchEvent[] = [];
  const personOf = new Map<string, string>();
  const truths: PersonTruth[] = [];
  let pending: string[] = [];
  const keep = (event: StoredEvent) => {
    events.push(stitchEventOf(event, defaultIdentifierSettings));
    pending.push(event.messageId);
  };
  for (const record of simulateBusiness({ customers, seed, end })) {
    if (record.type === 'api') {
      const intake = takeIn([record.message], undefined, arrival(record.source, 'api'));
      for (const event of intake.events) keep(event);
    } else if (record.type === 'row') {
      const mapping = resolveMapping(record.kind, importHeaders[record.kind]);
      const outcome = rowToEvent(record.kind, mapping, record.row, arrival(record.source, 'import'));
      if (outcome.ok) keep(outcome.event);
    } else {
      for (const id of pending) personOf.set(id, record.truth.personId);
      pending = [];
      truths.push(record.truth);
    }
  }
  return { events, personOf, truths };
}

/** A truth identifier as Panorama normalises it. */
function truthKey(type: string, value: string): string | null {
  const normalised =
    type === 'email'
      ? normaliseEmail(value)
      : type === 'phone'
        ? normalisePhone(value, 'FR')
        : type === 'social'
          ? parseSocial(value)
          : value;
  return normalised === null ? null : identifierKey({ type, value: normalised });
}

describe('Stitching the demo business', () => {
  const data = demoEvents(300, 5);
  const graph = new IdentityGraph();
  const started = performance.now();
  graph.addAll(data.events);
  const elapsed = performance.now() - started;

  it('never mixes two people in a profile, except through a shared computer', () => {
    const owners = new Map<string, Set<string>>();
    const shared = new Set<string>();
    for (const truth of data.truths) {
      for (const id of truth.identifiers) {
        const key = truthKey(id.type, id.value);
        if (key === null) continue;
        if (id.note === 'shared_device') shared.add(key);
        owners.set(key, new Set([...(owners.get(key) ?? []), truth.personId]));
      }
    }
    const mixed = graph.profiles().filter((profile) => {
      const people = new Set(
        profile.identifiers
          .map((i) => identifierKey(i))
          .filter((key) => !shared.has(key))
          .flatMap((key) => [...(owners.get(key) ?? [])]),
      );
      return people.size > 1;
    });
    expect(mixed).toEqual([]);
  });

  it('scores events grouped by profile against the true people', () => {
    const profileOf = new Map(data.events.map((e) => [e.messageId, graph.profileOfEvent(e.messageId) ?? '']));
    const { precision, recall } = pairwiseScores(profileOf, data.personOf);
    const profilesOf = new Map<string, Set<string>>();
    for (const event of data.events) {
      const person = data.personOf.get(event.messageId);
      const profile = graph.profileOfEvent(event.messageId);
      if (person && profile) profilesOf.set(person, new Set([...(profilesOf.get(person) ?? []), profile]));
    }
    const known = (id: string) =>
      graph.profile(id)?.identifiers.some((i) => i.type !== 'anonymous_id') ?? false;
    const all = [...profilesOf.values()].map((s) => s.size);
    const identified = [...profilesOf.values()].map((s) => [...s].filter(known).length);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const share = (xs: number[]) => xs.filter((n) => n === 1).length / xs.length;
    console.log(
      `demo 300 customers, seed 5: ${data.events.length} events, ${graph.profiles().length} profiles, ` +
        `${graph.merges().length} merges, stitched in ${elapsed.toFixed(0)} ms\n` +
        `  pairwise (events) precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}\n` +
        `  profiles per person: mean ${mean(all).toFixed(2)}, in one profile ${(100 * share(all)).toFixed(1)} %; ` +
        `counting profiles with a non-anonymous identifier only: mean ${mean(identified).toFixed(2)}, ` +
        `in one ${(100 * share(identified)).toFixed(1)} %`,
    );
    // Measured: precision 0.9972 (one household's shared computer), recall 0.855; 2.25 profiles per
    // person, mostly browsers never logged in on; 1.25 profiles with a real identifier per person
    // (77 % in one): till receipts with a card only, reviews and posts, typo'd CRM records, which
    // share no identifier with the rest and are left to probabilistic matching.
    expect(precision).toBeGreaterThan(0.995);
    expect(recall).toBeGreaterThan(0.84);
    expect(mean(all)).toBeLessThan(2.4);
    expect(mean(identified)).toBeLessThan(1.3);
    expect(share(identified)).toBeGreaterThan(0.75);
  });

  it('gives the same profiles when the demo arrives in another order', () => {
    const small = demoEvents(40, 5);
    const reference = new IdentityGraph();
    reference.addAll(small.events);
    const next = seeded(11);
    for (let round = 0; round < 2; round++) {
      const order = [...small.events];
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j] as StitchEvent, order[i] as StitchEvent];
      }
      const graph = new IdentityGraph();
      for (let at = 0; at < order.length; at += 50) graph.addAll(order.slice(at, at + 50));
      expect(graph.profiles()).toEqual(reference.profiles());
      expect(graph.merges()).toEqual(reference.merges());
    }
  });
});

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
