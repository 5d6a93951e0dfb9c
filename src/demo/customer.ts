import { drawPurchases, trueSegment } from './behaviour.ts';
import type { SimulationContext } from './context.ts';
import { writeCrmContact } from './crm.ts';
import { DeviceShelf } from './devices.ts';
import { receiveNewsletters } from './email.ts';
import { drawPerson, type Person } from './person.ts';
import { type PlannedPurchase, planPurchases } from './purchases.ts';
import { maybeReview } from './reviews.ts';
import { planBrowsing, planPurchaseVisits } from './sessions.ts';
import { angryPost, happyPost } from './social.ts';
import { PersonStream } from './stream.ts';
import { planContacts, writeTicketRow } from './support.ts';
import { answerAfterPurchase, answerAfterTicket, answerNps } from './surveys.ts';
import { writeTillOrder } from './tills.ts';
import { HOUR, utcIso } from './time.ts';
import type { DemoRecord, PersonTruth, TrueSegment } from './types.ts';
import { playSessions, type SessionPlan } from './web.ts';

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** What follows each purchase: the till line, a survey, a review, a post (and the visit an angry post leads to). */
function afterPurchases(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  purchases: readonly PlannedPurchase[],
  mood: number,
): SessionPlan[] {
  const visits: SessionPlan[] = [];
  for (const purchase of purchases) {
    if (purchase.channel === 'store') writeTillOrder(stream, person, purchase);
    answerAfterPurchase(ctx, stream, person, purchase, mood);
    maybeReview(ctx, stream, person, purchase, mood);
    happyPost(ctx, stream, person, purchase);
    const visit = angryPost(ctx, stream, person, purchase);
    if (visit) visits.push(visit);
  }
  return visits;
}

/** Calls and chats, each maybe preceded by a look at the order tracking page and followed by surveys. */
function serviceContacts(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  purchases: readonly PlannedPurchase[],
  droppedOutAt: number | null,
  mood: number,
): SessionPlan[] {
  const { rng } = person;
  const visits: SessionPlan[] = [];
  for (const contact of planContacts(ctx, person, purchases, droppedOutAt)) {
    const device = contact.purchase.device;
    if (contact.problem && device && rng.chance(0.4)) {
      const at = contact.at - Math.floor(rng.uniform(1, 48) * HOUR);
      visits.push({ at, device, intent: 'help', purchase: contact.purchase, referrer: '' });
    }
    answerAfterTicket(ctx, stream, person, writeTicketRow(ctx, stream, person, contact), mood);
  }
  return visits;
}

function truthOf(
  person: Person,
  stream: PersonStream,
  segment: TrueSegment,
  purchases: readonly PlannedPurchase[],
  droppedOutAt: number | null,
): PersonTruth {
  const { behaviour } = person;
  return {
    personId: person.personId,
    segment,
    acquiredAt: utcIso(person.acquiredAt),
    purchaseRate: behaviour.lambda,
    dropoutProbability: behaviour.dropout,
    meanSpend: round2(behaviour.meanSpend),
    droppedOutAt: droppedOutAt === null ? null : utcIso(droppedOutAt),
    purchases: purchases.length,
    revenue: round2(purchases.reduce((sum, p) => sum + p.basket.amount, 0)),
    channelMix: { ...person.mix },
    language: person.language,
    household: person.household?.id ?? null,
    identifiers: stream.revealed(),
    texts: stream.texts,
  };
}

/** Everything one customer leaves behind, in time order, then the truth about them. */
export function simulateCustomer(ctx: SimulationContext, index: number): DemoRecord[] {
  const person = drawPerson(ctx, index);
  const { rng } = person;
  const history = drawPurchases(rng, person.behaviour, person.acquiredAt, ctx.end);
  const purchases = planPurchases(ctx, person, history);
  const segment = trueSegment(person.behaviour, history, person.acquiredAt, ctx.end);
  const stream = new PersonStream(ctx, index);
  const mood = rng.normal(0, 0.08);
  const visits = [
    ...afterPurchases(ctx, stream, person, purchases, mood),
    ...serviceContacts(ctx, stream, person, purchases, history.droppedOutAt, mood),
  ];
  answerNps(ctx, stream, person, purchases, history.droppedOutAt, mood);
  writeCrmContact(ctx, stream, person, segment);
  visits.push(...planPurchaseVisits(ctx, person, purchases), ...planBrowsing(ctx, person, history));
  if (person.consent.marketing && rng.chance(0.85)) {
    visits.push(
      ...receiveNewsletters(stream, person, ctx.campaigns, person.acquiredAt, history.droppedOutAt),
    );
  }
  playSessions(ctx, stream, person, new DeviceShelf(person, ctx.options.seed), visits);
  const records = stream.inTimeOrder();
  records.push({ type: 'person', truth: truthOf(person, stream, segment, purchases, history.droppedOutAt) });
  return records;
}
