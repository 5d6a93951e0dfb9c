import { describe, expect, it } from 'vitest';
import { parseChannelMixDefinition } from '../channel-mix/channel-mix-schema.ts';
import { parseLifecycleDefinition } from './lifecycle-schema.ts';
import { parseRetentionDefinition } from './retention-schema.ts';

describe('parsing definitions', () => {
  it('fills the retention defaults', () => {
    expect(parseRetentionDefinition({ from: '2026-01-01', to: '2026-07-01T00:00:00+02:00' })).toEqual({
      cohortBy: 'first_purchase',
      purchase: { action: ['order_completed'] },
      returnEvent: { action: ['order_completed'] },
      interval: 'month',
      maxPeriods: 12,
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-06-30T22:00:00Z'),
    });
  });

  it('makes a custom purchase the default return event', () => {
    const definition = parseRetentionDefinition({
      purchase: { channel: 'store' },
      from: '2026-01-01',
      to: '2026-02-01',
    });
    expect(definition.returnEvent).toEqual({ channel: ['store'] });
  });

  it('fills the lifecycle and channel-mix defaults', () => {
    const range = { from: '2026-01-05', to: '2026-02-02' };
    expect(parseLifecycleDefinition(range)).toMatchObject({
      interval: 'week',
      activity: { withStage: true },
    });
    expect(parseChannelMixDefinition(range)).toMatchObject({
      interval: 'week',
      activity: { withStage: true },
    });
  });

  it.each([
    [{ to: '2026-02-01' }, 'retention definition: from is required'],
    [
      { interval: 'year', from: '2026-01-01', to: '2026-02-01' },
      'retention definition: interval must be one of "day", "week", "month" (got "year")',
    ],
    [
      { maxPeriods: -1, from: '2026-01-01', to: '2026-02-01' },
      'retention definition: maxPeriods must be a whole number from 0 to 400 (got -1)',
    ],
    [
      { cohortBy: 'first_visit', from: '2026-01-01', to: '2026-02-01' },
      'retention definition: cohortBy must be one of "first_purchase", "first_contact" (got "first_visit")',
    ],
    [
      { purchase: { acton: 'order_completed' }, from: '2026-01-01', to: '2026-02-01' },
      'retention definition: purchase.acton is not a field of this definition',
    ],
    [
      { from: '2026-01-01T10:00', to: '2026-02-01' },
      'retention definition: from must be a date (2026-01-31) or an instant with its offset (2026-01-31T08:00:00Z) (got "2026-01-01T10:00")',
    ],
    [
      { from: '2026-02-01', to: '2026-01-01' },
      'retention definition: to (2026-01-01) must come after from (2026-02-01)',
    ],
  ])('names the wrong field of %j', (input, message) => {
    expect(() => parseRetentionDefinition(input)).toThrow(new RangeError(message));
  });

  it('names the wrong field of a lifecycle or channel-mix activity', () => {
    expect(() =>
      parseLifecycleDefinition({ activity: { stage: [] }, from: '2026-01-01', to: '2026-02-01' }),
    ).toThrow(/^lifecycle definition: activity\.stage /);
    expect(() =>
      parseChannelMixDefinition({ interval: 'hour', from: '2026-01-01', to: '2026-02-01' }),
    ).toThrow('channel-mix definition: interval must be one of "day", "week", "month" (got "hour")');
  });
});
