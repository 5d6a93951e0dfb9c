import { Command } from 'commander';
import { readSettings } from '../config.ts';
import { identityConfigOf } from '../identity/rules-file.ts';
import { rebuildIdentity } from '../identity/store/index.ts';
import { refreshAllProfiles } from '../profiles/index.ts';
import { withData } from './options.ts';
import { definedOnly } from './serve-command.ts';
import { withStore } from './sources-command.ts';

/** `panorama identity rebuild`: stitches every stored event again and rewrites the identity tables. */
export function identityRebuildCommand(): Command {
  return withData(new Command('rebuild'))
    .description('rebuild the identity graph from every stored event and rewrite the identity tables')
    .action(async (options: { data?: string }) =>
      withStore(options.data, async (store) => {
        const started = Date.now();
        const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`;
        let shown = 0;
        const settings = readSettings(process.env, definedOnly({ data: options.data }));
        const summary = await rebuildIdentity(store, identityConfigOf(settings.identity), (step) => {
          if (step.step === 'reading') {
            if (step.events - shown < 100_000) return;
            shown = step.events;
            process.stderr.write(`${elapsed()}  read ${step.events.toLocaleString('en')} events\n`);
          } else if (step.step === 'stitching') {
            process.stderr.write(
              `${elapsed()}  stitching ${step.events.toLocaleString('en')} events of ${step.workspaceId}\n`,
            );
          } else process.stderr.write(`${elapsed()}  writing the identity tables of ${step.workspaceId}\n`);
        });
        process.stderr.write(`${elapsed()}  computing traits, consents and summaries of the profiles\n`);
        await refreshAllProfiles(store, settings.traitSources);
        process.stdout.write(
          [
            `Rebuilt identity in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
            `  events:    ${summary.events}`,
            `  profiles:  ${summary.profiles}`,
            `  merges:    ${summary.merges}`,
            '',
          ].join('\n'),
        );
      }),
    );
}
