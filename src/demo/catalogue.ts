/** Product categories of Maison Lumière (slugs, used in URLs and events). */
export const categories = ['vetements', 'maison', 'beaute', 'bricolage', 'jardin', 'cuisine'] as const;
export type Category = (typeof categories)[number];

export const categoryTitles: Record<Category, string> = {
  vetements: 'Vêtements',
  maison: 'Maison & déco',
  beaute: 'Beauté',
  bricolage: 'Bricolage',
  jardin: 'Jardin',
  cuisine: 'Cuisine',
};

export interface Product {
  productId: string;
  sku: string;
  name: string;
  category: Category;
  price: number;
  slug: string;
}

type BaseItem = [name: string, price: number];

const baseItems: Record<Category, { code: string; items: BaseItem[]; variants: string[] }> = {
  vetements: {
    code: 'VET',
    variants: ['coloris bleu marine', 'coloris écru', 'coloris noir', 'coloris vert sauge'],
    items: [
      ['T-shirt col rond en coton bio', 19.9],
      ['Jean droit', 49.9],
      ['Pull en laine mérinos', 69],
      ['Chemise en lin', 45],
      ['Robe portefeuille', 59],
      ['Veste en jean', 79],
      ['Sweat à capuche', 39.9],
      ['Pyjama en flanelle', 35],
      ['Chaussettes (lot de 3)', 12.5],
      ['Écharpe en cachemire', 89],
    ],
  },
  maison: {
    code: 'MAI',
    variants: ['coloris blanc', 'coloris terracotta', 'coloris gris perle', 'coloris moutarde'],
    items: [
      ['Coussin en lin lavé', 24.9],
      ['Plaid en laine', 59],
      ['Bougie parfumée', 16.5],
      ['Housse de couette en percale', 79],
      ['Lampe à poser en céramique', 65],
      ['Rideau occultant', 39],
      ['Tapis berbère', 149],
      ['Miroir rond en rotin', 89],
      ['Vase en grès', 29],
      ['Panier de rangement', 22],
    ],
  },
  beaute: {
    code: 'BEA',
    variants: ['50 ml', '100 ml', 'format voyage'],
    items: [
      ['Crème hydratante visage', 24],
      ['Sérum à la vitamine C', 32],
      ['Savon de Marseille', 6.5],
      ['Shampooing solide', 11.9],
      ['Huile sèche pour le corps et les cheveux', 27],
      ['Eau de toilette fleur d’oranger', 45],
      ['Baume à lèvres', 7.9],
      ['Gel douche à l’amande', 8.5],
    ],
  },
  bricolage: {
    code: 'BRI',
    variants: ['standard', 'pro', 'compact'],
    items: [
      ['Perceuse-visseuse sans fil', 89],
      ['Coffret de tournevis', 29.9],
      ['Peinture murale mate 2,5 L', 42],
      ['Étagère murale en chêne', 49],
      ['Mètre ruban 5 m', 9.9],
      ['Niveau à bulle', 14.5],
      ['Kit de fixation', 12],
      ['Ponceuse vibrante', 69],
    ],
  },
  jardin: {
    code: 'JAR',
    variants: ['petit modèle', 'grand modèle', 'coloris anthracite'],
    items: [
      ['Pot en terre cuite', 19],
      ['Sécateur', 24.9],
      ['Salon de jardin en acacia', 399],
      ['Guirlande lumineuse solaire', 29],
      ['Graines de tomates anciennes', 4.5],
      ['Arrosoir en zinc', 34],
      ['Hamac', 59],
    ],
  },
  cuisine: {
    code: 'CUI',
    variants: ['finition classique', 'édition chef', 'coloris olive'],
    items: [
      ['Poêle anti-adhésive 28 cm', 39],
      ['Cocotte en fonte', 119],
      ['Service de 6 assiettes', 49],
      ['Planche à découper', 24],
      ['Cafetière à piston', 29],
      ['Set de couteaux', 79],
      ['Moule à gâteau', 15],
      ['Théière en grès', 35],
    ],
  },
};

function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function buildCatalogue(): Record<Category, Product[]> {
  const byCategory = {} as Record<Category, Product[]>;
  for (const category of categories) {
    const { code, items, variants } = baseItems[category];
    byCategory[category] = items.flatMap(([name, price], i) =>
      variants.map((variant, v) => {
        const productId = `${code}${String(i + 1).padStart(3, '0')}`;
        const fullName = `${name} ${variant}`;
        const variantPrice = Math.round(price * (1 + 0.1 * (v % 3)) * 10) / 10;
        return {
          productId,
          sku: `${productId}-${v + 1}`,
          name: fullName,
          category,
          price: variantPrice,
          slug: slugify(fullName),
        };
      }),
    );
  }
  return byCategory;
}

/** Every product, grouped by category (the same catalogue for every seed). */
export const catalogue: Record<Category, Product[]> = buildCatalogue();

export interface Shop {
  code: string;
  name: string;
  city: string;
}

/** The retailer's shops, keyed to the cities customers live in. */
export const shops: readonly Shop[] = [
  { code: 'M01', name: 'Paris Rivoli', city: 'Paris' },
  { code: 'M02', name: 'Paris Montparnasse', city: 'Paris' },
  { code: 'M03', name: 'Lyon Part-Dieu', city: 'Lyon' },
  { code: 'M04', name: 'Marseille Terrasses du Port', city: 'Marseille' },
  { code: 'M05', name: 'Lille Euralille', city: 'Lille' },
  { code: 'M06', name: 'Bordeaux Sainte-Catherine', city: 'Bordeaux' },
  { code: 'M07', name: 'Nantes Atlantis', city: 'Nantes' },
  { code: 'M08', name: 'Toulouse Wilson', city: 'Toulouse' },
  { code: 'M09', name: 'Strasbourg Kléber', city: 'Strasbourg' },
  { code: 'M10', name: 'Nice Masséna', city: 'Nice' },
  { code: 'M11', name: 'Rennes Colombier', city: 'Rennes' },
  { code: 'M12', name: 'Montpellier Polygone', city: 'Montpellier' },
];

/** The shop a customer from `city` goes to (the nearest one, or a Paris shop by default). */
export function homeShopIndex(city: string, tieBreak: number): number {
  const local: number[] = [];
  shops.forEach((shop, i) => {
    if (shop.city === city) local.push(i);
  });
  if (local.length > 0) return local[tieBreak % local.length] as number;
  return tieBreak % shops.length;
}
