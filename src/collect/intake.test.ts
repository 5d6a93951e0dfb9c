import { describe, expect, it } from 'vitest';
import type { Source } from '../store/types.ts';
import { limits, takeIn } from './intake.ts';

const source: Source = {
  id: 'src_test',
  workspaceId: 'default',
  name: 'test',
  channel: 'web',
  writeKey: 'wk_test',
  createdAt: new Date(0),
};
const arrival = { source, receivedAt: new Date('2026-06-01T00:00:00Z'), origin: 'api' as const };

/** The rule as first written: serialise the message and count its UTF-8 bytes. */
function tooLarge(item: unknown): boolean {
  return Buffer.byteLength(JSON.stringify(item) ?? '') > limits.maxEventBytes;
}

function refusedBySize(items: unknown[]): boolean[] {
  const intake = takeIn(items, undefined, arrival, {}, 400_000);
  const refused = new Set(intake.refused.filter((r) => r.rule === 'max_size_32kb').map((r) => r.index));
  return items.map((_, i) => refused.has(i));
}

describe('takeIn: the 32 KB limit on each message of a large batch', () => {
  const track = (properties: unknown) => ({ type: 'track', userId: 'u', event: 'E', properties });
  const cases: [string, unknown][] = [
    ['a small message', { plan: 'pro', n: 1 }],
    ['20 KB of two-byte characters', { s: 'é'.repeat(10_000) }],
    ['33 KB of two-byte characters', { s: 'é'.repeat(16_500) }],
    ['a string of control characters, six bytes each once escaped', { s: '\u0001'.repeat(6_000) }],
    ['just under the limit', { s: 'a'.repeat(limits.maxEventBytes - 100) }],
    ['just over the limit', { s: 'a'.repeat(limits.maxEventBytes) }],
    ['many small numbers', { n: Array.from({ length: 5_000 }, (_, i) => i) }],
    ['numbers that grow when serialised', { n: Array.from({ length: 1_600 }, () => 1e21 + 0.5) }],
    ['deep nesting', JSON.parse(`${'{"a":'.repeat(60)}"x"${'}'.repeat(60)}`)],
    ['many keys', Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`key-${i}`, i]))],
  ];
  for (const [name, properties] of cases) {
    it(`decides as serialising would: ${name}`, () => {
      const item = track(properties);
      expect(refusedBySize([item])).toEqual([tooLarge(item)]);
    });
  }
  it('refuses only the oversized item of a batch', () => {
    const items = [track({ a: 1 }), track({ s: 'x'.repeat(40_000) }), track({ b: 2 })];
    expect(refusedBySize(items)).toEqual([false, true, false]);
  });
});
