import { capitalisedEmail, formatPhone, misspellEmail } from './contact.ts';
import type { SimulationContext } from './context.ts';
import type { Person } from './person.ts';
import type { PersonStream } from './stream.ts';
import { DAY, HOUR, parisIso } from './time.ts';
import type { TrueSegment } from './types.ts';

export const crmSource = 'crm';

/** HubSpot lifecycle stages, as its contact export writes them. */
function lifecycleStage(segment: TrueSegment): string {
  if (segment === 'loyal') return 'evangelist';
  if (segment === 'lapsed') return 'other';
  return 'customer';
}

function crmEmail(stream: PersonStream, person: Person): string {
  const { rng } = person;
  if (rng.chance(Math.min(0.5, person.typoRate * 1.5))) {
    return stream.reveal('email', misspellEmail(rng, person.email), 'typo');
  }
  return stream.reveal('email', rng.chance(0.15) ? capitalisedEmail(person.email) : person.email);
}

/**
 * The person's contact in the CRM export (HubSpot format), keyed by the CRM id: typed in by hand,
 * so phones come in every format and some e-mails are mistyped.
 */
export function writeCrmContact(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  segment: TrueSegment,
): void {
  const { rng, crmId } = person;
  if (!crmId) return;
  const createdAt = Math.min(person.acquiredAt + Math.floor(rng.uniform(0.01, 20) * DAY), ctx.end - HOUR);
  const upper = rng.chance(0.1);
  stream.row(crmSource, 'contacts', createdAt, {
    'Record ID': stream.reveal('crm_id', crmId),
    'First Name': person.firstName,
    'Last Name': upper ? person.lastName.toUpperCase() : person.lastName,
    Email: crmEmail(stream, person),
    'Phone Number': rng.chance(0.8) ? stream.reveal('phone', formatPhone(person.mobile, rng.int(0, 5))) : '',
    City: person.city,
    'Postal Code': person.postalCode,
    'Country/Region': person.country,
    'Date of birth': person.birthDate ?? '',
    'Lifecycle Stage': lifecycleStage(segment),
    'Create Date': parisIso(createdAt),
  });
}
