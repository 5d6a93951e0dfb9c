import { Command } from 'commander';

export function demoCommand(): Command {
  return new Command('demo').description('start Panorama with the demo business loaded');
}
