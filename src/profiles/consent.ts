import type { ConsentRow } from '../store/types.ts';

export interface ConsentStatement {
  granted: boolean;
  source: string;
  observedAt: Date;
}

/** A profile's consent: per purpose for every channel, and per channel where one was stated. */
export interface ConsentView {
  purposes: Record<string, ConsentStatement>;
  channels: Record<string, Record<string, ConsentStatement>>;
}

export function consentView(rows: readonly ConsentRow[]): ConsentView {
  const view: ConsentView = { purposes: {}, channels: {} };
  for (const { purpose, channel, granted, source, observedAt } of rows) {
    const statement = { granted, source, observedAt };
    if (channel === 'all') view.purposes[purpose] = statement;
    else {
      view.channels[channel] ??= {};
      view.channels[channel][purpose] = statement;
    }
  }
  return view;
}

/**
 * May the business use this channel for this purpose? The latest statement wins, whether it was
 * made for every channel or for this one; `null` when the customer never said.
 * @example mayContact(view, 'marketing', 'email') // false after an unsubscribe, even if marketing was once granted
 */
export function mayContact(view: ConsentView, purpose: string, channel: string): boolean | null {
  const general = view.purposes[purpose];
  const specific = view.channels[channel]?.[purpose];
  if (general && specific) {
    return specific.observedAt.getTime() >= general.observedAt.getTime() ? specific.granted : general.granted;
  }
  return (specific ?? general)?.granted ?? null;
}
