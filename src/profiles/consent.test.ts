import { describe, expect, it } from 'vitest';
import { consentView, mayContact } from './consent.ts';

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

describe('consent', () => {
  const view = consentView([
    { purpose: 'marketing', channel: 'all', granted: true, source: 'site-web', observedAt: day(2) },
    { purpose: 'marketing', channel: 'email', granted: false, source: 'newsletter', observedAt: day(5) },
    { purpose: 'marketing', channel: 'sms', granted: false, source: 'crm', observedAt: day(1) },
    { purpose: 'analytics', channel: 'all', granted: false, source: 'app', observedAt: day(3) },
  ]);

  it('follows the latest statement, for every channel or for one', () => {
    expect(mayContact(view, 'marketing', 'email')).toBe(false);
    // Granted everywhere after the SMS opt-out: the later, general statement wins.
    expect(mayContact(view, 'marketing', 'sms')).toBe(true);
    expect(mayContact(view, 'marketing', 'web')).toBe(true);
    expect(mayContact(view, 'analytics', 'web')).toBe(false);
  });

  it('says null when the customer never said', () => {
    expect(mayContact(view, 'personalisation', 'web')).toBeNull();
    expect(mayContact(consentView([]), 'marketing', 'email')).toBeNull();
  });
});
