import type { Random } from '../random.ts';
import type { Language, Polarity, Theme } from '../types.ts';
import { english } from './english.ts';
import { french } from './french.ts';
import { emoji, type Phrasebook } from './phrasebook.ts';

/** Values that fill the slots of the fragments. */
export interface TextSlots {
  product: string;
  order: string;
  store: string;
  agent: string;
}

/** A text and what it truly says. */
export interface WrittenText {
  text: string;
  language: Language;
  polarity: Polarity;
  themes: Theme[];
}

const books: Record<Language, Phrasebook> = { fr: french, en: english };

export const brandHandle = '@MaisonLumiere';

function fill(rng: Random, template: string, slots: TextSlots): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (key === 'days') return String(rng.int(3, 21));
    if (key === 'minutes') return String(rng.int(20, 90));
    if (key === 'product') return slots.product;
    if (key === 'order') return slots.order;
    if (key === 'store') return slots.store;
    return slots.agent;
  });
}

function body(rng: Random, book: Phrasebook, polarity: Polarity, themes: readonly Theme[], slots: TextSlots) {
  return themes.map((theme) => fill(rng, rng.pick(book.fragments[theme][polarity]), slots));
}

/** A free-text comment (survey answer): an optional opener, one sentence per theme, maybe a closer. */
export function writeComment(
  rng: Random,
  language: Language,
  polarity: Polarity,
  themes: Theme[],
  slots: TextSlots,
): WrittenText {
  const book = books[language];
  const parts = body(rng, book, polarity, themes, slots);
  if (rng.chance(0.4)) parts.unshift(rng.pick(book.openers[polarity]));
  if (rng.chance(0.35)) parts.push(rng.pick(book.closers[polarity]));
  if (rng.chance(0.15)) parts.push(rng.pick(emoji[polarity]));
  return { text: parts.join(' '), language, polarity, themes };
}

/** A public review: a short title and a comment. */
export function writeReview(
  rng: Random,
  language: Language,
  polarity: Polarity,
  themes: Theme[],
  slots: TextSlots,
): WrittenText & { title: string } {
  const title = rng.pick(books[language].titles[polarity]);
  return { title, ...writeComment(rng, language, polarity, themes, slots) };
}

/** A service ticket: a subject and a description written as a message to the service. */
export function writeTicket(
  rng: Random,
  language: Language,
  polarity: Polarity,
  themes: Theme[],
  slots: TextSlots,
  signature: string,
): WrittenText & { subject: string } {
  const book = books[language];
  const subject = rng.pick(book.subjects[themes[0] ?? 'delivery']);
  const parts = [
    rng.pick(book.greetings),
    ...body(rng, book, polarity, themes, slots),
    rng.pick(book.requests),
  ];
  if (rng.chance(0.7)) parts.push(`${rng.pick(book.signoffs)} ${signature}`);
  return { subject, text: parts.join(' '), language, polarity, themes };
}

/** A social-media post about the brand; tweets address the brand's handle. */
export function writeMention(
  rng: Random,
  language: Language,
  polarity: Polarity,
  themes: Theme[],
  slots: TextSlots,
  network: string,
): WrittenText {
  const parts = body(rng, books[language], polarity, themes, slots);
  if (rng.chance(0.4)) parts.push(rng.pick(emoji[polarity]));
  return { text: addressBrand(parts.join(' '), network), language, polarity, themes };
}

/** An angry public post after something went wrong, like the tweet in the brief. */
export function writeOutburst(
  rng: Random,
  language: Language,
  slots: TextSlots,
  network: string,
): WrittenText {
  const outburst = rng.pick(books[language].outbursts);
  const text = addressBrand(fill(rng, outburst.text, slots), network);
  return { text, language, polarity: 'negative', themes: [...outburst.themes] };
}

function addressBrand(text: string, network: string): string {
  return network === 'twitter' ? `${brandHandle} ${text}` : `${text} #maisonlumiere`;
}
