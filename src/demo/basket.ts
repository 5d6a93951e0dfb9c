import { type Category, catalogue, categories, type Product } from './catalogue.ts';
import type { Random } from './random.ts';
import { type ShiftPhase, shiftEffects } from './shift.ts';

export interface BasketLine {
  product: Product;
  quantity: number;
}

export interface Basket {
  lines: BasketLine[];
  /** Sum of catalogue prices. */
  listTotal: number;
  /** What the customer pays (the Gamma-Gamma draw): list total minus the discount. */
  amount: number;
  discount: number;
}

const cheapest: Record<Category, Product> = Object.fromEntries(
  categories.map((category) => [
    category,
    catalogue[category].reduce((low, product) => (product.price < low.price ? product : low)),
  ]),
) as Record<Category, Product>;

const maxLines = 6;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The weight of each category for this person at this moment of the shift. */
export function categoryWeights(taste: readonly number[], phase: ShiftPhase): number[] {
  if (phase === 'before') return [...taste];
  return taste.map((w, i) => w * shiftEffects.categories[categories[i] as Category]);
}

function pickProduct(rng: Random, category: Category, budget: number): Product {
  const shelf = catalogue[category];
  for (let attempt = 0; attempt < 4; attempt++) {
    const product = rng.pick(shelf);
    if (product.price <= budget + 5) return product;
  }
  return cheapest[category];
}

/**
 * Fills a basket from the catalogue until it covers `amount` (the customer's spend), the
 * difference being a discount, so revenue follows the spend model exactly.
 */
export function fillBasket(rng: Random, weights: readonly number[], amount: number): Basket {
  const lines: BasketLine[] = [];
  let remaining = amount;
  while (remaining > 0 && lines.length < maxLines) {
    const category = categories[rng.categorical(weights)] as Category;
    const product = pickProduct(rng, category, remaining);
    const line = lines.find((l) => l.product === product);
    if (line) line.quantity += 1;
    else lines.push({ product, quantity: 1 });
    remaining -= product.price;
  }
  const last = lines[lines.length - 1] as BasketLine;
  while (remaining > 0) {
    last.quantity += 1;
    remaining -= last.product.price;
  }
  const listTotal = round2(lines.reduce((sum, l) => sum + l.product.price * l.quantity, 0));
  return { lines, listTotal, amount, discount: round2(listTotal - amount) };
}

/** Products in the Segment e-commerce shape. */
export function productsProperty(basket: Basket) {
  return basket.lines.map((line, i) => ({
    product_id: line.product.productId,
    sku: line.product.sku,
    name: line.product.name,
    category: line.product.category,
    price: line.product.price,
    quantity: line.quantity,
    position: i + 1,
  }));
}

/** Products as the till writes them: 'SKU1:2|SKU2:1'. */
export function tillProducts(basket: Basket): string {
  return basket.lines.map((line) => `${line.product.sku}:${line.quantity}`).join('|');
}

/** Number of articles in the basket. */
export function articleCount(basket: Basket): number {
  return basket.lines.reduce((sum, line) => sum + line.quantity, 0);
}
