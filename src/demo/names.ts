/** Splits a whitespace-separated list of single-word names. */
function words(list: string): readonly string[] {
  return list.trim().split(/\s+/);
}

/** First names common in France, women then men. */
export const frenchFirstNames = {
  female: words(`
  Marie Camille Léa Manon Chloé Emma Inès Sarah Julie Laura Anaïs Pauline Sophie Nathalie Isabelle
  Sandrine Céline Aurélie Émilie Claire Hélène Valérie Christine Catherine Françoise Monique Nadia
  Fatima Yasmine Océane Lucie Margaux Zoé Louise Jade Alice Mathilde Élodie Agnès Brigitte
`),
  male: words(`
  Jean Pierre Michel Philippe Nicolas Thomas Julien Maxime Antoine Alexandre Lucas Hugo Louis
  Gabriel Arthur Théo Mathieu Sébastien Christophe Laurent Stéphane Olivier François Patrick Éric
  David Karim Mehdi Yanis Romain Guillaume Vincent Benoît Jérôme Frédéric Cédric Adrien Quentin
  Baptiste Rémi
`),
};

export const frenchLastNames = words(`
  Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre
  Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont
  Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry
  Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin
  Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël Meyer
  Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt
  Leroux Colin Fernandez Benali Haddad Diallo Traoré Caron Renard Arnaud Giraud Aubert
`);

/** Names of English-speaking customers (expatriates and visitors). */
export const englishFirstNames = {
  female: words(`
  Emily Olivia Charlotte Sophie Hannah Lucy Grace Amelia Jessica Sarah
`),
  male: words(`
  James Oliver Harry George Jack William Thomas Daniel Samuel Matthew
`),
};

export const englishLastNames = words(`
  Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker
  White Roberts Green Hall Wood Clarke Hughes
`);

export interface City {
  name: string;
  postalCodes: string[];
  weight: number;
  country: string;
}

/** Where customers live: French cities weighted by size, with a few towns near them. */
export const cities: readonly City[] = [
  {
    name: 'Paris',
    postalCodes: ['75011', '75015', '75018', '75020', '75017', '75012'],
    weight: 16,
    country: 'France',
  },
  { name: 'Boulogne-Billancourt', postalCodes: ['92100'], weight: 2, country: 'France' },
  { name: 'Montreuil', postalCodes: ['93100'], weight: 2, country: 'France' },
  { name: 'Versailles', postalCodes: ['78000'], weight: 1.5, country: 'France' },
  { name: 'Lyon', postalCodes: ['69003', '69007', '69001', '69006'], weight: 7, country: 'France' },
  { name: 'Villeurbanne', postalCodes: ['69100'], weight: 1.5, country: 'France' },
  { name: 'Marseille', postalCodes: ['13008', '13005', '13001', '13013'], weight: 6, country: 'France' },
  { name: 'Aix-en-Provence', postalCodes: ['13100'], weight: 1.5, country: 'France' },
  { name: 'Lille', postalCodes: ['59000', '59800'], weight: 4, country: 'France' },
  { name: 'Roubaix', postalCodes: ['59100'], weight: 1, country: 'France' },
  { name: 'Bordeaux', postalCodes: ['33000', '33800'], weight: 4, country: 'France' },
  { name: 'Mérignac', postalCodes: ['33700'], weight: 1, country: 'France' },
  { name: 'Nantes', postalCodes: ['44000', '44300'], weight: 4, country: 'France' },
  { name: 'Toulouse', postalCodes: ['31000', '31400', '31500'], weight: 5, country: 'France' },
  { name: 'Strasbourg', postalCodes: ['67000', '67100'], weight: 3, country: 'France' },
  { name: 'Nice', postalCodes: ['06000', '06300'], weight: 3, country: 'France' },
  { name: 'Rennes', postalCodes: ['35000', '35200'], weight: 3, country: 'France' },
  { name: 'Montpellier', postalCodes: ['34000', '34070'], weight: 3, country: 'France' },
  { name: 'Grenoble', postalCodes: ['38000'], weight: 2, country: 'France' },
  { name: 'Dijon', postalCodes: ['21000'], weight: 1.5, country: 'France' },
  { name: 'Angers', postalCodes: ['49000'], weight: 1.5, country: 'France' },
  { name: 'Reims', postalCodes: ['51100'], weight: 1.5, country: 'France' },
  { name: 'Tours', postalCodes: ['37000'], weight: 1.5, country: 'France' },
  { name: 'Clermont-Ferrand', postalCodes: ['63000'], weight: 1.5, country: 'France' },
  { name: 'Brest', postalCodes: ['29200'], weight: 1, country: 'France' },
  { name: 'Annecy', postalCodes: ['74000'], weight: 1, country: 'France' },
  { name: 'Bruxelles', postalCodes: ['1000', '1050'], weight: 1, country: 'Belgique' },
  { name: 'Genève', postalCodes: ['1201'], weight: 0.5, country: 'Suisse' },
];

export const cityWeights: readonly number[] = cities.map((city) => city.weight);

/** Lower-case ASCII form of a name, as people type it into an e-mail address. */
export function asciiLower(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
