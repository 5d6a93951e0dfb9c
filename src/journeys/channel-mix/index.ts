/**
 * Channel mix over time: the share of active customers on each channel, counted per customer, and
 * how many channels each customer uses (single-channel vs omnichannel), per interval, over the
 * range and per segment.
 * @module
 */
export { type ChannelMixDefinition, channelMix } from './channel-mix.ts';
export {
  assembleChannelMix,
  type ChannelMixGroup,
  type ChannelMixPeriod,
  type ChannelMixResult,
  type ChannelMixSlice,
  type ChannelMixTally,
  type ChannelShare,
  type ChannelsUsedShare,
} from './channel-mix-assembly.ts';
export {
  type ChannelMixDefinitionInput,
  ChannelMixDefinitionSchema,
  parseChannelMixDefinition,
} from './channel-mix-schema.ts';
export { channelMixStatement } from './channel-mix-sql.ts';
export { readChannelMix, runChannelMix } from './run-channel-mix.ts';
