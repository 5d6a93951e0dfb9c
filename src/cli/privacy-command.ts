import { rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { readSettings } from '../config.ts';
import { PanoramaError } from '../errors.ts';
import { eraseCustomer, exportCustomer, findCustomer } from '../profiles/index.ts';
import { viewCacheDirName } from '../store/view-cache.ts';
import { withData } from './options.ts';
import { definedOnly } from './serve-command.ts';
import { withStore } from './sources-command.ts';

const identifierSettings = (data: string | undefined) =>
  readSettings(process.env, definedOnly({ data })).identity.settings;

/** `panorama privacy export|erase IDENTIFIER`: a data-subject's rights, from the command line. */
export function privacyCommand(): Command {
  const privacy = new Command('privacy').description(
    'export or erase everything held about a person (RGPD/GDPR)',
  );
  privacy.addCommand(
    withData(new Command('export'))
      .description('write everything held about the customer holding IDENTIFIER as JSON')
      .argument('<identifier>', 'type:value, e.g. email:jane@example.com or user_id:cust_1')
      .option('--output <file>', 'write to this file instead of standard output')
      .action(async (identifier: string, options: { output?: string; data?: string }) =>
        withStore(options.data, async (store, workspace) => {
          const customer = await findCustomer(store, workspace, identifier, identifierSettings(options.data));
          const text = `${JSON.stringify(await exportCustomer(store, workspace, customer.id), null, 2)}\n`;
          if (options.output) {
            await writeFile(options.output, text);
            process.stdout.write(`Wrote what is held about ${customer.id} to ${options.output}.\n`);
          } else process.stdout.write(text);
        }),
      ),
  );
  privacy.addCommand(
    withData(new Command('erase'))
      .description('erase the customer holding IDENTIFIER: events, identifiers and traits; a tombstone stays')
      .argument('<identifier>', 'type:value, e.g. email:jane@example.com')
      .requiredOption(
        '--reason <text>',
        'why (kept in the tombstone), e.g. "RGPD article 17 request of 2026-11-20"',
      )
      .option('--by <name>', 'who asked for it (kept in the tombstone)', userInfo().username)
      .option('--yes', 'confirm: erasing cannot be undone')
      .action(
        async (identifier: string, options: { reason: string; by: string; yes?: boolean; data?: string }) =>
          withStore(options.data, async (store, workspace) => {
            const customer = await findCustomer(
              store,
              workspace,
              identifier,
              identifierSettings(options.data),
            );
            if (!options.yes) {
              throw new PanoramaError(
                'cli.invalid_option',
                `This erases profile ${customer.id} (${customer.events} events, ${customer.identities.length} identifiers) for good; add --yes to confirm.`,
              );
            }
            const erasure = await eraseCustomer(store, workspace, customer.id, {
              by: options.by,
              reason: options.reason,
            });
            // The server's view cache (a copy) would be emptied at its next start; dropping it now
            // leaves no trace of the person on disk in the meantime.
            const dataDir = readSettings(process.env, definedOnly({ data: options.data })).dataDir;
            await rm(join(dataDir, viewCacheDirName), { recursive: true, force: true });
            process.stdout.write(
              `Erased ${erasure.profileId}: ${erasure.events} events and ${erasure.identifiers} identifiers (tombstone ${erasure.erasureId}). Its identifiers are now turned away.\n`,
            );
          }),
      ),
  );
  return privacy;
}
