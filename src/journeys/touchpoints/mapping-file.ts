/**
 * The business's touchpoint mapping on disk: the JSON file PANORAMA_TOUCHPOINTS names, else
 * `touchpoints.json` in the data directory if there is one, else the defaults.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { PanoramaError } from '../../errors.ts';
import { defaultTouchpointMapping } from './defaults.ts';
import type { TouchpointMapping } from './mapping.ts';
import { parseTouchpointMapping } from './parse.ts';

/** The mapping in `path`, or the defaults when there is no such file and none was `required`. */
export function readTouchpointMapping(path: string, required = false): TouchpointMapping {
  if (!existsSync(path)) {
    if (!required) return defaultTouchpointMapping;
    throw new PanoramaError(
      'journeys.invalid_mapping',
      `PANORAMA_TOUCHPOINTS names ${path}, which does not exist.`,
    );
  }
  try {
    return parseTouchpointMapping(readFileSync(path, 'utf8'));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new PanoramaError(
      'journeys.invalid_mapping',
      `${path}: ${error.message} (see src/journeys/touchpoints/README.md and docs/journeys.md).`,
    );
  }
}
