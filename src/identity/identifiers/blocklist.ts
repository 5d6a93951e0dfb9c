import type { BlockedValues, IdentifierSettings } from './settings.ts';

interface CompiledBlock {
  values: Set<string>;
  patterns: RegExp[];
}

/** Says whether a value of a type is blocked; built once per settings object. */
export type Blocklist = (type: string, raw: string, value: string) => boolean;

const compiled = new WeakMap<IdentifierSettings['blocked'], Blocklist>();

function compile(block: BlockedValues | undefined): CompiledBlock {
  return {
    values: new Set((block?.values ?? []).map((v) => v.trim().toLowerCase())),
    patterns: (block?.patterns ?? []).map((p) => (typeof p === 'string' ? new RegExp(p, 'i') : p)),
  };
}

function hits(block: CompiledBlock, text: string): boolean {
  return block.values.has(text.toLowerCase()) || block.patterns.some((p) => p.test(text));
}

/**
 * The blocklist of a settings object. Both the raw value (trimmed) and the normalised value are
 * checked, so `NULL`, ` - ` and `+33 0 00 00 00 00` are all caught.
 */
export function blocklistOf(blocked: IdentifierSettings['blocked']): Blocklist {
  const cached = compiled.get(blocked);
  if (cached) return cached;
  const all = compile(blocked['*']);
  const byType = new Map<string, CompiledBlock>();
  const blocklist: Blocklist = (type, raw, value) => {
    let own = byType.get(type);
    if (!own) {
      own = compile(blocked[type]);
      byType.set(type, own);
    }
    const trimmed = raw.trim();
    return [all, own].some((block) => hits(block, trimmed) || hits(block, value));
  };
  compiled.set(blocked, blocklist);
  return blocklist;
}
