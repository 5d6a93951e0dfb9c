import { parseTime } from '../validate.ts';

/** A cell as text: trimmed, empty as undefined; JSON values (JSONL) become their text. */
export function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const out = typeof value === 'object' ? JSON.stringify(value) : String(value).trim();
  return out === '' ? undefined : out;
}

const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/;
const slashedYearFirst = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads a date as exports write them: ISO 8601 with or without offset, `dd/mm/yyyy[ HH:MM[:SS]]`
 * (French order; `mm/dd` only when the day-first reading is impossible), `yyyy/mm/dd`, epoch
 * milliseconds, or epoch seconds (10 digits). A time without offset is taken as UTC, like the API
 * does: the file's own zone is not guessed.
 */
export function parseWhen(value: unknown): Date | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  const raw = text(value);
  if (raw === undefined) return undefined;
  if (/^\d{9,13}$/.test(raw)) return fromEpoch(Number(raw));
  const iso = parseTime(raw);
  if (iso) return calendarDate(+raw.slice(0, 4), +raw.slice(5, 7), +raw.slice(8, 10)) ? iso : undefined;
  const dmy = dayFirst.exec(raw);
  if (dmy) {
    const [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    const time = dmy.slice(4).map((n) => Number(n ?? 0)) as [number, number, number];
    return utc(y, m, d, time) ?? utc(y, d, m, time);
  }
  const ymd = slashedYearFirst.exec(raw);
  if (ymd) {
    const time = ymd.slice(4).map((n) => Number(n ?? 0)) as [number, number, number];
    return utc(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), time);
  }
  return undefined;
}

function fromEpoch(n: number): Date | undefined {
  if (!Number.isFinite(n)) return undefined;
  return new Date(Math.abs(n) < 1e11 ? n * 1000 : n);
}

function calendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function utc(year: number, month: number, day: number, [h, min, s]: [number, number, number]) {
  if (!calendarDate(year, month, day) || h > 23 || min > 59 || s > 59) return undefined;
  return new Date(Date.UTC(year, month - 1, day, h, min, s));
}

/** A calendar day (birthday) as `yyyy-mm-dd`, or the text as given when it is not a date. */
export function parseDay(value: unknown): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  return parseWhen(raw)?.toISOString().slice(0, 10) ?? raw;
}

/**
 * Reads an amount or a score written the French or the English way: `49,90`, `1 234,56 €`,
 * `1.234,56`, `1,234.56`. A single comma is a decimal comma.
 */
export function parseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  let raw = text(value);
  if (raw === undefined) return undefined;
  raw = raw.replace(/[\s\u00a0\u202f€$£]|EUR|USD|GBP/gi, '');
  const lastComma = raw.lastIndexOf(',');
  const lastDot = raw.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    raw = lastComma > lastDot ? raw.replaceAll('.', '').replace(',', '.') : raw.replaceAll(',', '');
  } else if (lastComma >= 0) {
    raw = raw.indexOf(',') === lastComma ? raw.replace(',', '.') : raw.replaceAll(',', '');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) return undefined;
  return Number(raw);
}

/**
 * Reads a basket: a JSON array, or a `|`/`;` separated list whose items may be `sku:quantity`
 * (`SKU1:2|SKU2:1` → `[{sku:'SKU1',quantity:2}, ...]`). Anything else is kept as its text.
 */
export function parseProducts(value: unknown): unknown {
  if (Array.isArray(value) || (value !== null && typeof value === 'object')) return value;
  const raw = text(value);
  if (raw === undefined) return undefined;
  if (/^[[{]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  const parts = raw
    .split(/[|;]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.map((part) => {
    const counted = /^(.+?)\s*(?::|×|\*|\sx)\s*(\d+)$/.exec(part);
    return counted ? { sku: counted[1], quantity: Number(counted[2]) } : part;
  });
}
