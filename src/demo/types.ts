export type Channel =
  | 'web'
  | 'app'
  | 'email'
  | 'store'
  | 'call_centre'
  | 'chat'
  | 'social'
  | 'survey'
  | 'crm'
  | 'other';

export type ImportKind = 'orders' | 'contacts' | 'tickets' | 'survey_responses' | 'reviews' | 'mentions';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An external identifier carried in `context.externalIds`, as the Segment spec writes it. */
export interface ExternalId {
  id: string;
  type: 'loyalty_card' | 'crm_id';
  collection: 'users';
  encoding: 'none';
}

export interface SegmentContext {
  ip?: string;
  userAgent?: string;
  locale?: string;
  library?: { name: string; version: string };
  page?: { url: string; path: string; referrer: string; title: string; search: string };
  campaign?: { source: string; medium: string; name: string; content?: string };
  consent?: { categoryPreferences: { analytics: boolean; marketing: boolean } };
  traits?: JsonObject;
  externalIds?: ExternalId[];
  app?: { name: string; version: string; build: string };
  device?: { type: string; manufacturer: string; model: string };
  os?: { name: string; version: string };
  timezone?: string;
}

/** One message in the Segment Spec wire format, as an SDK would send it to `/v1/batch`. */
export interface SegmentMessage {
  type: 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias';
  messageId: string;
  timestamp: string;
  userId?: string;
  anonymousId?: string;
  event?: string;
  name?: string;
  properties?: JsonObject;
  traits?: JsonObject;
  previousId?: string;
  groupId?: string;
  context: SegmentContext;
}

/** Identifier types the truth knows about. */
export type IdentifierType =
  | 'user_id'
  | 'anonymous_id'
  | 'email'
  | 'phone'
  | 'loyalty_card'
  | 'crm_id'
  | 'social';

export interface IdentifierTruth {
  type: IdentifierType;
  /** Exactly as emitted (phones in each format used, social as `network:handle`). */
  value: string;
  note?: 'typo' | 'shared_device';
}

export type Polarity = 'positive' | 'neutral' | 'negative';
export type Language = 'fr' | 'en';
export type Theme =
  | 'delivery'
  | 'price'
  | 'product_quality'
  | 'staff'
  | 'website_app'
  | 'waiting_time'
  | 'returns_refunds';

/** What a text really says, kept beside the text's reference (a messageId or a row's id column). */
export interface TextTruth {
  ref: string;
  source: string;
  kind: ImportKind | 'api';
  language: Language;
  polarity: Polarity;
  themes: Theme[];
  /** Published where anyone can read it (social mention, public review). */
  public: boolean;
}

export type TrueSegment = 'loyal' | 'regular' | 'occasional' | 'one_off' | 'new' | 'lapsed';

/** Everything true about one simulated customer, written apart from the data for scoring models. */
export interface PersonTruth {
  personId: string;
  segment: TrueSegment;
  acquiredAt: string;
  /** True purchase rate λ, per week (BG/NBD). */
  purchaseRate: number;
  /** True probability of dropping out after each repeat purchase (BG/NBD p). */
  dropoutProbability: number;
  /** True mean spend per purchase, euros (Gamma-Gamma). */
  meanSpend: number;
  droppedOutAt: string | null;
  /** Purchases made within the simulated period, the first (acquisition) one included. */
  purchases: number;
  revenue: number;
  /** Share of purchases this person would make in shops, on the web and in the app before the shift. */
  channelMix: { store: number; web: number; app: number };
  language: Language;
  household: string | null;
  identifiers: IdentifierTruth[];
  texts: TextTruth[];
}

export type DemoRecord =
  | { type: 'api'; source: string; message: SegmentMessage }
  | { type: 'row'; source: string; kind: ImportKind; row: Record<string, string> }
  | { type: 'person'; truth: PersonTruth };

export type JourneyStage = 'discover' | 'buy' | 'receive' | 'get_help' | 'return' | 'give_feedback';

/** The ground truth of the behaviour shift, in terms an analyst would use to describe it. */
export interface ShiftTruth {
  date: string;
  storeClosure: { from: string; to: string; weeks: number };
  description: string;
  channels: { channel: Channel; metric: 'orders' | 'sessions' | 'tickets'; during: number; after: number }[];
  stages: { stage: JourneyStage; change: 'moves_online' | 'increases' | 'decreases'; detail: string }[];
  themes: { theme: Theme; volume: 'up' | 'down'; sentiment: 'worse' | 'better' | 'unchanged' }[];
  categories: { category: string; factor: number }[];
  delivery: { before: Record<string, number>; during: Record<string, number>; after: Record<string, number> };
  deliveryProblemRate: { before: number; during: number; after: number };
  employeeTeamsAffected: string[];
  purchaseTimingUnchanged: boolean;
}
