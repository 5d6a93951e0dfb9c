import { describe, expect, it } from 'vitest';
import type { Identifier } from '../src/identity/identifiers/index.ts';
import {
  IdentityGraph,
  rebuildIdentityGraph,
  type SplitDecision,
  type StitchEvent,
  stitchingRules,
} from '../src/identity/stitching/index.ts';

/** mulberry32: a small seeded generator, so every failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const pools: Record<string, number> = {
  user_id: 5,
  email: 8,
  phone: 5,
  anonymous_id: 12,
  loyalty_card: 4,
  social: 3,
};
const types = Object.keys(pools);

/** Events over small pools of identifiers, so that they collide, conflict and tie in time. */
function randomEvents(seed: number, count: number): StitchEvent[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const identifiers: Identifier[] = [];
    const size = 1 + Math.floor(next() * 4);
    for (let k = 0; k < size; k++) {
      const type = types[Math.floor(next() * types.length)] as string;
      const value = `${type.slice(0, 2)}${Math.floor(next() * (pools[type] as number))}`;
      identifiers.push({ type, value, raw: value });
    }
    // Hours from a short span, so many events share a timestamp and only the message id orders them.
    return {
      messageId: `msg-${seed}-${i}`,
      timestamp: Date.UTC(2026, 0, 1, Math.floor(next() * 40)),
      identifiers,
    };
  });
}

// Tight rules, so that limits, the merge cap and the user-id rule all come into play.
const rules = stitchingRules({
  limits: {
    user_id: { max: 1 },
    email: { max: 2 },
    phone: { max: 2 },
    anonymous_id: { max: 3, windowDays: 1 },
  },
  maxMergesPerProfile: 4,
});

/** Everything a graph says: profiles, merges, and where each event went. */
function stateOf(graph: IdentityGraph, events: readonly StitchEvent[]) {
  return {
    profiles: graph.profiles(),
    merges: graph.merges(),
    events: Object.fromEntries(events.map((e) => [e.messageId, graph.profileOfEvent(e.messageId)])),
  };
}

/** Feeds the events in the given order, one at a time or in batches of random sizes. */
function incremental(events: readonly StitchEvent[], next: () => number, splits: SplitDecision[] = []) {
  const graph = new IdentityGraph(rules, splits);
  for (let at = 0; at < events.length; ) {
    const size = next() < 0.5 ? 1 : 1 + Math.floor(next() * 10);
    graph.addAll(events.slice(at, at + size));
    at += size;
  }
  return graph;
}

describe('Order invariance', () => {
  it('gives the same profiles, merges and event assignments whatever order the events come in', () => {
    let conflicts = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const events = randomEvents(seed, 50);
      const reference = rebuildIdentityGraph(events, rules);
      const expected = stateOf(reference, events);
      conflicts += reference.merges().length;
      const next = random(seed * 7919);
      for (let round = 0; round < 15; round++) {
        const order = shuffled(events, next);
        expect(stateOf(incremental(order, next), events), `seed ${seed}, round ${round}`).toEqual(expected);
      }
    }
    expect(conflicts).toBeGreaterThan(100);
  });

  it('exercises the rules it claims to be invariant under', () => {
    const reasons = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const { outcomes } = new IdentityGraph(rules).addAll(randomEvents(seed, 50));
      for (const o of outcomes) for (const d of o.dropped) reasons.add(d.reason.rule);
    }
    expect([...reasons].sort()).toEqual(['distinct_user_ids', 'limit', 'merge_cap']);
  });

  it('stays order-independent after an operator splits a merge', () => {
    for (let seed = 100; seed < 120; seed++) {
      const events = randomEvents(seed, 50);
      const first = rebuildIdentityGraph(events, rules);
      const merge = first.merges()[0];
      if (!merge) continue;
      const split = first.split(merge.id, { by: 'op', at: new Date('2026-02-01') });
      expect(split.ok).toBe(true);
      const expected = stateOf(first, events);
      const next = random(seed);
      for (let round = 0; round < 10; round++) {
        const graph = incremental(shuffled(events, next), next, first.splits());
        expect(stateOf(graph, events), `seed ${seed}, round ${round}`).toEqual(expected);
      }
    }
  });
});
