/**
 * One line per finding, in French and in English, for a to-do list a team can read aloud.
 * @module
 */
import type { Comparison } from './finding.ts';

type Language = 'fr' | 'en';

const channelNames: Record<string, { fr: string; en: string }> = {
  web: { fr: 'sur le web', en: 'on the web' },
  app: { fr: "dans l'appli", en: 'in the app' },
  store: { fr: 'en magasin', en: 'in shops' },
  call_centre: { fr: 'au centre d’appels', en: 'by phone' },
  chat: { fr: 'par chat', en: 'by chat' },
  email: { fr: 'par e-mail', en: 'by e-mail' },
  social: { fr: 'sur les réseaux sociaux', en: 'on social media' },
  survey: { fr: 'par enquête', en: 'in surveys' },
};

const where = (channel: string, lang: Language) => channelNames[channel]?.[lang] ?? `(${channel})`;

function label(c: Comparison, lang: Language): string {
  const s = c.subject;
  const fr = lang === 'fr';
  switch (c.metric) {
    case 'orders':
      return fr ? 'Commandes' : 'Orders';
    case 'revenue':
      return fr ? "Chiffre d'affaires" : 'Revenue';
    case 'orders_by_channel':
      return fr ? `Commandes ${where(s, lang)}` : `Orders ${where(s, lang)}`;
    case 'active_customers':
      return fr ? `Clients actifs ${where(s, lang)}` : `Active customers ${where(s, lang)}`;
    case 'contacts':
      return fr ? `Demandes d'aide ${where(s, lang)}` : `Requests for help ${where(s, lang)}`;
    case 'stage_customers':
      return fr ? `Clients à l'étape ${s}` : `Customers at the ${s} stage`;
    default:
      return c.metric;
  }
}

/** Formats numbers, shares and dates the way each language writes them. */
function formats(lang: Language) {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const two = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
  const euros = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  });
  const date = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return {
    number: (x: number) => number.format(x),
    two: (x: number) => two.format(x),
    percent: (x: number) => percent.format(x),
    signed: (x: number) => signed.format(x),
    euros: (x: number) => euros.format(x),
    date: (ms: number) => date.format(new Date(ms)),
  };
}

function sentence(c: Comparison, lang: Language, since: number, valueAtStake: number): string {
  const f = formats(lang);
  const fr = lang === 'fr';
  const arrow = (a: string, b: string) => `${a} → ${b}`;
  const tail = fr
    ? ` depuis le ${f.date(since)} ; valeur en jeu ${f.euros(valueAtStake)}`
    : ` since ${f.date(since)}; value at stake ${f.euros(valueAtStake)}`;
  switch (c.kind) {
    case 'level': {
      const unit = fr ? 'par jour' : 'a day';
      const base = fr ? 'rapporté à la clientèle' : 'per customer of the base';
      const levels = arrow(f.number(c.before), f.number(c.after));
      // The daily level can move against the change per customer when the base grows or shrinks faster.
      const customerBase = c.details.customerBase as { before: number; after: number } | undefined;
      const against = customerBase && Math.sign(c.after - c.before) * Math.sign(c.effectSize) < 0;
      const baseMoved = against
        ? fr
          ? `, clientèle ${arrow(f.number(customerBase.before), f.number(customerBase.after))}`
          : `, customer base ${arrow(f.number(customerBase.before), f.number(customerBase.after))}`
        : '';
      return `${label(c, lang)}${fr ? ' : ' : ': '}${f.signed(c.effectSize)} ${base} (${levels} ${unit}${baseMoved})${tail}`;
    }
    case 'channel_mix': {
      const moves = (c.details.channels as { channel: string; before: number; after: number }[])
        .slice(0, 3)
        .map((m) => `${m.channel} ${arrow(f.percent(m.before), f.percent(m.after))}`)
        .join(', ');
      return fr
        ? `Canal de commande des clients : ${moves} (V de Cramér ${f.two(c.effectSize)})${tail}`
        : `Where customers order: ${moves} (Cramér's V ${f.two(c.effectSize)})${tail}`;
    }
    case 'transitions': {
      const step = (c.details.states as { nextSteps: { to: string }[] }[])[0]?.nextSteps[0]?.to ?? '';
      const move = `${step} ${arrow(f.percent(c.before), f.percent(c.after))}`;
      return fr
        ? `Les parcours changent surtout après ${c.subject} : ${move} (distance ${f.two(c.effectSize)})${tail}`
        : `Journeys changed most after ${c.subject}: ${move} (distance ${f.two(c.effectSize)})${tail}`;
    }
    case 'conversion':
    case 'contact_rate': {
      const what =
        c.kind === 'conversion'
          ? fr
            ? 'Conversion des clients qui naviguent'
            : 'Conversion of browsing customers'
          : fr
            ? "Clients qui demandent de l'aide"
            : 'Customers asking for help';
      return `${what}${fr ? ' : ' : ': '}${arrow(f.percent(c.before), f.percent(c.after))}${tail}`;
    }
    case 'basket':
    case 'time_to_convert': {
      const [what, show] =
        c.kind === 'basket'
          ? [fr ? 'Panier médian' : 'Median basket', f.euros]
          : [fr ? 'Délai médian de conversion' : 'Median time to convert', (x: number) => `${f.number(x)} h`];
      const effect = fr ? `D de KS ${f.two(c.effectSize)}` : `KS D ${f.two(c.effectSize)}`;
      return `${what}${fr ? ' : ' : ': '}${arrow(show(c.before), show(c.after))} (${effect})${tail}`;
    }
  }
}

/**
 * The finding's one-line summary in French and English.
 *
 * @example
 * summarise(comparison, Date.UTC(2026, 2, 17), 12300).en
 * // 'Orders in shops: −62% (4.1 → 1.6 a day) since 17 March 2026; value at stake €12,300'
 */
export function summarise(c: Comparison, since: number, valueAtStake: number): { fr: string; en: string } {
  return { fr: sentence(c, 'fr', since, valueAtStake), en: sentence(c, 'en', since, valueAtStake) };
}
