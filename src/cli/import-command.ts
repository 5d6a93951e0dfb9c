import { Command } from 'commander';

export function importCommand(): Command {
  return new Command('import').description('import a CSV or JSONL file (orders, contacts, tickets, ...)');
}
