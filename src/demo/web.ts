import { categoryWeights, productsProperty } from './basket.ts';
import { type Category, catalogue, categories, categoryTitles, type Product } from './catalogue.ts';
import { formatPhone } from './contact.ts';
import type { SimulationContext } from './context.ts';
import type { Device, DeviceKind, DeviceShelf } from './devices.ts';
import type { Person } from './person.ts';
import type { PlannedPurchase } from './purchases.ts';
import { phaseAt } from './shift.ts';
import type { PersonStream } from './stream.ts';
import { HOUR, utcIso } from './time.ts';
import type { ExternalId, JsonObject, SegmentContext, SegmentMessage } from './types.ts';

export const webSource = 'site-web';
export const appSource = 'app-mobile';
const site = 'https://www.maisonlumiere.fr';

/** A visit to plan: when, on which device, why, and where it came from. */
export interface SessionPlan {
  at: number;
  device: DeviceKind;
  intent: 'browse' | 'buy' | 'help';
  landingPath?: string;
  referrer?: string;
  campaign?: { source: string; medium: string; name: string };
  purchase?: PlannedPurchase;
}

interface Visit {
  stream: PersonStream;
  person: Person;
  device: Device;
  source: string;
  at: number;
  referrer: string;
  campaign: SessionPlan['campaign'];
}

function step(visit: Visit): number {
  visit.at += Math.floor(visit.person.rng.uniform(8, 90) * 1000);
  return visit.at;
}

function send(
  visit: Visit,
  message: Omit<SegmentMessage, 'messageId' | 'timestamp' | 'context'>,
  context: SegmentContext,
) {
  const { stream, device, person } = visit;
  const ids = device.loggedIn ? { userId: stream.reveal('user_id', person.userId) } : {};
  const anonymousId = stream.reveal(
    'anonymous_id',
    device.anonymousId,
    device.shared ? 'shared_device' : undefined,
  );
  stream.api(visit.source, visit.at, {
    messageId: stream.nextMessageId(),
    timestamp: utcIso(visit.at),
    ...ids,
    anonymousId,
    ...message,
    context: { ...device.base, ip: device.ip, ...context },
  });
}

/** A page view on the site, or a screen view in the app. */
function view(visit: Visit, path: string, name: string, title: string, search = ''): void {
  step(visit);
  if (visit.device.kind === 'app') {
    send(visit, { type: 'screen', name, properties: { name } }, {});
    return;
  }
  const url = `${site}${path}${search}`;
  const page = { url, path, referrer: visit.referrer, title, search };
  const campaign = visit.campaign ? { campaign: visit.campaign } : {};
  send(visit, { type: 'page', name, properties: { ...page } }, { page, ...campaign });
  visit.referrer = url;
  visit.campaign = undefined;
}

function track(visit: Visit, event: string, properties: JsonObject): void {
  step(visit);
  send(visit, { type: 'track', event, properties }, {});
}

/** Logs the person in on this device: the identify call that ties the anonymous id to the customer. */
function logIn(visit: Visit): void {
  const { person, device, stream } = visit;
  if (device.loggedIn) return;
  view(visit, '/compte/connexion', 'Connexion', 'Se connecter | Maison Lumière');
  device.loggedIn = true;
  const traits: JsonObject = {
    email: stream.reveal('email', person.email),
    first_name: person.firstName,
    last_name: person.lastName,
    phone: stream.reveal('phone', formatPhone(person.mobile, device.kind === 'app' ? 1 : person.phoneStyle)),
    city: person.city,
    postal_code: person.postalCode,
  };
  if (person.socialLinked && person.social) {
    traits[person.social.network] = stream.reveal(
      'social',
      `${person.social.network}:${person.social.handle}`,
    );
  }
  const externalIds: ExternalId[] = [];
  if (device.kind === 'app' && person.loyaltyCard) {
    externalIds.push({
      id: stream.reveal('loyalty_card', person.loyaltyCard),
      type: 'loyalty_card',
      collection: 'users',
      encoding: 'none',
    });
  }
  if (person.crmId && person.rng.chance(0.5)) {
    externalIds.push({
      id: stream.reveal('crm_id', person.crmId),
      type: 'crm_id',
      collection: 'users',
      encoding: 'none',
    });
  }
  step(visit);
  const context: SegmentContext = { traits: { email: person.email } };
  if (externalIds.length > 0) context.externalIds = externalIds;
  send(visit, { type: 'identify', traits }, context);
}

function productPath(product: Product): string {
  return `/p/${product.slug}-${product.sku.toLowerCase()}`;
}

function productProperties(product: Product): JsonObject {
  return {
    product_id: product.productId,
    sku: product.sku,
    name: product.name,
    category: product.category,
    price: product.price,
    currency: 'EUR',
  };
}

function viewProduct(visit: Visit, product: Product): void {
  view(visit, `/c/${product.category}`, 'Catégorie', `${categoryTitles[product.category]} | Maison Lumière`);
  view(visit, productPath(product), 'Produit', `${product.name} | Maison Lumière`);
  track(visit, 'Product Viewed', productProperties(product));
}

function browse(visit: Visit, ctx: SimulationContext): void {
  const { rng } = visit.person;
  const weights = categoryWeights(visit.person.categoryTaste, phaseAt(ctx.calendar, visit.at));
  const products = rng.int(1, 4);
  for (let i = 0; i < products; i++) {
    const category = categories[rng.categorical(weights)] as Category;
    const product = rng.pick(catalogue[category]);
    viewProduct(visit, product);
    if (rng.chance(0.12)) track(visit, 'Product Added', { ...productProperties(product), quantity: 1 });
  }
  if (rng.chance(0.1)) logIn(visit);
}

function shippingCost(purchase: PlannedPurchase): number {
  if (purchase.delivery === 'click_and_collect' || purchase.basket.amount >= 50) return 0;
  return purchase.delivery === 'relay_point' ? 2.9 : 4.9;
}

function buy(visit: Visit, purchase: PlannedPurchase): void {
  const { basket } = purchase;
  for (const line of basket.lines) {
    viewProduct(visit, line.product);
    track(visit, 'Product Added', { ...productProperties(line.product), quantity: line.quantity });
  }
  view(visit, '/panier', 'Panier', 'Mon panier | Maison Lumière');
  const products = productsProperty(basket);
  track(visit, 'Checkout Started', {
    order_id: purchase.orderId,
    value: basket.amount,
    revenue: basket.amount,
    currency: 'EUR',
    products,
  });
  logIn(visit);
  view(visit, '/commande/livraison', 'Livraison', 'Livraison | Maison Lumière');
  view(visit, '/commande/paiement', 'Paiement', 'Paiement | Maison Lumière');
  const shipping = shippingCost(purchase);
  const total = Math.round((basket.amount + shipping) * 100) / 100;
  track(visit, 'Order Completed', {
    order_id: purchase.orderId,
    affiliation: visit.source,
    total,
    revenue: basket.amount,
    shipping,
    tax: Math.round((total - total / 1.2) * 100) / 100,
    discount: basket.discount,
    currency: 'EUR',
    shipping_method: purchase.delivery ?? 'home_delivery',
    products,
  });
  view(visit, '/commande/confirmation', 'Confirmation', 'Merci pour votre commande | Maison Lumière');
}

function seekHelp(visit: Visit, purchase: PlannedPurchase | undefined): void {
  logIn(visit);
  if (purchase) {
    view(
      visit,
      '/suivi-commande',
      'Suivi de commande',
      'Suivi de commande | Maison Lumière',
      `?commande=${purchase.orderId}`,
    );
  }
  view(visit, '/aide/livraison', 'Aide', 'Aide – Livraison | Maison Lumière');
}

/** Plays the visits in time order on the person's devices, which remember who is logged in. */
export function playSessions(
  ctx: SimulationContext,
  stream: PersonStream,
  person: Person,
  shelf: DeviceShelf,
  plans: SessionPlan[],
): void {
  const { rng } = person;
  plans.sort((a, b) => a.at - b.at);
  for (const plan of plans) {
    const device = shelf.get(plan.device);
    if (device.kind !== 'app' && rng.chance(0.04)) shelf.reset(device);
    else if (
      device.loggedIn &&
      rng.chance(device.kind === 'app' ? 0.02 : device.kind === 'desktop' ? 0.15 : 0.3)
    ) {
      device.loggedIn = false;
    }
    const visit: Visit = {
      stream,
      person,
      device,
      source: device.kind === 'app' ? appSource : webSource,
      at: Math.min(Math.max(plan.at, ctx.start), ctx.end - HOUR),
      referrer: plan.referrer ?? '',
      campaign: plan.campaign,
    };
    const landing = plan.landingPath ?? '/';
    view(
      visit,
      landing,
      landing === '/' ? 'Accueil' : 'Atterrissage',
      'Maison Lumière – Mode, maison et beauté',
    );
    if (plan.intent === 'buy' && plan.purchase) buy(visit, plan.purchase);
    else if (plan.intent === 'help') seekHelp(visit, plan.purchase);
    else browse(visit, ctx);
  }
}
