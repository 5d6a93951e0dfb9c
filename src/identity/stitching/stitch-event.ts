import type { StoredEvent } from '../../store/types.ts';
import { extractIdentifiers, type IdentifierSettings } from '../identifiers/index.ts';
import type { StitchEvent } from './graph.ts';

/** What the graph needs of a stored event: its message id, its time and its identifiers. */
export function stitchEventOf(event: StoredEvent, settings?: IdentifierSettings): StitchEvent {
  return {
    messageId: event.messageId,
    timestamp: event.timestamp,
    identifiers: extractIdentifiers(event, settings),
  };
}
