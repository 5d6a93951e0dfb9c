import { describe, expect, it } from 'vitest';
import { defaultTouchpointMapping } from './defaults.ts';
import { parseTouchpointMapping } from './parse.ts';

const problem = (json: unknown) => {
  try {
    parseTouchpointMapping(json);
  } catch (error) {
    expect(error).toBeInstanceOf(RangeError);
    return (error as Error).message;
  }
  throw new Error('the mapping was accepted');
};

describe('reading a touchpoint mapping', () => {
  it('puts the business rules before the defaults', () => {
    const rule = { event: 'Demo Booked', stage: 'buy' };
    const mapping = parseTouchpointMapping(JSON.stringify({ rules: [rule] }));
    expect(mapping.rules[0]).toEqual(rule);
    expect(mapping.rules.slice(1)).toEqual(defaultTouchpointMapping.rules);
    expect(mapping.purchaseActions).toEqual(['order_completed']);
    expect(parseTouchpointMapping({}).rules).toEqual(defaultTouchpointMapping.rules);
  });

  it('names the rule and the field at fault', () => {
    expect(
      problem({
        rules: [
          { event: 'A', stage: 'buy' },
          { event: 'B', stage: 'Get Help' },
        ],
      }),
    ).toBe(
      'touchpoint mapping: rule 1, field "stage": expected a snake-case stage (such as "get_help") or null',
    );
    expect(problem({ rules: [{ event: 5, stage: 'buy' }] })).toBe(
      'touchpoint mapping: rule 0, field "event": expected a value, a glob ("Email *"), a /regular expression/, or a non-empty list of them',
    );
    expect(problem({ rules: [{ evnt: 'A', stage: 'buy' }] })).toMatch(
      /^touchpoint mapping: rule 0, field "evnt": /,
    );
    expect(problem({ rules: [{ event: 'A', action: 'Booked!' }] })).toBe(
      'touchpoint mapping: rule 0, field "action": expected snake case (lower-case letters, digits and _, from a letter)',
    );
    expect(problem({ rules: [{ event: 'A', properties: { 'a.b': 'x' }, stage: 'buy' }] })).toMatch(
      /^touchpoint mapping: rule 0, field "properties/,
    );
    expect(problem({ purchaseActions: ['Order Completed'] })).toMatch(
      /^touchpoint mapping: field "purchaseActions.0": /,
    );
  });

  it('refuses a rule that matches nothing or sets nothing', () => {
    expect(problem({ rules: [{ stage: 'buy' }] })).toBe(
      'touchpoint mapping: rule 0: matches nothing; name a channel, type, event or properties',
    );
    expect(problem({ rules: [{ event: 'A' }] })).toBe(
      'touchpoint mapping: rule 0: sets nothing; give it an action, a stage or both',
    );
  });

  it('refuses a pattern the engines cannot run, saying where', () => {
    expect(
      problem({
        rules: [
          { event: 'A', stage: 'buy' },
          { channel: '/(?<=x)y/', stage: 'buy' },
        ],
      }),
    ).toBe(
      'touchpoint mapping: rule 1, field "channel": regular expression /(?<=x)y/ uses lookaround or a back-reference, which the SQL engines (RE2) do not support',
    );
    expect(problem({ rules: [{ properties: { surveyType: '/[/' }, stage: 'buy' }] })).toMatch(
      /^touchpoint mapping: rule 0, field "properties.surveyType": \/\[\/ is not a valid regular expression/,
    );
  });

  it('says when the text is not JSON', () => {
    expect(problem('{ rules: ')).toMatch(/^touchpoint mapping: not valid JSON/);
    expect(problem([])).toMatch(/^touchpoint mapping: Expected object/);
  });
});
