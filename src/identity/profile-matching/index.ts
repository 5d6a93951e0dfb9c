export {
  type LinkProfiles,
  matchProfiles,
  type ProfileMatchingOptions,
  type ProfileMatchingResult,
  reviewIdOf,
} from './match-profiles.ts';
export { identifierFields, profileFieldKinds, traitFields } from './profile-fields.ts';
export { type DecidedReview, decideReview, type ReviewDecision } from './review-decisions.ts';
