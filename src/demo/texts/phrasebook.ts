import type { Polarity, Theme } from '../types.ts';

export type ByPolarity = Record<Polarity, readonly string[]>;

/** A public outburst after something went wrong, with the themes it is about. */
export interface Outburst {
  text: string;
  themes: readonly Theme[];
}

/**
 * Everything needed to write customer texts in one language. Fragments are whole sentences with
 * slots: {product}, {order}, {days}, {minutes}, {store}, {agent}.
 */
export interface Phrasebook {
  fragments: Record<Theme, ByPolarity>;
  openers: ByPolarity;
  closers: ByPolarity;
  titles: ByPolarity;
  subjects: Record<Theme, readonly string[]>;
  greetings: readonly string[];
  requests: readonly string[];
  signoffs: readonly string[];
  outbursts: readonly Outburst[];
}

export const emoji: ByPolarity = {
  positive: ['😍', '👍', '🙂', '✨', '❤️', '👏'],
  neutral: ['🤔', '😐', '📦'],
  negative: ['😡', '👎', '🤬', '😤', '😞'],
};
