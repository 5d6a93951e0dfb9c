import { describe, expect, it } from 'vitest';
import { parseFunnelDefinition } from './schema.ts';

const steps = [{ event: 'Produit' }, { action: ['product_added', 'checkout_started'], channel: 'web' }];

describe('parsing a funnel definition', () => {
  it('fills the defaults: ordered, 14 days, any entry date, limit 10', () => {
    expect(parseFunnelDefinition({ steps })).toEqual({
      steps: [
        { label: 'Produit', match: { event: ['Produit'] } },
        {
          label: 'product_added or checkout_started · web',
          match: { action: ['product_added', 'checkout_started'], channel: ['web'] },
        },
      ],
      order: 'ordered',
      windowMs: 14 * 86_400_000,
      enteredFrom: null,
      enteredTo: null,
      exclusions: [],
      breakdown: null,
      breakdownLimit: 10,
    });
  });

  it('reads the window, the entry range and the exclusions', () => {
    const definition = parseFunnelDefinition({
      steps,
      order: 'strict',
      window: { value: 90, unit: 'minutes' },
      from: '2026-03-01',
      to: '2026-03-08T12:00:00+01:00',
      exclusions: [{ touchpoint: 'web:ticket_opened', fromStep: 1, toStep: 2, label: 'Support' }],
      breakdown: 'channel',
      breakdownLimit: 3,
    });
    expect(definition).toMatchObject({
      order: 'strict',
      windowMs: 90 * 60_000,
      enteredFrom: Date.UTC(2026, 2, 1),
      enteredTo: Date.UTC(2026, 2, 8, 11),
      exclusions: [
        { label: 'Support', match: { touchpoint: ['web:ticket_opened'] }, fromStep: 1, toStep: 2 },
      ],
      breakdown: 'channel',
      breakdownLimit: 3,
    });
  });

  it.each([
    [{ steps: [{ event: 'Produit' }] }, /steps must hold 2 to 20 items \(got/],
    [{ steps: [{ event: 'Produit' }, {}] }, /steps\[1\] must name at least one of action, touchpoint/],
    [
      { steps: [{ event: 'Produit' }, { event: [] }] },
      /steps\[1\]\.event must be a text or a non-empty list/,
    ],
    [{ steps, order: 'unordered' }, /order must be one of "ordered", "strict", "any" \(got "unordered"\)/],
    [{ steps, window: { value: 2, unit: 'months' } }, /window\.unit must be one of "minutes", "hours"/],
    [{ steps, window: { value: 0, unit: 'days' } }, /window\.value must be a whole number from 1/],
    [{ steps, window: { value: 400, unit: 'days' } }, /window must be at most 366 days \(got 400 days\)/],
    [{ steps, from: '1 March' }, /from must be an ISO date .* \(got "1 March"\)/],
    [{ steps, to: '2026-03-01T10:00' }, /to must be an ISO date/],
    [{ steps, from: '2026-03-02', to: '2026-03-01' }, /to must come after from/],
    [
      { steps, exclusions: [{ event: 'Aide', fromStep: 2, toStep: 3 }] },
      /exclusions\[0\] must run from a step to a later one, within steps 1 to 2/,
    ],
    [{ steps, exclusions: [{ fromStep: 1, toStep: 2 }] }, /exclusions\[0\] must name at least one/],
    [{ steps, breakdown: 'segment' }, /breakdown must be "channel"/],
    [{ steps, breakdownLimit: 0 }, /breakdownLimit must be a whole number from 1 to 100/],
    [{ steps, colour: 'blue' }, /funnel definition: colour is not a field of a funnel definition/],
    ['checkout', /funnel definition: the definition must be an object \(got "checkout"\)/],
  ])('names the field at fault (%j)', (input, message) => {
    expect(() => parseFunnelDefinition(input)).toThrow(message);
  });
});
