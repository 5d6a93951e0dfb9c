import { formatPhone, misspellEmail } from './contact.ts';
import { nextNumber, type SimulationContext } from './context.ts';
import { problemThemes, textSlots } from './feelings.ts';
import type { Person } from './person.ts';
import type { PlannedPurchase } from './purchases.ts';
import { phaseAt, shiftEffects } from './shift.ts';
import type { PersonStream } from './stream.ts';
import { writeTicket } from './texts/compose.ts';
import { atParisHour, DAY, HOUR, parisIso, WEEK } from './time.ts';
import type { Polarity, Theme } from './types.ts';

export const callCentreSource = 'service-client';
export const chatSource = 'chat';

/** One time the customer got in touch with the service, and why. */
export interface Contact {
  at: number;
  via: 'call_centre' | 'chat';
  themes: Theme[];
  polarity: Polarity;
  /** The order it is about (the latest one when the question is general). */
  purchase: PlannedPurchase;
  /** A problem with this order made them call, rather than a question. */
  problem: boolean;
  /** They waited long on the line before anyone answered. */
  waited: boolean;
}

/** A written-down contact, as the help desk keeps it. */
export interface Ticket {
  contact: Contact;
  ticketId: string;
  source: string;
  agent: string;
  closedAt: number | null;
  resolved: boolean;
}

/** Spontaneous contacts (questions) per week of a live customer, before the shift. */
const questionRate = 0.012;
const questionThemes: readonly Theme[] = [
  'returns_refunds',
  'price',
  'website_app',
  'delivery',
  'product_quality',
];
const questionWeights = {
  before: [0.35, 0.2, 0.2, 0.15, 0.1],
  closure: [0.2, 0.1, 0.2, 0.45, 0.05],
  after: [0.3, 0.15, 0.2, 0.3, 0.05],
};

function contactVia(person: Person): Contact['via'] {
  const chatShare = 0.2 + 0.5 * (person.mix.web + person.mix.app);
  return person.rng.chance(chatShare) ? 'chat' : 'call_centre';
}

function contact(
  ctx: SimulationContext,
  person: Person,
  day: number,
  purchase: PlannedPurchase,
  themes: Theme[],
  polarity: Polarity,
): Contact {
  const { rng } = person;
  const via = contactVia(person);
  const at = via === 'chat' ? atParisHour(day, rng.uniform(8, 22)) : atParisHour(day, rng.uniform(9, 19));
  const waited =
    via === 'call_centre' && rng.chance(shiftEffects.waitingComplaint[phaseAt(ctx.calendar, at)]);
  if (!waited) return { at, via, themes, polarity, purchase, problem: polarity === 'negative', waited };
  return {
    at,
    via,
    themes: [...themes, 'waiting_time'],
    polarity: 'negative',
    purchase,
    problem: true,
    waited,
  };
}

export function latestBefore(purchases: readonly PlannedPurchase[], at: number): PlannedPurchase | undefined {
  let latest: PlannedPurchase | undefined;
  for (const purchase of purchases) if (purchase.at <= at) latest = purchase;
  return latest;
}

/**
 * When the customer contacts the service: most purchase problems lead to a complaint a few days
 * later, and live customers ask questions now and then, more often after the shift.
 */
export function planContacts(
  ctx: SimulationContext,
  person: Person,
  purchases: readonly PlannedPurchase[],
  droppedOutAt: number | null,
): Contact[] {
  const { rng } = person;
  const contacts: Contact[] = [];
  for (const purchase of purchases) {
    if (!purchase.problem || !rng.chance(0.75)) continue;
    const day =
      purchase.at + (purchase.problem === 'delivery' ? rng.uniform(4, 12) : rng.uniform(2, 8)) * DAY;
    if (day >= ctx.end - DAY) continue;
    contacts.push(contact(ctx, person, day, purchase, problemThemes(rng, purchase.problem), 'negative'));
  }
  const maxRate = questionRate * shiftEffects.contacts.closure;
  const leftAt = droppedOutAt ?? ctx.end;
  for (let t = person.acquiredAt; ; ) {
    t += rng.exponential(maxRate) * WEEK;
    if (t >= Math.min(leftAt, ctx.end - DAY)) break;
    const phase = phaseAt(ctx.calendar, t);
    if (!rng.chance(shiftEffects.contacts[phase] / shiftEffects.contacts.closure)) continue;
    const purchase = latestBefore(purchases, t);
    if (!purchase) continue;
    const theme = rng.weighted(questionThemes, questionWeights[phase]);
    const polarity = rng.weighted(['neutral', 'negative', 'positive'] as const, [0.75, 0.2, 0.05]);
    contacts.push(contact(ctx, person, t, purchase, [theme], polarity));
  }
  return contacts.sort((a, b) => a.at - b.at);
}

/** Hours until the ticket is closed: longer while the service is swamped. */
function resolutionHours(ctx: SimulationContext, person: Person, c: Contact): number {
  const swamped = shiftEffects.contacts[phaseAt(ctx.calendar, c.at)];
  return 0.2 + person.rng.exponential(1 / ((c.problem ? 30 : 6) * swamped * swamped));
}

function identifyCaller(stream: PersonStream, person: Person, via: Contact['via']) {
  const { rng } = person;
  const typed = (chance: number) => {
    if (!rng.chance(chance)) return '';
    if (rng.chance(person.typoRate)) return stream.reveal('email', misspellEmail(rng, person.email), 'typo');
    return stream.reveal('email', person.email);
  };
  if (via === 'chat') return { email: typed(0.9), phone: '' };
  const phone = rng.chance(0.85)
    ? stream.reveal('phone', formatPhone(person.mobile, rng.pick([0, 1, 2, 3])))
    : '';
  return { email: typed(0.4), phone };
}

function priority(c: Contact): string {
  if (c.problem) return c.waited || c.themes.includes('delivery') ? 'high' : 'normal';
  return c.polarity === 'negative' ? 'normal' : 'low';
}

/** Writes a contact as a row of the call-centre or chat export, and records what the customer said. */
export function writeTicketRow(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  c: Contact,
): Ticket {
  const { rng } = person;
  const source = c.via === 'chat' ? chatSource : callCentreSource;
  const ticketId =
    c.via === 'chat'
      ? `CHAT-${String(nextNumber(ctx, 'chats')).padStart(7, '0')}`
      : `SC-${String(nextNumber(ctx, 'tickets')).padStart(7, '0')}`;
  const agent = rng.pick(ctx.agents);
  const closing = c.at + Math.floor(resolutionHours(ctx, person, c) * HOUR);
  const closedAt = closing < ctx.end ? closing : null;
  const resolved = closedAt !== null && rng.chance(c.problem ? 0.75 : 0.95);
  const signature = `${person.firstName} ${person.lastName}`;
  const text = writeTicket(
    rng,
    person.language,
    c.polarity,
    c.themes,
    textSlots(c.purchase, agent),
    signature,
  );
  stream.wrote(ticketId, source, 'tickets', text, false);
  const { email, phone } = identifyCaller(stream, person, c.via);
  stream.row(source, 'tickets', c.at, {
    ticket_id: ticketId,
    created_at: parisIso(c.at),
    closed_at: closedAt === null ? '' : parisIso(closedAt),
    channel: c.via === 'chat' ? 'chat' : 'phone',
    email,
    phone,
    customer_id: rng.chance(0.6) || (!email && !phone) ? stream.reveal('user_id', person.userId) : '',
    subject: text.subject,
    description: text.text,
    status: closedAt === null ? 'open' : 'closed',
    priority: priority(c),
    agent,
  });
  return { contact: c, ticketId, source, agent, closedAt, resolved };
}
