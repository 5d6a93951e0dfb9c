/** Other names people use for the same network. */
const networkAliases: Record<string, string> = {
  x: 'twitter',
  'x.com': 'twitter',
  fb: 'facebook',
  ig: 'instagram',
};

// A handle is one word: display names such as a review's "Marie D." identify nobody.
const handleShape = /^[\p{L}\p{N}_.-]{1,64}$/u;

/**
 * A social account as `network:handle`, lower-cased, without the leading @; null when the network
 * is missing or the handle is not a handle.
 *
 * @example normaliseSocial('Twitter', '@JDupont_4821') // → 'twitter:jdupont_4821'
 */
export function normaliseSocial(network: string, handle: string): string | null {
  const net = network.trim().toLowerCase();
  const name = handle.trim().replace(/^@/, '').toLowerCase();
  if (net === '' || !/^[a-z0-9._-]+$/.test(net) || !handleShape.test(name)) return null;
  return `${networkAliases[net] ?? net}:${name}`;
}

/**
 * Reads `network:handle`, or a bare handle when the network is known from where it was found
 * (a `twitter` trait). Null when neither gives a network.
 */
export function parseSocial(raw: string, network?: string): string | null {
  const text = raw.trim();
  const colon = text.indexOf(':');
  if (colon > 0 && !text.startsWith('@')) return normaliseSocial(text.slice(0, colon), text.slice(colon + 1));
  return network === undefined ? null : normaliseSocial(network, text);
}
