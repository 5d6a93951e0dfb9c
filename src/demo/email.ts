import type { Person } from './person.ts';
import type { ShiftCalendar } from './shift.ts';
import type { PersonStream } from './stream.ts';
import { atParisHour, DAY, HOUR, MINUTE, parisWeekday, utcIso } from './time.ts';
import type { JsonObject } from './types.ts';
import type { SessionPlan } from './web.ts';

export const emailSource = 'emailing';

/** One newsletter send: every subscriber gets it at about the same time. */
export interface Campaign {
  id: string;
  name: string;
  subject: string;
  at: number;
  landingPath: string;
}

const seasonal: [slug: string, subject: string, path: string][] = [
  ['soldes-hiver', 'Les soldes d’hiver commencent !', '/soldes'],
  ['saint-valentin', 'Des idées cadeaux pour la Saint-Valentin', '/idees-cadeaux'],
  ['printemps-maison', 'Le printemps s’installe à la maison', '/c/maison'],
  ['paques', 'Joyeuses Pâques : -15 % sur la déco', '/c/maison'],
  ['fete-des-meres', 'Fête des mères : nos coups de cœur', '/c/beaute'],
  ['soldes-ete', 'Les soldes d’été sont là', '/soldes'],
  ['vacances', 'Prêts pour les vacances ?', '/c/jardin'],
  ['rentree', 'C’est la rentrée !', '/c/vetements'],
  ['nouvelle-collection', 'Découvrez la nouvelle collection', '/c/vetements'],
  ['cocooning', 'Cocooning : l’automne à la maison', '/c/maison'],
  ['black-friday', 'Black Friday : jusqu’à -40 %', '/soldes'],
  ['noel', 'Vos cadeaux de Noël livrés à temps', '/idees-cadeaux'],
];

function campaignAt(start: number, slug: string, subject: string, landingPath: string): Campaign {
  const day = utcIso(start).slice(0, 10);
  return { id: `nl-${day}-${slug}`, name: slug, subject, at: start, landingPath };
}

/** The newsletters of the period: every other Tuesday at 10:00, plus two about the shops closing and reopening. */
export function campaignCalendar(start: number, end: number, calendar: ShiftCalendar): Campaign[] {
  const campaigns: Campaign[] = [];
  let day = start;
  while (parisWeekday(day + 12 * HOUR) !== 2) day += DAY;
  for (; day < end; day += 14 * DAY) {
    const [slug, subject, path] = seasonal[new Date(day).getUTCMonth()] ?? ['newsletter', 'Nouveautés', '/'];
    campaigns.push(campaignAt(atParisHour(day, 10), slug, subject, path));
  }
  const closing = atParisHour(calendar.shiftAt + DAY, 11);
  const reopening = atParisHour(calendar.reopenAt - DAY, 11);
  if (closing >= start && closing < end) {
    campaigns.push(
      campaignAt(
        closing,
        'magasins-fermes',
        'Nos magasins ferment, notre site reste ouvert',
        '/livraison-domicile',
      ),
    );
  }
  if (reopening >= start && reopening < end) {
    campaigns.push(campaignAt(reopening, 'reouverture', 'Vos magasins rouvrent leurs portes', '/magasins'));
  }
  return campaigns.sort((a, b) => a.at - b.at);
}

const connector = { name: 'emailing-connector', version: '2.3.0' };

function emailEvent(
  stream: PersonStream,
  person: Person,
  at: number,
  event: string,
  properties: JsonObject,
): void {
  stream.api(emailSource, at, {
    type: 'track',
    messageId: stream.nextMessageId(),
    timestamp: utcIso(at),
    userId: stream.reveal('user_id', person.userId),
    event,
    properties,
    context: {
      library: connector,
      locale: person.locale,
      consent: { categoryPreferences: { ...person.consent } },
      traits: { email: stream.reveal('email', person.email) },
    },
  });
}

/**
 * Sends each newsletter to a subscribed person from `subscribedAt`; opens and clicks depend on
 * whether they are still a customer, and clicks bring them to the website (returned as sessions).
 */
export function receiveNewsletters(
  stream: PersonStream,
  person: Person,
  campaigns: readonly Campaign[],
  subscribedAt: number,
  droppedOutAt: number | null,
): SessionPlan[] {
  const { rng } = person;
  const visits: SessionPlan[] = [];
  const interest = rng.beta(2, 4);
  for (const campaign of campaigns) {
    if (campaign.at < subscribedAt) continue;
    const sentAt = campaign.at + Math.floor(rng.uniform(0, 90) * MINUTE);
    if (!stream.inPeriod(sentAt)) break;
    const alive = droppedOutAt === null || sentAt < droppedOutAt;
    const base = { campaign_id: campaign.id, campaign_name: campaign.name, email_subject: campaign.subject };
    const emailId = `${campaign.id}/${person.userId}`;
    emailEvent(stream, person, sentAt, 'Email Sent', { ...base, email_id: emailId });
    if (!rng.chance(alive ? interest : interest * 0.2)) continue;
    const openedAt = sentAt + Math.floor(rng.exponential(1 / 6) * HOUR) + MINUTE;
    if (!stream.inPeriod(openedAt)) continue;
    emailEvent(stream, person, openedAt, 'Email Opened', { ...base, email_id: emailId });
    if (rng.chance(alive ? 0.02 : 0.08)) {
      emailEvent(stream, person, openedAt + MINUTE, 'Unsubscribed', { ...base, email_id: emailId });
      break;
    }
    if (!rng.chance(alive ? 0.2 : 0.05)) continue;
    const clickedAt = openedAt + Math.floor(rng.uniform(5, 180) * 1000);
    const linkUrl = `https://www.maisonlumiere.fr${campaign.landingPath}`;
    emailEvent(stream, person, clickedAt, 'Email Link Clicked', {
      ...base,
      email_id: emailId,
      link_url: linkUrl,
    });
    visits.push({
      at: clickedAt + 4000,
      device: rng.chance(0.6) ? 'mobile_web' : 'desktop',
      intent: 'browse',
      landingPath: campaign.landingPath,
      campaign: { source: 'newsletter', medium: 'email', name: campaign.id },
    });
  }
  return visits;
}
