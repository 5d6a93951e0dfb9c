/**
 * Realistic Segment messages for the load: a web shop's page views, product events and
 * sign-ups, 300–500 bytes each once serialised. The messageId is left as a marker that
 * `batches.ts` replaces per request, so every posted event is unique.
 */
export const messageIdMarker = '@@messageId@@';

const products = [
  { product_id: 'sku-1042', name: 'Pull en laine mérinos', category: 'Maille', price: 89.9 },
  { product_id: 'sku-2210', name: 'Baskets cuir blanc', category: 'Chaussures', price: 119 },
  { product_id: 'sku-0087', name: 'Chemise lin bleu ciel', category: 'Chemises', price: 59.5 },
  { product_id: 'sku-3301', name: 'Sac cabas toile', category: 'Accessoires', price: 35 },
];
const pages = ['/', '/femme/maille', '/homme/chaussures', '/panier', '/compte', '/magasins/lyon'];
const agents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148',
];

/** The `index`-th message of a batch whose ids start at `person`: page, track or identify. */
export function sampleMessage(person: number, index: number, sentAt: Date): Record<string, unknown> {
  const product = products[index % products.length] as (typeof products)[number];
  const path = pages[index % pages.length] as string;
  const timestamp = new Date(sentAt.getTime() - (index % 30) * 1000).toISOString();
  const context = {
    library: { name: 'analytics.js', version: '5.2.1' },
    ip: `192.0.2.${person % 250}`,
    locale: 'fr-FR',
    userAgent: agents[index % agents.length],
    page: { path, title: 'Maison Lumière' },
  };
  const who = {
    anonymousId: `anon-${person}-${index % 7}`,
    userId: index % 3 === 0 ? `cust-${person}` : null,
  };
  const common = { messageId: messageIdMarker, timestamp, ...who };
  switch (index % 5) {
    case 0:
      return {
        type: 'page',
        name: 'Catalogue',
        properties: { path, referrer: 'https://www.google.fr/' },
        context,
        ...common,
      };
    case 1:
      return {
        type: 'track',
        event: 'Product Viewed',
        properties: { ...product, currency: 'EUR' },
        context,
        ...common,
      };
    case 2:
      return {
        type: 'track',
        event: 'Product Added',
        properties: { ...product, quantity: 1, currency: 'EUR' },
        context,
        ...common,
      };
    case 3:
      return {
        type: 'identify',
        traits: {
          email: `client${person}@example.fr`,
          firstName: 'Camille',
          lastName: 'Martin',
          loyaltyCard: `LC${person}`,
        },
        context,
        ...common,
      };
    default:
      return {
        type: 'track',
        event: 'Order Completed',
        properties: {
          order_id: `ord-${person}-${index}`,
          total: product.price,
          currency: 'EUR',
          products: [product],
        },
        context,
        ...common,
      };
  }
}
