import { asciiLower } from './names.ts';
import type { Random } from './random.ts';

const emailDomains = [
  'gmail.com',
  'orange.fr',
  'hotmail.fr',
  'yahoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'outlook.fr',
  'icloud.com',
  'wanadoo.fr',
];
const emailDomainWeights = [34, 15, 10, 8, 7, 6, 5, 6, 6, 3];

/** The misspellings people and cashiers really make in e-mail domains. */
const domainTypos: Record<string, string[]> = {
  'gmail.com': ['gmial.com', 'gmail.con', 'gmal.com', 'gmail.co'],
  'orange.fr': ['ornage.fr', 'orange.ft', 'orang.fr'],
  'hotmail.fr': ['hotmial.fr', 'hotmail.ft', 'hotmai.fr'],
  'yahoo.fr': ['yaho.fr', 'yahooo.fr'],
  'free.fr': ['fre.fr', 'free.ft'],
  'laposte.net': ['laposte.ne', 'lapost.net'],
  'sfr.fr': ['sf.fr', 'sfr.ft'],
  'outlook.fr': ['outlok.fr', 'outllok.fr'],
  'icloud.com': ['iclould.com', 'icloud.con'],
  'wanadoo.fr': ['wanado.fr', 'wanadoo.ft'],
};

/** A person's e-mail address; `token` (unique per person) keeps addresses distinct across customers. */
export function makeEmail(rng: Random, firstName: string, lastName: string, token: string): string {
  const first = asciiLower(firstName);
  const last = asciiLower(lastName);
  const domain = rng.weighted(emailDomains, emailDomainWeights);
  const style = rng.int(0, 4);
  const local =
    style === 0
      ? `${first}.${last}${token}`
      : style === 1
        ? `${first.charAt(0)}${last}${token}`
        : style === 2
          ? `${first}_${last}.${token}`
          : style === 3
            ? `${last}.${first}${token}`
            : `${first}${last.charAt(0)}${token}`;
  return `${local}@${domain}`;
}

/** The same address with one realistic slip: a misspelt domain or two letters of the name swapped. */
export function misspellEmail(rng: Random, email: string): string {
  const at = email.indexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const typos = domainTypos[domain];
  if (typos && rng.chance(0.65)) return `${local}@${rng.pick(typos)}`;
  const letters = local.match(/^[a-z]+/)?.[0] ?? '';
  if (letters.length < 3) return `${local}@${typos ? rng.pick(typos) : `${domain}m`}`;
  const i = rng.int(0, letters.length - 2);
  const a = letters.charAt(i);
  const b = letters.charAt(i + 1);
  const slipped =
    a === b ? letters.slice(0, i) + letters.slice(i + 1) : letters.slice(0, i) + b + a + letters.slice(i + 2);
  return `${slipped}${local.slice(letters.length)}@${domain}`;
}

/** An e-mail address typed with capitals, as CRM users and some customers do. */
export function capitalisedEmail(email: string): string {
  return email.replace(/(^|[._])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** A French mobile number as ten national digits ('06…' or '07…'). */
export function makeMobile(rng: Random, token8: string): string {
  return `0${rng.chance(0.7) ? 6 : 7}${token8}`;
}

/** The national number written the way a given system or person writes it. */
export function formatPhone(national: string, style: number): string {
  const rest = national.slice(1);
  const pairs = national.match(/../g) ?? [];
  switch (style % 6) {
    case 0:
      return pairs.join(' ');
    case 1:
      return `+33${rest}`;
    case 2:
      return national;
    case 3:
      return `+33 ${rest.charAt(0)} ${(rest.slice(1).match(/../g) ?? []).join(' ')}`;
    case 4:
      return pairs.join('.');
    default:
      return `0033${rest}`;
  }
}

export type SocialNetwork = 'twitter' | 'instagram' | 'facebook';

/** A social-media handle built from the name, e.g. '@jdupont_4821'. */
export function makeHandle(rng: Random, firstName: string, lastName: string, token: string): string {
  const first = asciiLower(firstName);
  const last = asciiLower(lastName);
  const style = rng.int(0, 2);
  if (style === 0) return `@${first.charAt(0)}${last}_${token}`;
  if (style === 1) return `@${first}${last.slice(0, 3)}${token}`;
  return `@${first}.${token}`;
}
