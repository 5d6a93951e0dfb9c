import { nextNumber, type SimulationContext } from './context.ts';
import { polarityOfScore, purchaseExperience, satisfaction, scoreOn, textSlots } from './feelings.ts';
import { uuidFrom } from './ids.ts';
import type { Person } from './person.ts';
import { momentAfter, type PlannedPurchase } from './purchases.ts';
import type { PersonStream } from './stream.ts';
import { writeReview } from './texts/compose.ts';
import { parisIso } from './time.ts';

export const reviewSource = 'avis-clients';

type Platform = 'Trustpilot' | 'Avis Vérifiés' | 'Site' | 'Google';
const onlinePlatforms: readonly Platform[] = ['Trustpilot', 'Avis Vérifiés', 'Site'];
const onlinePlatformWeights = [0.4, 0.35, 0.25];

function reviewUrl(platform: Platform, reviewId: string, purchase: PlannedPurchase, key: string): string {
  if (platform === 'Trustpilot')
    return `https://fr.trustpilot.com/reviews/${key.replace(/-/g, '').slice(0, 24)}`;
  if (platform === 'Avis Vérifiés')
    return `https://www.avis-verifies.com/avis-clients/maisonlumiere.fr#${reviewId}`;
  if (platform === 'Google')
    return `https://g.page/maison-lumiere-${purchase.shop.code.toLowerCase()}/review?id=${key}`;
  const product = purchase.basket.lines[0]?.product;
  return `https://www.maisonlumiere.fr/p/${product?.slug ?? 'produit'}#avis-${reviewId}`;
}

/**
 * A public review that some customers post after a purchase, far more often when it went wrong:
 * of the order online, of the shop on Google.
 */
export function maybeReview(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  purchase: PlannedPurchase,
  mood: number,
): void {
  const { rng } = person;
  const online = purchase.channel !== 'store';
  if (!rng.chance(purchase.problem ? 0.12 : online ? 0.04 : 0.015)) return;
  const at = momentAfter(person, purchase.at, online ? rng.uniform(3, 15) : rng.uniform(0, 3));
  if (at >= ctx.end) return;
  const platform = online ? rng.weighted(onlinePlatforms, onlinePlatformWeights) : 'Google';
  const { themes, mean } = purchaseExperience(ctx, rng, purchase, at);
  const rating = scoreOn('1-5', satisfaction(rng, mean + mood));
  const polarity = polarityOfScore('1-5', rating);
  const reviewId = `AV-${String(nextNumber(ctx, 'reviews')).padStart(8, '0')}`;
  const text = writeReview(rng, person.language, polarity, themes, textSlots(purchase, rng.pick(ctx.agents)));
  stream.wrote(reviewId, reviewSource, 'reviews', text, true);
  const verified = platform === 'Avis Vérifiés' || platform === 'Site';
  const product = purchase.basket.lines[0]?.product.name ?? '';
  stream.row(reviewSource, 'reviews', at, {
    review_id: reviewId,
    platform,
    rating: String(rating),
    title: text.title,
    text: text.text,
    author: `${person.firstName} ${person.lastName.charAt(0)}.`,
    email: verified ? stream.reveal('email', person.email) : '',
    url: reviewUrl(platform, reviewId, purchase, uuidFrom(ctx.options.seed, person.index, at)),
    product: platform === 'Google' ? `Maison Lumière ${purchase.shop.name}` : product,
    posted_at: parisIso(at),
    language: person.language,
  });
}
