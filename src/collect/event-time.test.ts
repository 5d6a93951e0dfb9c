import { describe, expect, it } from 'vitest';
import { eventTimes } from './event-time.ts';

const receivedAt = new Date('2026-05-10T12:00:00.000Z');

describe('eventTimes', () => {
  it('trusts a timestamp the sender gives', () => {
    const t = eventTimes({ timestamp: '2026-05-01T08:00:00Z', sentAt: '2026-05-10T13:00:00Z' }, receivedAt);
    expect(t.timestamp.toISOString()).toBe('2026-05-01T08:00:00.000Z');
    expect(t.clamped).toBe(false);
  });
  it('corrects a device clock that runs one hour fast', () => {
    // Event made 5 minutes before sending, on a clock one hour ahead of the server.
    const t = eventTimes(
      { originalTimestamp: '2026-05-10T12:55:00Z', sentAt: '2026-05-10T13:00:00Z' },
      receivedAt,
    );
    expect(t.timestamp.toISOString()).toBe('2026-05-10T11:55:00.000Z');
  });
  it('uses the batch sentAt when the item has none', () => {
    const t = eventTimes({ originalTimestamp: '2026-05-10T11:59:00Z' }, receivedAt, '2026-05-10T12:00:30Z');
    expect(t.timestamp.toISOString()).toBe('2026-05-10T11:58:30.000Z');
    expect(t.sentAt?.toISOString()).toBe('2026-05-10T12:00:30.000Z');
  });
  it('falls back to receivedAt when nothing is given', () => {
    expect(eventTimes({}, receivedAt).timestamp).toEqual(receivedAt);
  });
  it('clamps and flags a timestamp more than 24 h in the future', () => {
    const t = eventTimes({ timestamp: '2026-05-11T12:00:01Z' }, receivedAt);
    expect(t.timestamp).toEqual(receivedAt);
    expect(t.clamped).toBe(true);
  });
  it('keeps a timestamp just under 24 h ahead', () => {
    const t = eventTimes({ timestamp: '2026-05-11T11:59:59Z' }, receivedAt);
    expect(t.timestamp.toISOString()).toBe('2026-05-11T11:59:59.000Z');
    expect(t.clamped).toBe(false);
  });
});
