import { describe, expect, it } from 'vitest';
import { checkMessage, parseTime } from './validate.ts';

function problemsOf(raw: unknown, type?: Parameters<typeof checkMessage>[1]) {
  const checked = checkMessage(raw, type);
  return checked.ok ? [] : checked.problems.map((p) => `${p.field}:${p.rule}`);
}

describe('checkMessage', () => {
  it('accepts a track with an anonymousId', () => {
    expect(problemsOf({ anonymousId: 'a1', event: 'Order Completed' }, 'track')).toEqual([]);
  });
  it('accepts numeric user ids as Segment libraries may send them', () => {
    expect(problemsOf({ userId: 42, traits: {} }, 'identify')).toEqual([]);
  });
  it('requires userId or anonymousId', () => {
    expect(problemsOf({ event: 'x' }, 'track')).toEqual(['userId:userId_or_anonymousId']);
    expect(problemsOf({ userId: '  ', event: 'x' }, 'track')).toEqual(['userId:userId_or_anonymousId']);
  });
  it('requires event on track', () => {
    expect(problemsOf({ userId: 'u' }, 'track')).toEqual(['event:required']);
  });
  it('requires groupId on group', () => {
    expect(problemsOf({ userId: 'u' }, 'group')).toEqual(['groupId:required']);
  });
  it('requires previousId and userId on alias', () => {
    expect(problemsOf({ anonymousId: 'a' }, 'alias')).toEqual(['previousId:required', 'userId:required']);
  });
  it('requires a type on batch items', () => {
    expect(problemsOf({ userId: 'u' })).toEqual(['type:required']);
    expect(problemsOf({ userId: 'u', type: 'purchase' })).toEqual(['type:enum']);
  });
  it('refuses non-object bags and non-objects', () => {
    expect(problemsOf({ userId: 'u', properties: 'x' }, 'page')).toEqual(['properties:type']);
    expect(problemsOf([1, 2], 'page')).toEqual(['(message):object']);
  });
  it('refuses message ids of 100 characters or more', () => {
    expect(problemsOf({ userId: 'u', messageId: 'x'.repeat(101) }, 'page')).toEqual([
      'messageId:string_max_100',
    ]);
  });
  it('refuses timestamps that are not ISO 8601', () => {
    expect(problemsOf({ userId: 'u', timestamp: 'yesterday' }, 'page')).toEqual(['timestamp:iso8601']);
  });
});

describe('parseTime', () => {
  it('reads offsets, Z and dates', () => {
    expect(parseTime('2026-03-01T10:00:00+01:00')?.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(parseTime('2026-03-01T10:00:00.123Z')?.toISOString()).toBe('2026-03-01T10:00:00.123Z');
    expect(parseTime('2026-03-01')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
  it('takes a time without offset as UTC', () => {
    expect(parseTime('2026-03-01 10:00:00')?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });
  it('reads Date#toISOString texts exactly as any other ISO 8601 text', () => {
    for (const text of [
      '2026-03-01T10:00:00.123Z',
      '1970-01-01T00:00:00.000Z',
      '2026-02-30T00:00:00.000Z',
      '2026-03-01T25:00:00.000Z',
      '2026-03-01T10:00:00.123z',
      '2026-03-01T10:00:00.1234Z',
    ]) {
      const viaOffset = parseTime(text.replace(/z$/i, '+00:00'));
      expect(parseTime(text)?.getTime()).toBe(viaOffset?.getTime());
    }
  });
  it('answers a new Date every time, even for a text just parsed', () => {
    const first = parseTime('2026-03-01T10:00:00.000Z') as Date;
    first.setTime(0);
    expect(parseTime('2026-03-01T10:00:00.000Z')?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });
  it('refuses impossible dates and free text', () => {
    expect(parseTime('2026-13-45T00:00:00Z')).toBeUndefined();
    expect(parseTime('March 1st')).toBeUndefined();
  });
});
