import { Command, CommanderError } from 'commander';
import { PanoramaError } from '../errors.ts';
import { demoCommand } from './demo-command.ts';
import { exportCommand } from './export-command.ts';
import { identityCommand } from './identity-command.ts';
import { importCommand } from './import-command.ts';
import { journeysCommand } from './journeys-command.ts';
import { keysCommand } from './keys-command.ts';
import { privacyCommand } from './privacy-command.ts';
import { serveCommand } from './serve-command.ts';
import { shiftsCommand } from './shifts-command.ts';
import { sourcesCommand } from './sources-command.ts';
import { valueCommand } from './value-command.ts';

const program = new Command('panorama')
  .description('Panorama: every customer interaction, one view of each customer.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program.addCommand(serveCommand());
program.addCommand(demoCommand());
program.addCommand(importCommand());
program.addCommand(sourcesCommand());
program.addCommand(keysCommand());
program.addCommand(exportCommand());
program.addCommand(valueCommand());
program.addCommand(identityCommand());
program.addCommand(journeysCommand());
program.addCommand(shiftsCommand());
program.addCommand(privacyCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
  }
  if (error instanceof PanoramaError) {
    process.stderr.write(`panorama: ${error.message} [${error.code}]\n`);
    return 1;
  }
  process.stderr.write(`panorama: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}
