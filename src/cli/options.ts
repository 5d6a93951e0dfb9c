import { type Command, Option } from 'commander';
import { PanoramaError } from '../errors.ts';

/** The `--data` option every command takes. */
export function dataOption(): Option {
  return new Option('--data <dir>', 'data directory (default: $PANORAMA_DATA or ./panorama-data)');
}

export function withData(command: Command): Command {
  return command.addOption(dataOption());
}

/** Parses a whole, positive number option or says which option is wrong. */
export function positiveInteger(name: string) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) {
      throw new PanoramaError('cli.invalid_option', `${name} must be a positive whole number, got "${raw}".`);
    }
    return value;
  };
}

/** Parses a port number (0 lets the system choose). */
export function port(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new PanoramaError('cli.invalid_option', `--port must be between 0 and 65535, got "${raw}".`);
  }
  return value;
}

/** Parses a probability strictly between 0 and 1, naming the option when it is not one. */
export function probability(name: string) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value >= 1) {
      throw new PanoramaError(
        'cli.invalid_option',
        `${name} must be a probability between 0 and 1, got "${raw}".`,
      );
    }
    return value;
  };
}
