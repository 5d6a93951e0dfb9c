import { nextNumber, type SimulationContext } from './context.ts';
import { surveySource } from './employees.ts';
import {
  polarityOfScore,
  problemThemes,
  purchaseExperience,
  remarkThemes,
  type Scale,
  satisfaction,
  scoreOn,
  textSlots,
} from './feelings.ts';
import type { Person } from './person.ts';
import { momentAfter, type PlannedPurchase } from './purchases.ts';
import type { PersonStream } from './stream.ts';
import { latestBefore, type Ticket } from './support.ts';
import { writeComment } from './texts/compose.ts';
import { atParisHour, DAY, MINUTE, parisIso } from './time.ts';
import type { Theme } from './types.ts';

/** One answer to a survey, before it is written down. */
interface Answer {
  at: number;
  surveyId: string;
  surveyType: 'nps' | 'csat' | 'ces';
  scale: Scale;
  /** Satisfaction in [0, 1]; the score and the comment's tone follow from it. */
  level: number;
  themes: Theme[];
  touchpoint: string;
  purchase: PlannedPurchase;
  agent: string;
}

function writeAnswer(ctx: SimulationContext, stream: PersonStream, person: Person, answer: Answer): void {
  const { rng } = person;
  const score = scoreOn(answer.scale, answer.level);
  const polarity = polarityOfScore(answer.scale, score);
  const responseId = `R${String(nextNumber(ctx, 'responses')).padStart(8, '0')}`;
  let comment = '';
  if (rng.chance(polarity === 'neutral' ? 0.3 : 0.5)) {
    const slots = textSlots(answer.purchase, answer.agent || rng.pick(ctx.agents));
    const text = writeComment(rng, person.language, polarity, answer.themes, slots);
    stream.wrote(responseId, surveySource, 'survey_responses', text, false);
    comment = text.text;
  }
  stream.row(surveySource, 'survey_responses', answer.at, {
    response_id: responseId,
    survey_id: answer.surveyId,
    survey_type: answer.surveyType,
    score: String(score),
    scale: answer.scale,
    comment,
    touchpoint: answer.touchpoint,
    order_id: answer.surveyType === 'nps' ? '' : answer.purchase.orderId,
    agent: answer.agent,
    email: stream.reveal('email', person.email),
    customer_id: rng.chance(0.7) ? stream.reveal('user_id', person.userId) : '',
    employee_id: '',
    team: '',
    responded_at: parisIso(answer.at),
    language: person.language,
  });
}

const touchpoints = { store: 'magasin', web: 'commande_web', app: 'commande_app' } as const;

/** The CSAT survey some customers answer after an order: low when it went wrong. */
export function answerAfterPurchase(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  purchase: PlannedPurchase,
  mood: number,
): void {
  const { rng } = person;
  const online = purchase.channel !== 'store';
  if (!rng.chance(online ? 0.15 : 0.08)) return;
  const at = momentAfter(person, purchase.at, online ? rng.uniform(2, 6) : rng.uniform(0, 1.5));
  if (at >= ctx.end) return;
  const { themes, mean } = purchaseExperience(ctx, rng, purchase, at);
  writeAnswer(ctx, stream, person, {
    at,
    surveyId: online ? 'csat-commande-en-ligne' : 'csat-magasin',
    surveyType: 'csat',
    scale: '1-5',
    level: satisfaction(rng, mean + mood),
    themes,
    touchpoint: touchpoints[purchase.channel],
    purchase,
    agent: '',
  });
}

/** CSAT and CES after a closed ticket: waiting and unresolved problems pull both down. */
export function answerAfterTicket(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  ticket: Ticket,
  mood: number,
): void {
  const { rng } = person;
  const { contact } = ticket;
  if (ticket.closedAt === null) return;
  const at = momentAfter(person, ticket.closedAt, rng.uniform(0, 2));
  if (at >= ctx.end - MINUTE) return;
  const base = !contact.problem ? 0.8 : ticket.resolved ? 0.6 : 0.2;
  const mean = base - (contact.waited ? 0.25 : 0) + mood;
  const service = contact.via === 'chat' ? 'chat' : 'service-client';
  const common = {
    touchpoint: contact.via === 'chat' ? 'chat' : 'service_client',
    purchase: contact.purchase,
  };
  const themes: Theme[] = ticket.resolved && rng.chance(0.4) ? [...contact.themes, 'staff'] : contact.themes;
  if (rng.chance(0.3)) {
    const level = satisfaction(rng, mean);
    writeAnswer(ctx, stream, person, {
      ...common,
      at,
      surveyId: `csat-${service}`,
      surveyType: 'csat',
      scale: '1-5',
      level,
      themes,
      agent: ticket.agent,
    });
  }
  if (rng.chance(0.2)) {
    const level = satisfaction(rng, mean - 0.05);
    const ces = { at: at + MINUTE, surveyId: `ces-${service}`, surveyType: 'ces', scale: '1-7' } as const;
    writeAnswer(ctx, stream, person, {
      ...common,
      ...ces,
      level,
      themes: contact.themes,
      agent: ticket.agent,
    });
  }
}

/** The relationship NPS survey, sent every spring and autumn (15 March and 15 October, 10:00). */
function npsWaves(ctx: SimulationContext): { at: number; id: string }[] {
  const waves: { at: number; id: string }[] = [];
  const first = new Date(ctx.start).getUTCFullYear();
  const last = new Date(ctx.end).getUTCFullYear();
  for (let year = first; year <= last; year++) {
    for (const [month, season] of [
      [2, 'printemps'],
      [9, 'automne'],
    ] as const) {
      const at = atParisHour(Date.UTC(year, month, 15), 10);
      if (at >= ctx.start && at < ctx.end) waves.push({ at, id: `nps-${year}-${season}` });
    }
  }
  return waves;
}

/** The answers to the relationship NPS: loyal, trouble-free customers promote, recent problems detract. */
export function answerNps(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  purchases: readonly PlannedPurchase[],
  droppedOutAt: number | null,
  mood: number,
): void {
  const { rng } = person;
  for (const wave of npsWaves(ctx)) {
    if (wave.at < person.acquiredAt + 30 * DAY) continue;
    if (droppedOutAt !== null && wave.at > droppedOutAt + 365 * DAY) continue;
    if (!rng.chance(0.12)) continue;
    const at = momentAfter(person, wave.at, rng.exponential(0.5));
    const last = latestBefore(purchases, at);
    if (at >= ctx.end || !last) continue;
    const problems = purchases.filter((p) => p.problem && p.at <= at && p.at > at - 180 * DAY);
    const loyalty = Math.min(0.1, person.behaviour.lambda * 0.5);
    const mean = 0.74 + loyalty - 0.2 * problems.length + mood;
    const worst = problems[problems.length - 1];
    writeAnswer(ctx, stream, person, {
      at,
      surveyId: wave.id,
      surveyType: 'nps',
      scale: '0-10',
      level: satisfaction(rng, mean),
      themes: worst ? problemThemes(rng, worst.problem) : remarkThemes(rng, last.channel !== 'store'),
      touchpoint: 'relation',
      purchase: worst ?? last,
      agent: '',
    });
  }
}
