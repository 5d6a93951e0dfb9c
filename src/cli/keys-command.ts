import { Command, Option } from 'commander';
import { createApiKey } from '../access/api-keys.ts';
import { PanoramaError } from '../errors.ts';
import { roles } from '../store/types.ts';
import { withData } from './options.ts';
import { withStore } from './sources-command.ts';

export function keysCommand(): Command {
  const keys = new Command('keys').description('create, list and revoke API keys for the JSON API');
  keys.addCommand(
    withData(new Command('create'))
      .description('create an API key and print it (it is shown only once)')
      .requiredOption('--name <name>', 'who or what the key is for, e.g. "service-client"')
      .addOption(
        new Option('--role <role>', 'viewer reads, operator also acts on profiles, admin manages everything')
          .choices(roles)
          .makeOptionMandatory(),
      )
      .action(async (options: { name: string; role: string; data?: string }) =>
        withStore(options.data, async (store, workspace) => {
          const { key, secret } = await createApiKey(store, workspace, options.name, options.role);
          process.stdout.write(
            `Created API key "${key.name}" (${key.role}). Keep it now, it is not shown again:\n${secret}\n`,
          );
        }),
      ),
  );
  keys.addCommand(
    withData(new Command('list'))
      .description('list the API keys (names, roles, first characters)')
      .action(async (options: { data?: string }) =>
        withStore(options.data, async (store, workspace) => {
          const list = await store.apiKeys.list(workspace);
          if (list.length === 0)
            process.stdout.write('No API keys yet: create one with `panorama keys create`.\n');
          for (const k of list) {
            const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
            process.stdout.write(`${k.name.padEnd(24)} ${k.role.padEnd(9)} ${k.keyPrefix}…  ${state}\n`);
          }
        }),
      ),
  );
  keys.addCommand(
    withData(new Command('revoke'))
      .description('revoke an API key: it stops working at once')
      .requiredOption('--name <name>', 'the key to revoke')
      .action(async (options: { name: string; data?: string }) =>
        withStore(options.data, async (store, workspace) => {
          const key = await store.apiKeys.revoke(workspace, options.name);
          if (!key) throw new PanoramaError('access.invalid', `No API key named "${options.name}".`);
          process.stdout.write(`Revoked the API key "${key.name}".\n`);
        }),
      ),
  );
  return keys;
}
