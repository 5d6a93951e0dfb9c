import { nextNumber, type SimulationContext } from './context.ts';
import { frenchFirstNames, frenchLastNames } from './names.ts';
import { labelHash, Random } from './random.ts';
import { phaseAt } from './shift.ts';
import { DAY, HOUR, parisIso } from './time.ts';
import type { DemoRecord, Polarity } from './types.ts';

export const surveySource = 'enquetes';

export interface Employee {
  employeeId: string;
  displayName: string;
  team: string;
}

const teams: [team: string, size: number, affected: boolean][] = [
  ['Service client', 10, true],
  ['Logistique', 8, true],
  ['Magasins', 10, true],
  ['E-commerce', 5, false],
  ['Marketing', 4, false],
  ['Siège', 3, false],
];

const employeeComments: Record<Polarity, string[]> = {
  positive: [
    'Bonne ambiance dans l’équipe.',
    'Je me sens soutenu par mon manager.',
    'Fier de travailler pour l’enseigne.',
    'Des formations utiles cette année.',
    'On a enfin des outils qui marchent bien.',
  ],
  neutral: [
    'Rien de particulier à signaler.',
    'Charge de travail correcte dans l’ensemble.',
    'Quelques outils à améliorer.',
  ],
  negative: [
    'Charge de travail intenable depuis des semaines.',
    'Pas assez de monde pour répondre aux appels.',
    'Les outils plantent en permanence.',
    'Aucune reconnaissance du travail fourni.',
    'Trop de pression sur les délais de livraison.',
    'On ne sait pas du tout ce qui va se passer pour les magasins.',
  ],
};

/** The 40 employees of the retailer across six teams (the same for a given seed). */
export function staff(seed: number): Employee[] {
  const rng = new Random(seed, labelHash('employees'));
  const people: Employee[] = [];
  for (const [team, size] of teams) {
    for (let i = 0; i < size; i++) {
      const first = rng.pick(rng.chance(0.5) ? frenchFirstNames.female : frenchFirstNames.male);
      const last = rng.pick(frenchLastNames);
      people.push({
        employeeId: `EMP-${String(people.length + 1).padStart(3, '0')}`,
        displayName: `${first} ${last.charAt(0)}.`,
        team,
      });
    }
  }
  return people;
}

/** Display names of the customer-service agents, who sign tickets and are rated in surveys. */
export function serviceAgents(seed: number): string[] {
  return staff(seed)
    .filter((employee) => employee.team === 'Service client')
    .map((employee) => employee.displayName);
}

function scoreToPolarity(score: number): Polarity {
  return score >= 9 ? 'positive' : score >= 7 ? 'neutral' : 'negative';
}

/** Quarterly eNPS answers of the employees: teams on the front line grow unhappy after the shift. */
export function* employeeFeedback(ctx: SimulationContext): Generator<DemoRecord> {
  const rng = new Random(ctx.options.seed, labelHash('enps'));
  const people = staff(ctx.options.seed);
  const affected = new Set(teams.filter(([, , hit]) => hit).map(([team]) => team));
  const mood = people.map(() => rng.normal(7.6, 1.1));
  const first = new Date(ctx.start);
  let quarter = Math.floor(first.getUTCMonth() / 3) + 1;
  let year = first.getUTCFullYear();
  for (;;) {
    const launch = Date.UTC(year, (quarter - 1) * 3, 10, 9);
    if (launch >= ctx.end) break;
    if (launch >= ctx.start) {
      const phase = phaseAt(ctx.calendar, launch);
      for (const [i, employee] of people.entries()) {
        if (!rng.chance(0.75)) continue;
        const drop = phase !== 'before' && affected.has(employee.team) ? 2.8 : 0;
        const score = Math.min(10, Math.max(0, Math.round(rng.normal((mood[i] ?? 7) - drop, 1.2))));
        const comment = rng.chance(0.5) ? rng.pick(employeeComments[scoreToPolarity(score)]) : '';
        const at = launch + Math.floor(rng.uniform(0, 12) * DAY) + Math.floor(rng.uniform(0, 9) * HOUR);
        if (at >= ctx.end) continue;
        yield {
          type: 'row',
          source: surveySource,
          kind: 'survey_responses',
          row: {
            response_id: `R${String(nextNumber(ctx, 'responses')).padStart(8, '0')}`,
            survey_id: `enps-${year}-T${quarter}`,
            survey_type: 'enps',
            score: String(score),
            scale: '0-10',
            comment,
            touchpoint: '',
            order_id: '',
            agent: '',
            email: '',
            customer_id: '',
            employee_id: employee.employeeId,
            team: employee.team,
            responded_at: parisIso(at),
            language: 'fr',
          },
        };
      }
    }
    quarter += 1;
    if (quarter > 4) {
      quarter = 1;
      year += 1;
    }
  }
}
