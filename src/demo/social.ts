import { nextNumber, type SimulationContext } from './context.ts';
import { remarkThemes, textSlots } from './feelings.ts';
import type { Person } from './person.ts';
import { momentAfter, type PlannedPurchase } from './purchases.ts';
import type { PersonStream } from './stream.ts';
import { type WrittenText, writeMention, writeOutburst } from './texts/compose.ts';
import { DAY, MINUTE, parisIso } from './time.ts';
import type { SessionPlan } from './web.ts';

export const socialSource = 'reseaux-sociaux';

function postUrl(network: string, handle: string, mentionId: string): string {
  const id = mentionId.replace(/\D/g, '');
  if (network === 'twitter') return `https://x.com/${handle.slice(1)}/status/${id}`;
  if (network === 'instagram') return `https://www.instagram.com/p/ML${id}/`;
  return `https://www.facebook.com/maisonlumiere/posts/${id}`;
}

function post(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  at: number,
  text: WrittenText,
): void {
  const social = person.social;
  if (!social) return;
  const mentionId = `MEN-${String(nextNumber(ctx, 'mentions')).padStart(8, '0')}`;
  stream.wrote(mentionId, socialSource, 'mentions', text, true);
  stream.reveal('social', `${social.network}:${social.handle}`);
  stream.row(socialSource, 'mentions', at, {
    mention_id: mentionId,
    network: social.network,
    handle: social.handle,
    author_name: person.rng.chance(0.6) ? `${person.firstName} ${person.lastName}` : person.firstName,
    text: text.text,
    url: postUrl(social.network, social.handle, mentionId),
    posted_at: parisIso(at),
    language: person.language,
  });
}

/**
 * The angry post: a customer whose parcel went wrong vents in public, then goes to the website
 * to chase the order (the visit is returned to be played with the others).
 */
export function angryPost(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  purchase: PlannedPurchase,
): SessionPlan | null {
  const { rng, social } = person;
  if (!social || purchase.problem !== 'delivery') return null;
  if (!rng.chance(social.network === 'twitter' ? 0.5 : 0.25)) return null;
  const at = momentAfter(person, purchase.at, rng.uniform(3, 10));
  const visitAt = at + Math.floor(rng.uniform(5, 60) * MINUTE);
  if (visitAt >= ctx.end - DAY) return null;
  post(ctx, stream, person, at, writeOutburst(rng, person.language, textSlots(purchase, ''), social.network));
  return { at: visitAt, device: purchase.device ?? 'mobile_web', intent: 'help', purchase, referrer: '' };
}

/** Now and then a happy customer shows off a purchase. */
export function happyPost(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  purchase: PlannedPurchase,
): void {
  const { rng, social } = person;
  if (!social || purchase.problem || !rng.chance(0.03)) return;
  const at = momentAfter(person, purchase.at, rng.uniform(0.5, 6));
  if (at >= ctx.end) return;
  const themes = remarkThemes(rng, purchase.channel !== 'store').filter((theme) => theme !== 'waiting_time');
  const polarity = rng.chance(0.8) ? 'positive' : 'neutral';
  const text = writeMention(
    rng,
    person.language,
    polarity,
    themes.length > 0 ? themes : ['product_quality'],
    textSlots(purchase, rng.pick(ctx.agents)),
    social.network,
  );
  post(ctx, stream, person, at, text);
}
