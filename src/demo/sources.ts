import type { Channel, ImportKind } from './types.ts';

export interface DemoSource {
  name: string;
  channel: Channel;
  via: 'api' | 'import';
  /** What the import files of this source hold (import sources only). */
  kind?: ImportKind;
}

/** The sources of the simulated retailer, Maison Lumière: three tracked by API, seven imported. */
export const demoSources: readonly DemoSource[] = [
  { name: 'site-web', channel: 'web', via: 'api' },
  { name: 'app-mobile', channel: 'app', via: 'api' },
  { name: 'emailing', channel: 'email', via: 'api' },
  { name: 'caisses-magasins', channel: 'store', via: 'import', kind: 'orders' },
  { name: 'service-client', channel: 'call_centre', via: 'import', kind: 'tickets' },
  { name: 'chat', channel: 'chat', via: 'import', kind: 'tickets' },
  { name: 'reseaux-sociaux', channel: 'social', via: 'import', kind: 'mentions' },
  { name: 'avis-clients', channel: 'other', via: 'import', kind: 'reviews' },
  { name: 'enquetes', channel: 'survey', via: 'import', kind: 'survey_responses' },
  { name: 'crm', channel: 'crm', via: 'import', kind: 'contacts' },
];

/** The exact header of each import file, in column order. */
export const importHeaders: Readonly<Record<ImportKind, readonly string[]>> = {
  orders: [
    'numero_commande',
    'date_commande',
    'carte_fidelite',
    'email',
    'telephone',
    'montant_ttc',
    'devise',
    'magasin',
    'nb_articles',
    'produits',
  ],
  contacts: [
    'Record ID',
    'First Name',
    'Last Name',
    'Email',
    'Phone Number',
    'City',
    'Postal Code',
    'Country/Region',
    'Date of birth',
    'Lifecycle Stage',
    'Create Date',
  ],
  tickets: [
    'ticket_id',
    'created_at',
    'closed_at',
    'channel',
    'email',
    'phone',
    'customer_id',
    'subject',
    'description',
    'status',
    'priority',
    'agent',
  ],
  survey_responses: [
    'response_id',
    'survey_id',
    'survey_type',
    'score',
    'scale',
    'comment',
    'touchpoint',
    'order_id',
    'agent',
    'email',
    'customer_id',
    'employee_id',
    'team',
    'responded_at',
    'language',
  ],
  reviews: [
    'review_id',
    'platform',
    'rating',
    'title',
    'text',
    'author',
    'email',
    'url',
    'product',
    'posted_at',
    'language',
  ],
  mentions: ['mention_id', 'network', 'handle', 'author_name', 'text', 'url', 'posted_at', 'language'],
};
