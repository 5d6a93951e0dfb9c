import { describe, expect, it } from 'vitest';
import type { Identifier } from '../identifiers/index.ts';
import { IdentityGraph, rebuildIdentityGraph, type StitchEvent } from './graph.ts';
import { operatorLinkEvent } from './operator-links.ts';
import type { SplitDecision } from './records.ts';
import { stitchingRules } from './rules.ts';

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

// Pools large enough that events leave many profiles apart for operators to link.
const pools: Record<string, number> = { user_id: 6, email: 14, phone: 8, anonymous_id: 20 };
const types = Object.keys(pools);

function randomIdentifier(next: () => number): Identifier {
  const type = types[Math.floor(next() * types.length)] as string;
  const value = `${type.slice(0, 2)}${Math.floor(next() * (pools[type] as number))}`;
  return { type, value, raw: value };
}

function randomEvents(seed: number, count: number): StitchEvent[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    messageId: `msg-${seed}-${i}`,
    timestamp: Date.UTC(2026, 0, 1, Math.floor(next() * 40)),
    identifiers: Array.from({ length: 1 + Math.floor(next() * 2) }, () => randomIdentifier(next)),
  }));
}

const rules = stitchingRules({
  limits: {
    user_id: { max: 1 },
    email: { max: 2 },
    phone: { max: 2 },
    anonymous_id: { max: 3, windowDays: 1 },
  },
  maxMergesPerProfile: 4,
});

/**
 * Operators' decisions over the graph the events give: links between random pairs of profiles,
 * decided once the events are in, and sometimes (a historical import arriving later) before some.
 */
function operatorLinks(events: readonly StitchEvent[], seed: number): StitchEvent[] {
  const next = random(seed * 31);
  const graph = rebuildIdentityGraph(events, rules);
  const links: StitchEvent[] = [];
  for (let k = 0; k < 6; k++) {
    const ids = graph.profiles().map((p) => p.id);
    const [a, b] = [ids[Math.floor(next() * ids.length)], ids[Math.floor(next() * ids.length)]];
    const at = new Date(Date.UTC(2026, 0, 1, 20 + Math.floor(next() * 30)));
    const result = graph.link(a as string, b as string, { by: 'op', at, reason: `case ${k}` });
    if (result.ok) links.push(operatorLinkEvent(result.link));
  }
  return links;
}

function stateOf(graph: IdentityGraph, events: readonly StitchEvent[]) {
  return {
    profiles: graph.profiles(),
    merges: graph.merges(),
    links: graph.links(),
    events: Object.fromEntries(events.map((e) => [e.messageId, graph.profileOfEvent(e.messageId)])),
  };
}

function incremental(events: readonly StitchEvent[], next: () => number, splits: SplitDecision[] = []) {
  const graph = new IdentityGraph(rules, splits);
  for (let at = 0; at < events.length; ) {
    const size = next() < 0.5 ? 1 : 1 + Math.floor(next() * 10);
    graph.addAll(events.slice(at, at + size));
    at += size;
  }
  return graph;
}

describe('Order invariance with operator links', () => {
  it('gives the same profiles, merges and event assignments whatever order events and links come in', () => {
    let operatorMerges = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const events = randomEvents(seed, 40);
      const all = [...events, ...operatorLinks(events, seed)];
      const reference = rebuildIdentityGraph(all, rules);
      const expected = stateOf(reference, events);
      operatorMerges += reference.merges().filter((m) => m.rule === 'operator').length;
      const next = random(seed * 7919);
      for (let round = 0; round < 10; round++) {
        const graph = incremental(shuffled(all, next), next);
        expect(stateOf(graph, events), `seed ${seed}, round ${round}`).toEqual(expected);
      }
    }
    expect(operatorMerges).toBeGreaterThan(40);
  });

  it('stays order-independent after an operator splits an operator merge', () => {
    let checked = 0;
    for (let seed = 100; seed < 130; seed++) {
      const events = randomEvents(seed, 40);
      const all = [...events, ...operatorLinks(events, seed)];
      const first = rebuildIdentityGraph(all, rules);
      const merge = first.merges().find((m) => m.rule === 'operator');
      if (!merge) continue;
      expect(first.split(merge.id, { by: 'op', at: new Date('2026-02-01') }).ok).toBe(true);
      const expected = stateOf(first, events);
      const next = random(seed);
      for (let round = 0; round < 8; round++) {
        const graph = incremental(shuffled(all, next), next, first.splits());
        expect(stateOf(graph, events), `seed ${seed}, round ${round}`).toEqual(expected);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
