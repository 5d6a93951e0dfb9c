import { describe, expect, it } from 'vitest';
import { defaultTouchpointMapping } from './defaults.ts';
import { mapEvent } from './map-event.ts';
import type { MappableEvent, TouchpointMapping } from './mapping.ts';
import { parseTouchpointMapping } from './parse.ts';

const stageOf = (event: MappableEvent, mapping: TouchpointMapping = defaultTouchpointMapping) =>
  mapEvent(event, mapping).stage;
const page = (name: string, channel = 'web'): MappableEvent => ({ channel, type: 'page', name });
const track = (name: string, channel = 'web', properties: Record<string, unknown> = {}): MappableEvent => ({
  channel,
  type: 'track',
  name,
  properties,
});

describe('mapping an event to its touchpoint and stage', () => {
  it("names a page's action after the page, accents stripped", () => {
    expect(mapEvent(page('Suivi de commande'), defaultTouchpointMapping)).toEqual({
      action: 'view_suivi_de_commande',
      touchpoint: 'web:view_suivi_de_commande',
      stage: 'receive',
      event: 'Suivi de commande',
      revenue: null,
    });
    expect(
      mapEvent({ channel: 'app', type: 'screen', name: 'Catégorie' }, defaultTouchpointMapping),
    ).toMatchObject({
      action: 'view_categorie',
      touchpoint: 'app:view_categorie',
      stage: 'discover',
    });
    expect(mapEvent({ channel: 'web', type: 'page', name: null }, defaultTouchpointMapping)).toMatchObject({
      action: 'view_page',
      event: 'page',
      stage: null,
    });
  });

  // Stages read off the default rules by hand, one demo event at a time.
  it.each([
    [page('Accueil'), 'discover'],
    [page('Atterrissage'), 'discover'],
    [page('Catégorie'), 'discover'],
    [page('Produit'), 'consider'],
    [track('Product Viewed'), 'consider'],
    [track('Product Added'), 'consider'],
    [page('Panier'), 'buy'],
    [track('Checkout Started'), 'buy'],
    [page('Livraison'), 'buy'],
    [page('Paiement'), 'buy'],
    [track('Order Completed'), 'buy'],
    [page('Confirmation'), 'buy'],
    [track('Order Completed', 'store'), 'buy'],
    [page('Suivi de commande'), 'receive'],
    [page('Aide'), 'get_help'],
    [track('Ticket Opened', 'call_centre'), 'get_help'],
    [track('Ticket Opened', 'chat'), 'get_help'],
    [track('Survey Answered', 'survey', { surveyType: 'nps' }), 'give_feedback'],
    [track('Review Posted', 'other'), 'give_feedback'],
    [track('Social Mention', 'social'), 'give_feedback'],
    [track('Unsubscribed', 'email'), 'give_feedback'],
    [page('Connexion'), 'come_back'],
    [track('Email Opened', 'email'), 'come_back'],
    [track('Email Link Clicked', 'email'), 'come_back'],
    [track('Email Sent', 'email'), null],
    [track('Survey Answered', 'survey', { surveyType: 'enps' }), null],
    [{ channel: 'crm', type: 'identify', name: null }, null],
  ] as [MappableEvent, string | null][])('%o is in stage %s', (event, stage) => {
    expect(stageOf(event)).toBe(stage);
  });

  it('gives an identify call its type as action, and the call its name', () => {
    expect(mapEvent({ channel: 'crm', type: 'identify', name: null }, defaultTouchpointMapping)).toEqual({
      action: 'identify',
      touchpoint: 'crm:identify',
      stage: null,
      event: 'identify',
      revenue: null,
    });
  });

  it("takes an order's revenue, else its total, on purchases only", () => {
    const revenue = (event: MappableEvent, mapping = defaultTouchpointMapping) =>
      mapEvent(event, mapping).revenue;
    // The demo's web orders carry both (revenue excludes shipping); imported shop orders both equal.
    expect(revenue(track('Order Completed', 'web', { revenue: 59.9, total: 64.8 }))).toBe(59.9);
    expect(revenue(track('Order Completed', 'store', { total: 20 }))).toBe(20);
    expect(revenue(track('Order Completed', 'web', { revenue: '59.9', total: 64.8 }))).toBe(64.8);
    expect(revenue(track('Order Completed', 'web', { revenue: null }))).toBeNull();
    expect(revenue(track('Checkout Started', 'web', { revenue: 59.9 }))).toBeNull();
    const custom = parseTouchpointMapping({ purchaseActions: ['demo_booked'] });
    expect(revenue(track('Demo Booked', 'web', { revenue: 300 }), custom)).toBe(300);
    expect(revenue(track('Order Completed', 'web', { revenue: 59.9 }), custom)).toBeNull();
  });

  it("tries the business's rules first, the first one setting a column winning it", () => {
    const mapping = parseTouchpointMapping({
      rules: [
        { channel: 'store', event: 'Order Completed', action: 'shop_purchase' },
        { event: 'Order *', stage: 'come_back' },
        { event: '/^order completed$/i', stage: 'use' },
        { type: 'page', event: 'Aide', stage: null },
        { channel: 'survey', properties: { surveyType: ['nps', 'csat'] }, action: 'rated_us' },
      ],
    });
    // The action comes from rule 0, the stage from rule 1 (rule 0 sets none); rule 2 comes too late.
    expect(mapEvent(track('Order Completed', 'store'), mapping)).toMatchObject({
      action: 'shop_purchase',
      touchpoint: 'store:shop_purchase',
      stage: 'come_back',
    });
    // On the web rule 0 does not match: the action is the default one, and is no purchase action.
    expect(mapEvent(track('Order Completed', 'web', { revenue: 5 }), mapping)).toMatchObject({
      action: 'order_completed',
      stage: 'come_back',
      revenue: 5,
    });
    // A stage set to null stops the default rule that would give `get_help`.
    expect(mapEvent(page('Aide'), mapping)).toMatchObject({ action: 'view_aide', stage: null });
    expect(mapEvent(track('Survey Answered', 'survey', { surveyType: 'csat' }), mapping)).toMatchObject({
      action: 'rated_us',
      stage: 'give_feedback',
    });
    // A property that is not text never matches.
    expect(mapEvent(track('Survey Answered', 'survey', { surveyType: 7 }), mapping).action).toBe(
      'survey_answered',
    );
  });

  it('uses none of the default rules when told so', () => {
    const mapping = parseTouchpointMapping({
      defaults: false,
      rules: [{ event: 'Order Completed', stage: 'buy' }],
    });
    expect(stageOf(track('Order Completed'), mapping)).toBe('buy');
    expect(stageOf(page('Accueil'), mapping)).toBeNull();
  });
});
