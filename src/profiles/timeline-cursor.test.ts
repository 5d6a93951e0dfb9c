import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './timeline-cursor.ts';

describe('timeline cursor', () => {
  it('gives back the position it was made from', () => {
    const position = { at: new Date('2026-03-08T10:00:00.123Z'), messageId: 'msg "1", à Lyon' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses what it did not make, naming the parameter', () => {
    for (const bad of ['', 'abc', Buffer.from('["not a date","x"]').toString('base64url')])
      expect(() => decodeCursor(bad)).toThrow(/cursor/);
  });
});
