/**
 * The shift radar as the API and the CLI run it: on the workspace's stitched journeys (rebuilt
 * first when stale), broken down and valued by the workspace's profiles.
 * @module
 */
import { PanoramaError } from '../../errors.ts';
import { runShiftRadar, type ShiftRadarReport } from '../shift-radar/index.ts';
import { freshSource, type JourneyScope } from './scope.ts';
import { shareLink } from './share-link.ts';

/**
 * When customer behaviour shifted, what changed, for whom and how much value is at stake: the
 * radar's report, its findings ranked biggest value at stake first.
 * @example const { report } = await radar(scope, { range: { from: '2026-01-01', to: '2026-07-01' } })
 */
export async function radar(
  scope: JourneyScope,
  definition: unknown,
): Promise<{ definition: Record<string, unknown>; link: string; report: ShiftRadarReport }> {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new PanoramaError(
      'journeys.invalid_definition',
      'shift radar: the definition must be a JSON object.',
    );
  }
  const own = definition as Record<string, unknown>;
  await freshSource(scope);
  try {
    const report = await runShiftRadar(scope.store, { ...own, workspace: scope.workspaceId });
    return { definition: own, link: shareLink('/api/v1/shifts', own), report };
  } catch (error) {
    if (error instanceof RangeError) throw new PanoramaError('journeys.invalid_definition', error.message);
    throw error;
  }
}
