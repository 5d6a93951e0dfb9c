/**
 * The default touchpoint mapping: Segment's specs (e-commerce, e-mail, mobile, video), the
 * importers' kinds (orders, tickets, surveys, reviews, mentions, contacts) and common page names,
 * in French and English. Rules set only stages: actions come from the event names.
 * @module
 */
import type { TouchpointMapping, TouchpointRule } from './mapping.ts';

const pages = ['page', 'screen'];

/**
 * Messages the business sends are touchpoints but not a step the customer takes, hence no stage;
 * an employee survey (eNPS) is not a customer's feedback.
 */
const noStage: TouchpointRule[] = [
  { event: ['Email Sent', 'Email Delivered', 'Email Bounced', 'Push Notification Received'], stage: null },
  { event: 'Survey Answered', properties: { surveyType: 'enps' }, stage: null },
];

const customerSteps: TouchpointRule[] = [
  {
    event: ['Products Searched', 'Product List Viewed', 'Product List Filtered', 'Promotion Viewed'],
    stage: 'discover',
  },
  { event: ['Promotion Clicked', 'Signed Up', 'Account Created'], stage: 'discover' },
  {
    event: ['Product Viewed', 'Product Clicked', 'Product Shared', 'Product Added', 'Product Removed'],
    stage: 'consider',
  },
  { event: ['Product Added to Wishlist', 'Product Removed from Wishlist'], stage: 'consider' },
  {
    event: [
      'Cart Viewed',
      'Cart Shared',
      'Checkout Started',
      'Checkout Step Viewed',
      'Checkout Step Completed',
    ],
    stage: 'buy',
  },
  {
    event: ['Payment Info Entered', 'Coupon Entered', 'Coupon Applied', 'Coupon Denied', 'Coupon Removed'],
    stage: 'buy',
  },
  { event: ['Order Completed', 'Order Updated', 'Order Cancelled'], stage: 'buy' },
  {
    event: ['Order Shipped', 'Order Delivered', 'Order Picked Up', 'Order Returned', 'Order Refunded'],
    stage: 'receive',
  },
  { event: ['Application Installed', 'Application Updated', 'Feature Used', 'Product Used'], stage: 'use' },
  { event: '/^Video (Playback|Content) (Started|Completed)$/', stage: 'use' },
  { event: ['Ticket Opened', 'Ticket Created', 'Ticket Reopened', 'Chat Started'], stage: 'get_help' },
  {
    event: ['Survey Answered', 'Review Posted', 'Product Reviewed', 'Social Mention'],
    stage: 'give_feedback',
  },
  { event: ['Unsubscribed', 'Email Marked as Spam'], stage: 'give_feedback' },
  { event: ['Email Opened', 'Email Link Clicked', 'Push Notification Tapped'], stage: 'come_back' },
  { event: ['Signed In', 'Application Opened'], stage: 'come_back' },
];

/** Page and screen names (the demo's French ones, and their usual English equivalents). */
const pageSteps: TouchpointRule[] = [
  {
    type: pages,
    event: '/^(accueil|atterrissage|cat[ée]gorie|recherche|home|landing|category|collection|search)$/i',
    stage: 'discover',
  },
  { type: pages, event: '/^(produit|fiche produit|product)$/i', stage: 'consider' },
  {
    type: pages,
    event:
      '/^(panier|livraison|paiement|confirmation|commande|cart|basket|checkout|shipping|payment|order confirmation)$/i',
    stage: 'buy',
  },
  {
    type: pages,
    event: '/^(suivi de commande|suivi|order tracking|track order|returns|retours)$/i',
    stage: 'receive',
  },
  { type: pages, event: '/^(aide|faq|contact|nous contacter|help|support)$/i', stage: 'get_help' },
  {
    type: pages,
    event: '/^(connexion|se connecter|mon compte|login|log in|sign in|account)$/i',
    stage: 'come_back',
  },
];

/** Whatever else reaches the call centre or the chat is a request for help. */
const channelSteps: TouchpointRule[] = [{ channel: ['call_centre', 'chat'], stage: 'get_help' }];

/**
 * The mapping used when a business sets none, and tried after its own rules when it does. On the
 * demo business it finds the stages discover, consider, buy, receive, get_help, give_feedback
 * and come_back.
 */
export const defaultTouchpointMapping: TouchpointMapping = {
  rules: [...noStage, ...customerSteps, ...pageSteps, ...channelSteps],
  purchaseActions: ['order_completed'],
};
