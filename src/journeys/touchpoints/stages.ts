/**
 * The journey stages a touchpoint can belong to. A mapping may name other stages (any snake-case
 * word); these are the ones the default mapping uses.
 * @module
 */

/** The default stages, in the order a customer usually meets them. */
export const journeyStages = {
  /** Finds the brand or its offer: landing and home pages, categories, searches, sign-ups. */
  discover: 'finds the brand or its offer',
  /** Weighs a product: product pages and views, the cart being filled, wish lists. */
  consider: 'weighs a product before buying',
  /** Buys: cart, checkout steps, payment, the completed order (online, in a shop or by phone). */
  buy: 'buys',
  /** Gets what was bought: shipping, delivery, order tracking, returns and refunds. */
  receive: 'gets what was bought',
  /** Uses the product or the service: app installs and updates, content played, features used. */
  use: 'uses the product or the service',
  /** Asks for help: tickets, calls, chats, help and contact pages. */
  get_help: 'asks for help',
  /** Says what they think: surveys, reviews, social mentions, unsubscribing. */
  give_feedback: 'says what they think',
  /** Comes back to the brand: signs in, opens the app, opens or clicks an e-mail. */
  come_back: 'comes back to the brand',
} as const;

/** A stage of the default vocabulary. */
export type JourneyStage = keyof typeof journeyStages;
