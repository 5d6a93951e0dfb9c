const first = ['Camille', 'Julien', 'Manon', 'Hugo', 'Léa', 'Louis', 'Chloé', 'Nathan', 'Inès', 'Lucas'];
const last = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand'];

/** Swaps the first two letters of the local part: the slip a cashier makes typing an e-mail. */
export const slip = (email: string) => `${email[1]}${email[0]}${email.slice(2)}`;

/**
 * 80 people who sign up on the web (names, e-mail, postcode); 30 of them also give their e-mail at
 * a till, mistyped, on a receipt that shares no identifier with their web profile.
 */
export function population(): object[] {
  const web = [];
  const tills = [];
  for (let i = 0; i < 80; i++) {
    const [given, family] = [first[i % first.length], last[(i * 7) % last.length]] as [string, string];
    const email = `${given
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')}.${family.toLowerCase()}${100 + i}@gmail.com`;
    web.push({
      type: 'identify',
      anonymousId: `web-${i}`,
      traits: { first_name: given, last_name: family, email, postal_code: `750${10 + (i % 10)}` },
      timestamp: '2026-10-01T10:00:00Z',
    });
    if (i < 30)
      tills.push({
        type: 'track',
        event: 'Order Completed',
        anonymousId: `till-${i}`,
        context: { traits: { email: slip(email) } },
        properties: { revenue: 20 + i },
        timestamp: '2026-10-05T15:00:00Z',
      });
  }
  return [...web, ...tills];
}
