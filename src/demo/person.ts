import { drawBehaviour, type PurchaseBehaviour } from './behaviour.ts';
import { homeShopIndex, type Shop, shops } from './catalogue.ts';
import { makeEmail, makeHandle, makeMobile, type SocialNetwork } from './contact.ts';
import type { SimulationContext } from './context.ts';
import { uniqueToken, uuidFrom } from './ids.ts';
import {
  cities,
  cityWeights,
  englishFirstNames,
  englishLastNames,
  frenchFirstNames,
  frenchLastNames,
} from './names.ts';
import { labelHash, mix32, Random } from './random.ts';
import type { Language } from './types.ts';

/** Pre-shift appeal of each category across the population (same order as `categories`). */
const categoryAppeal = [0.3, 0.25, 0.15, 0.1, 0.08, 0.12];
const householdShare = 0.03;

export interface Household {
  id: string;
  /** The anonymous id of the family computer both members browse on. */
  sharedDeviceId: string;
}

/** Everything about one simulated customer that does not change over time. */
export interface Person {
  index: number;
  personId: string;
  userId: string;
  rng: Random;
  language: Language;
  locale: 'fr-FR' | 'en-GB';
  firstName: string;
  lastName: string;
  city: string;
  postalCode: string;
  country: string;
  birthDate: string | null;
  email: string;
  mobile: string;
  phoneStyle: number;
  loyaltyCard: string | null;
  crmId: string | null;
  social: { network: SocialNetwork; handle: string } | null;
  /** Whether they linked their social account in their online profile. */
  socialLinked: boolean;
  consent: { analytics: boolean; marketing: boolean };
  mix: { store: number; web: number; app: number };
  desktopShare: number;
  categoryTaste: number[];
  homeShop: Shop;
  behaviour: PurchaseBehaviour;
  acquiredAt: number;
  household: Household | null;
  /** How often this person's e-mail gets mistyped by others (cashiers, agents). */
  typoRate: number;
}

/** The household a person belongs to, if their pair (2k, 2k+1) was drawn as one. */
function householdOf(ctx: SimulationContext, index: number): Household | null {
  const pair = Math.floor(index / 2);
  if (2 * pair + 1 >= ctx.options.customers) return null;
  if (mix32(ctx.options.seed, pair, labelHash('household')) / 2 ** 32 >= householdShare) return null;
  return {
    id: `household_${pair + 1}`,
    sharedDeviceId: uuidFrom(ctx.options.seed, pair, labelHash('shared-device')),
  };
}

function drawMix(rng: Random): { store: number; web: number; app: number } {
  const store = rng.gamma(1.2);
  const web = rng.gamma(0.8);
  const app = rng.gamma(0.4);
  const total = store + web + app || 1;
  return { store: store / total, web: web / total, app: app / total };
}

function drawBirthDate(rng: Random, acquiredAt: number): string | null {
  if (rng.chance(0.3)) return null;
  const year = new Date(acquiredAt).getUTCFullYear() - rng.int(18, 79);
  return `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

/** Draws a whole customer: who they are, how to reach them, and their latent behaviour. */
export function drawPerson(ctx: SimulationContext, index: number): Person {
  const { seed } = ctx.options;
  const rng = new Random(seed, index, labelHash('person'));
  const household = householdOf(ctx, index);
  const family = household ? new Random(seed, Math.floor(index / 2), labelHash('family')) : rng;
  const language: Language = rng.chance(0.07) ? 'en' : 'fr';
  const female = rng.chance(0.55);
  const firstNames = language === 'en' ? englishFirstNames : frenchFirstNames;
  const firstName = rng.pick(female ? firstNames.female : firstNames.male);
  const lastName = family.pick(language === 'en' && !household ? englishLastNames : frenchLastNames);
  const city = cities[family.categorical(cityWeights)] ?? cities[0];
  const postalCode = family.pick(city?.postalCodes ?? ['75011']);
  const acquiredAt = ctx.start + Math.floor(rng.next() * (ctx.end - ctx.start - 3_600_000));
  const digits = ctx.tokenDigits;
  const social = rng.chance(0.25)
    ? {
        network: rng.weighted(['twitter', 'instagram', 'facebook'] as const, [0.6, 0.25, 0.15]),
        handle: makeHandle(rng, firstName, lastName, uniqueToken(index, digits, seed + 17)),
      }
    : null;
  return {
    index,
    personId: `person_${index + 1}`,
    userId: `cust_${index + 1}`,
    rng,
    language,
    locale: language === 'en' ? 'en-GB' : 'fr-FR',
    firstName,
    lastName,
    city: city?.name ?? 'Paris',
    postalCode,
    country: city?.country ?? 'France',
    birthDate: drawBirthDate(rng, acquiredAt),
    email: makeEmail(rng, firstName, lastName, uniqueToken(index, digits, seed)),
    mobile: makeMobile(rng, uniqueToken(index, 8, seed * 31 + 7)),
    phoneStyle: rng.int(0, 5),
    loyaltyCard: rng.chance(0.85) ? `2900${uniqueToken(index, 9, seed * 13 + 3)}` : null,
    crmId: rng.chance(0.55) ? String(10_000_000_000 + Number(uniqueToken(index, 9, seed * 7 + 11))) : null,
    social,
    socialLinked: social !== null && rng.chance(0.5),
    consent: { analytics: rng.chance(0.92), marketing: rng.chance(0.62) },
    mix: drawMix(rng),
    desktopShare: rng.uniform(0.2, 0.8),
    categoryTaste: categoryAppeal.map((appeal) => appeal * rng.gamma(1.5)),
    homeShop: shops[homeShopIndex(city?.name ?? 'Paris', rng.int(0, 11))] ?? (shops[0] as Shop),
    behaviour: drawBehaviour(rng),
    acquiredAt,
    household,
    typoRate: rng.chance(0.2) ? 0.25 : 0.03,
  };
}
