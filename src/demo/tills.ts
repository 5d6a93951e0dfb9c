import { articleCount, tillProducts } from './basket.ts';
import { formatPhone, misspellEmail } from './contact.ts';
import type { Person } from './person.ts';
import type { PlannedPurchase } from './purchases.ts';
import type { PersonStream } from './stream.ts';
import { parisTill } from './time.ts';

export const tillSource = 'caisses-magasins';

/** What the till knew about the buyer: the card if shown, an e-mail for the e-receipt, rarely a phone. */
export interface TillIdentity {
  card: string;
  email: string;
}

/**
 * Writes a shop purchase as a line of the till export. The cashier types the e-receipt address,
 * sometimes wrongly.
 */
export function writeTillOrder(
  stream: PersonStream,
  person: Person,
  purchase: PlannedPurchase,
): TillIdentity {
  const { rng } = person;
  const card = person.loyaltyCard && rng.chance(0.9) ? stream.reveal('loyalty_card', person.loyaltyCard) : '';
  let email = '';
  // Without a card the cashier asks for an address for the e-receipt, so no line is anonymous.
  if (card === '' || rng.chance(0.25)) {
    email = rng.chance(person.typoRate)
      ? stream.reveal('email', misspellEmail(rng, person.email), 'typo')
      : stream.reveal('email', person.email);
  }
  const phone = rng.chance(0.08)
    ? stream.reveal('phone', formatPhone(person.mobile, rng.pick([2, 2, 0, 1])))
    : '';
  const { basket } = purchase;
  stream.row(tillSource, 'orders', purchase.at, {
    numero_commande: purchase.orderId,
    date_commande: parisTill(purchase.at),
    carte_fidelite: card,
    email,
    telephone: phone,
    montant_ttc: basket.amount.toFixed(2).replace('.', ','),
    devise: 'EUR',
    magasin: purchase.shop.name,
    nb_articles: String(articleCount(basket)),
    produits: tillProducts(basket),
  });
  return { card, email };
}
