import { describe, expect, it } from 'vitest';
import type { Identifier } from '../src/identity/identifiers/index.ts';
import {
  IdentityGraph,
  rebuildIdentityGraph,
  type StitchEvent,
  stitchingRules,
} from '../src/identity/stitching/index.ts';

const t0 = Date.parse('2026-03-01T10:00:00Z');
const HOUR = 3_600_000;

function id(key: string): Identifier {
  const at = key.indexOf(':');
  return { type: key.slice(0, at), value: key.slice(at + 1), raw: key.slice(at + 1) };
}

/** An event `messageId` at `hours` after t0 carrying identifiers given as `type:value`. */
function ev(messageId: string, hours: number, ...keys: string[]): StitchEvent {
  return { messageId, timestamp: t0 + hours * HOUR, identifiers: keys.map(id) };
}

const partitionOf = (graph: IdentityGraph) => graph.partition();

describe('Flat matching', () => {
  it('creates a profile, adds to it, then merges two profiles an event links', () => {
    const graph = new IdentityGraph();
    const first = graph.add(ev('m1', 0, 'anonymous_id:a1'));
    expect(first.action).toBe('created');
    expect(graph.add(ev('m2', 1, 'anonymous_id:a1', 'email:jane@maison.fr')).action).toBe('added');
    expect(graph.add(ev('m3', 2, 'anonymous_id:a1')).action).toBe('matched');
    const other = graph.add(ev('m4', 3, 'user_id:u1'));
    const merged = graph.add(ev('m5', 4, 'user_id:u1', 'email:jane@maison.fr'));
    expect(merged.action).toBe('merged');
    expect(merged.profileId).toBe(first.profileId);
    expect(merged.retired).toEqual([other.profileId]);
    expect(partitionOf(graph)).toEqual([['anonymous_id:a1', 'email:jane@maison.fr', 'user_id:u1']]);
    expect(graph.profileOfEvent('m4')).toBe(first.profileId);
    expect(graph.profileOf('user_id:u1')).toBe(first.profileId);
  });

  it('records every merge: the event, the rule, the linking identifiers, the sides and when', () => {
    const graph = new IdentityGraph();
    graph.add(ev('m1', 0, 'anonymous_id:a1'));
    graph.add(ev('m2', 1, 'user_id:u1'));
    const { merges } = graph.add(ev('m3', 2, 'user_id:u1', 'anonymous_id:a1', 'email:new@maison.fr'));
    expect(merges).toHaveLength(1);
    expect(merges[0]).toMatchObject({
      messageId: 'm3',
      rule: 'shared_identifier',
      at: '2026-03-01T12:00:00.000Z',
      into: graph.profileOf('anonymous_id:a1'),
      linkedBy: [id('user_id:u1'), id('anonymous_id:a1')],
      sides: [['anonymous_id:a1'], ['user_id:u1']],
    });
    expect(graph.merges()).toEqual(merges);
  });

  it('derives profile ids from data, never at random', () => {
    const a = rebuildIdentityGraph([ev('m1', 0, 'user_id:u1', 'email:a@maison.fr')]);
    const b = rebuildIdentityGraph([ev('other-id', 5, 'email:a@maison.fr', 'user_id:u1')]);
    expect(a.profileOf('user_id:u1')).toMatch(/^prof_[0-9a-f]{16}$/);
    expect(a.profileOf('user_id:u1')).toBe(b.profileOf('user_id:u1'));
  });

  it('ignores an event it has already stitched', () => {
    const graph = new IdentityGraph();
    graph.add(ev('m1', 0, 'user_id:u1'));
    expect(graph.add(ev('m1', 0, 'user_id:u1')).action).toBe('duplicate');
    expect(graph.profiles()[0]?.events).toBe(1);
  });

  it('says so when an event carries no usable identifier', () =>
    expect(new IdentityGraph().add(ev('m1', 0)).action).toBe('no_identifiers'));
});

describe('Never merging two user ids', () => {
  it('keeps two known customers apart when a shared computer links them', () => {
    const graph = new IdentityGraph();
    graph.add(ev('m1', 0, 'user_id:u1', 'anonymous_id:family-pc'));
    const second = graph.add(ev('m2', 1, 'user_id:u2', 'anonymous_id:family-pc'));
    expect(second.action).toBe('created');
    expect(second.dropped).toEqual([
      { identifier: id('anonymous_id:family-pc'), reason: { rule: 'limit', type: 'user_id', max: 1 } },
    ]);
    expect(partitionOf(graph)).toEqual([['anonymous_id:family-pc', 'user_id:u1'], ['user_id:u2']]);
  });

  it('refuses to merge two profiles that each have a user id, even when limits allow two', () => {
    const graph = new IdentityGraph(stitchingRules({ limits: { user_id: { max: 2 } } }));
    graph.add(ev('m1', 0, 'user_id:u1', 'email:shared@maison.fr'));
    graph.add(ev('m2', 1, 'user_id:u2', 'phone:+33623456781'));
    const linking = graph.add(ev('m3', 2, 'email:shared@maison.fr', 'phone:+33623456781'));
    expect(linking.dropped[0]?.reason).toEqual({ rule: 'distinct_user_ids' });
    expect(graph.profiles()).toHaveLength(2);
  });
});

describe('Limits and priorities', () => {
  it('drops the new identifier over its limit and keeps the rest of the event', () => {
    const graph = new IdentityGraph(stitchingRules({ limits: { email: { max: 2 } } }));
    graph.add(ev('m1', 0, 'user_id:u1', 'email:a@maison.fr', 'email:b@maison.fr'));
    const third = graph.add(ev('m2', 1, 'user_id:u1', 'email:c@maison.fr', 'phone:+33623456781'));
    expect(third.action).toBe('added');
    expect(third.dropped.map((d) => d.identifier.value)).toEqual(['c@maison.fr']);
    expect(partitionOf(graph)[0]).toEqual([
      'email:a@maison.fr',
      'email:b@maison.fr',
      'phone:+33623456781',
      'user_id:u1',
    ]);
  });

  it('drops the lowest-priority link first, and may found a new profile with what is left', () => {
    const graph = new IdentityGraph();
    graph.add(ev('m1', 0, 'user_id:u1', 'email:jane@maison.fr', 'anonymous_id:a1'));
    // u2 cannot join u1's profile: every link to it is dropped, and the phone founds u2's own.
    const result = graph.add(
      ev('m2', 1, 'user_id:u2', 'email:jane@maison.fr', 'anonymous_id:a1', 'phone:+33623456781'),
    );
    expect(result.dropped.map((d) => d.identifier.type)).toEqual(['email', 'anonymous_id']);
    expect(result.action).toBe('created');
    expect(partitionOf(graph)).toEqual([
      ['anonymous_id:a1', 'email:jane@maison.fr', 'user_id:u1'],
      ['phone:+33623456781', 'user_id:u2'],
    ]);
  });

  it('follows a workspace’s own priority order', () => {
    const rules = stitchingRules({
      limits: { loyalty_card: { max: 1 } },
      priority: ['user_id', 'loyalty_card', 'email'],
    });
    const graph = new IdentityGraph(rules);
    graph.add(ev('m1', 0, 'loyalty_card:111', 'email:a@maison.fr'));
    graph.add(ev('m2', 1, 'loyalty_card:222'));
    // The card is trusted more than the e-mail here, so the e-mail link is dropped.
    const r = graph.add(ev('m3', 2, 'loyalty_card:222', 'email:a@maison.fr'));
    expect(r.dropped.map((d) => d.identifier.type)).toEqual(['email']);
    expect(graph.profileOf('loyalty_card:222')).not.toBe(graph.profileOf('email:a@maison.fr'));
  });

  it('counts windowed limits over recent identifiers only (anonymous ids: 5 a week)', () => {
    const graph = new IdentityGraph();
    for (let i = 1; i <= 5; i++) graph.add(ev(`m${i}`, i, 'user_id:u1', `anonymous_id:a${i}`));
    const sixth = graph.add(ev('m6', 6, 'user_id:u1', 'anonymous_id:a6'));
    expect(sixth.dropped[0]?.reason).toEqual({ rule: 'limit', type: 'anonymous_id', max: 5, windowDays: 7 });
    const nextMonth = graph.add(ev('m7', 24 * 30, 'user_id:u1', 'anonymous_id:a7'));
    expect(nextMonth.dropped).toEqual([]);
    expect(graph.profileOf('anonymous_id:a7')).toBe(graph.profileOf('user_id:u1'));
  });
});

describe('The merge cap', () => {
  it('stops a profile from taking part in more merges than allowed', () => {
    const graph = new IdentityGraph(stitchingRules({ maxMergesPerProfile: 2, limits: { '*': { max: 50 } } }));
    graph.add(ev('m0', 0, 'email:hub@maison.fr'));
    for (let i = 1; i <= 3; i++) graph.add(ev(`p${i}`, i, `phone:+3362345678${i}`));
    const outcomes = [1, 2, 3].map((i) =>
      graph.add(ev(`l${i}`, 10 + i, 'email:hub@maison.fr', `phone:+3362345678${i}`)),
    );
    expect(outcomes.map((o) => o.action)).toEqual(['merged', 'merged', 'matched']);
    expect(outcomes[2]?.dropped[0]?.reason).toEqual({ rule: 'merge_cap', max: 2 });
    expect(
      graph
        .profiles()
        .map((p) => p.merges)
        .sort(),
    ).toEqual([0, 2]);
  });
});

describe('Splitting a merge', () => {
  function mergedByTypo() {
    const graph = new IdentityGraph();
    graph.add(ev('m1', 0, 'user_id:u1', 'email:jane@maison.fr'));
    graph.add(ev('m2', 1, 'loyalty_card:999', 'email:paul@maison.fr'));
    // A cashier's slip ties Paul's card to Jane's e-mail.
    const { merges } = graph.add(ev('m3', 2, 'loyalty_card:999', 'email:jane@maison.fr'));
    graph.add(ev('m4', 3, 'loyalty_card:999', 'phone:+33623456781'));
    return { graph, merge: merges[0] as NonNullable<(typeof merges)[0]> };
  }

  it('puts the two sides back apart and keeps them apart', () => {
    const { graph, merge } = mergedByTypo();
    expect(graph.profiles()).toHaveLength(1);
    const split = graph.split(merge.id, {
      by: 'operator@maison.fr',
      at: new Date('2026-04-01'),
      reason: 'till typo',
    });
    expect(split.ok).toBe(true);
    if (!split.ok) return;
    expect(split.undone.map((m) => m.id)).toEqual([merge.id]);
    expect(partitionOf(graph)).toEqual([
      ['email:jane@maison.fr', 'user_id:u1'],
      ['email:paul@maison.fr', 'loyalty_card:999', 'phone:+33623456781'],
    ]);
    const again = graph.add(ev('m5', 4, 'user_id:u1', 'loyalty_card:999'));
    expect(again.dropped[0]?.reason).toEqual({ rule: 'split', splitId: split.split.id });
    expect(graph.profiles()).toHaveLength(2);
  });

  it('is kept as a decision that a rebuild honours', () => {
    const { graph, merge } = mergedByTypo();
    graph.split(merge.id, { by: 'operator@maison.fr', at: new Date('2026-04-01') });
    const events = [
      ev('m1', 0, 'user_id:u1', 'email:jane@maison.fr'),
      ev('m2', 1, 'loyalty_card:999', 'email:paul@maison.fr'),
      ev('m3', 2, 'loyalty_card:999', 'email:jane@maison.fr'),
      ev('m4', 3, 'loyalty_card:999', 'phone:+33623456781'),
    ];
    const rebuilt = rebuildIdentityGraph(events.reverse(), undefined, graph.splits());
    expect(rebuilt.profiles()).toEqual(graph.profiles());
  });

  it('refuses a merge it does not know', () => {
    const result = new IdentityGraph().split('mrg_nope', { by: 'op', at: new Date() });
    expect(result).toMatchObject({ ok: false, code: 'identity.merge_not_found' });
  });
});

describe('Late events', () => {
  it('re-runs only the component of an event that comes before ones already stitched', () => {
    const graph = new IdentityGraph();
    graph.add(ev('m2', 2, 'user_id:u2', 'anonymous_id:family-pc'));
    graph.add(ev('x1', 1, 'user_id:other'));
    // u1 used the family computer first: in canonical order the computer is u1's.
    const late = graph.add(ev('m1', 1, 'user_id:u1', 'anonymous_id:family-pc'));
    expect(late.rerun).toBe(true);
    expect(graph.profileOf('anonymous_id:family-pc')).toBe(graph.profileOf('user_id:u1'));
    expect(graph.profiles()).toEqual(
      rebuildIdentityGraph([
        ev('m1', 1, 'user_id:u1', 'anonymous_id:family-pc'),
        ev('m2', 2, 'user_id:u2', 'anonymous_id:family-pc'),
        ev('x1', 1, 'user_id:other'),
      ]).profiles(),
    );
  });
});
