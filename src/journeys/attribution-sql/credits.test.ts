import { describe, expect, it } from 'vitest';
import { parseAttributionDefinition } from './definition.ts';
import { attribution } from './run.ts';
import { handEvents, handRange } from './test-fixtures.ts';

// The hand fixture's journeys (journeys.test.ts): [email, web] 1 conversion 100; [web] 1 conversion
// 50 + 1 unconverted; [email] 1 conversion 30 + 1 unconverted; [] 2 conversions 20 (uncredited).

describe('attribution of the hand-solved customers', () => {
  const result = attribution(handEvents, parseAttributionDefinition(handRange));
  const credit = (table: { channel: string; conversions: number; revenue: number }[], channel: string) => {
    const row = table.find((r) => r.channel === channel);
    return [row?.conversions, row?.revenue];
  };

  it('counts the journeys, and what no touch can be credited for', () => {
    expect(result.journeys).toEqual({
      conversions: 5,
      revenue: 200,
      nonConverting: 2,
      uncreditedConversions: 2,
      uncreditedRevenue: 20,
      distinctPaths: 4,
    });
  });

  it('credits first, last and linear touches', () => {
    // first: email opens [email, web] (1, 100) and [email] (1, 30); web opens [web] (1, 50).
    expect(credit(result.firstTouch, 'email')).toEqual([2, 130]);
    expect(credit(result.firstTouch, 'web')).toEqual([1, 50]);
    // last: web closes [email, web] and [web] (2, 150); email closes [email] (1, 30).
    expect(credit(result.lastTouch, 'web')).toEqual([2, 150]);
    expect(credit(result.lastTouch, 'email')).toEqual([1, 30]);
    // linear: email ½ of (1, 100) + (1, 30) = (1.5, 80); web ½ of (1, 100) + (1, 50) = (1.5, 100).
    expect(credit(result.linear, 'email')).toEqual([1.5, 80]);
    expect(credit(result.linear, 'web')).toEqual([1.5, 100]);
  });

  it('credits the Markov removal effect, solved by hand', () => {
    // Transitions (journeys with a touch: 5): start→email 3, start→web 2; email→web 1, email→conv 1,
    // email→null 1; web→conv 2, web→null 1. P(web) = 2/3; P(email) = 1/3·2/3 + 1/3 = 5/9;
    // P(start) = 3/5·5/9 + 2/5·2/3 = 3/5 (3 conversions in 5 journeys).
    // Without email: 2/5·2/3 = 4/15, effect 1 − (4/15)/(3/5) = 5/9. Without web: 3/5·1/3 = 1/5, effect 2/3.
    // Credits: 3 × (5/9)/(11/9) = 15/11 and 3 × (6/9)/(11/9) = 18/11.
    // Revenue: mean order ending in web (100 + 50)/2 = 75, in email 30. V(web) = 2/3·75 = 50;
    // V(email) = 1/3·50 + 1/3·30 = 80/3; V(start) = 3/5·80/3 + 2/5·50 = 36 (180 over 5 journeys).
    // Without email: 2/5·50 = 20, effect 4/9. Without web: V(email) = 10, V(start) = 6, effect 5/6.
    // Credits: 180 × (4/9)/(23/18) = 1440/23 and 180 × (5/6)/(23/18) = 2700/23.
    const { markov } = result;
    expect(markov.conversionProbability).toBeCloseTo(3 / 5, 12);
    expect(markov.expectedValue).toBeCloseTo(36, 10);
    expect(markov.totalConversions).toBe(3);
    expect(markov.totalRevenue).toBe(180);
    const email = markov.channels.find((c) => c.channel === 'email');
    const web = markov.channels.find((c) => c.channel === 'web');
    expect(email?.removalEffect).toBeCloseTo(5 / 9, 12);
    expect(web?.removalEffect).toBeCloseTo(2 / 3, 12);
    expect(email?.conversions).toBeCloseTo(15 / 11, 12);
    expect(web?.conversions).toBeCloseTo(18 / 11, 12);
    expect(email?.revenueRemovalEffect).toBeCloseTo(4 / 9, 12);
    expect(web?.revenueRemovalEffect).toBeCloseTo(5 / 6, 12);
    expect(email?.revenue).toBeCloseTo(1440 / 23, 10);
    expect(web?.revenue).toBeCloseTo(2700 / 23, 10);
  });
});
