/**
 * Turns `panorama journeys …` flags into an analysis definition: the same JSON the API takes, so
 * that `--json` output and a shared link say the same thing.
 */
import { readFileSync } from 'node:fs';
import { PanoramaError } from '../../errors.ts';

const matchFields = ['action', 'touchpoint', 'stage', 'channel', 'event'];

/**
 * One step or anchor as people type it: `product_added` (an action), `stage=buy`,
 * `touchpoint=web:view_panier`, alternatives joined by `|` (`action=order_completed|order_updated`).
 * @example stepOf('stage=buy|receive') // { stage: ['buy', 'receive'] }
 */
export function stepOf(text: string): Record<string, string[]> {
  const match = /^([a-z]+)=(.+)$/.exec(text.trim());
  const [field, values] = match ? [match[1] as string, match[2] as string] : ['action', text.trim()];
  if (!matchFields.includes(field)) {
    throw new PanoramaError(
      'cli.invalid_option',
      `"${text}": a step names ${matchFields.join(', ')} (e.g. stage=buy), or is an action.`,
    );
  }
  const list = values
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (list.length === 0) throw new PanoramaError('cli.invalid_option', `"${text}" names no value.`);
  return { [field]: list };
}

/** `--steps a,b,c` (commas between steps). */
export function stepsOf(text: string): Record<string, string[]>[] {
  return text
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(stepOf);
}

/** `14d`, `2w`, `6h`, `30m` → the funnel window. */
export function windowOf(text: string): { value: number; unit: string } {
  const match = /^(\d+)\s*(m|h|d|w)$/.exec(text.trim());
  if (!match)
    throw new PanoramaError(
      'cli.invalid_option',
      `--window must look like 30m, 6h, 14d or 2w; got "${text}".`,
    );
  const units: Record<string, string> = { m: 'minutes', h: 'hours', d: 'days', w: 'weeks' };
  return { value: Number(match[1]), unit: units[match[2] as string] as string };
}

/** `--definition '{"steps": …}'` or `--definition @file.json`: the base the other flags add to. */
export function baseDefinition(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let raw = text;
  if (text.startsWith('@')) {
    try {
      raw = readFileSync(text.slice(1), 'utf8');
    } catch (error) {
      throw new PanoramaError('cli.invalid_option', `--definition ${text}: ${(error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new PanoramaError(
      'cli.invalid_option',
      `--definition is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PanoramaError('cli.invalid_option', '--definition must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** The definition with only the flags that were given. */
export function withFlags(
  base: Record<string, unknown>,
  flags: Record<string, unknown>,
): Record<string, unknown> {
  const given = Object.entries(flags).filter(([, value]) => value !== undefined);
  return { ...base, ...Object.fromEntries(given) };
}
