import type { CHANNELS } from '../data/tables.ts';

type Channel = (typeof CHANNELS)[number];

/** Failed attempts on one channel before the outbox falls back to the carer's next channel. */
export const ATTEMPTS_PER_CHANNEL = 4;

export interface CarerContacts {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  postalAddress: string | null;
  preferredChannel: Channel;
}

/** Where each channel reaches the carer, or null when they have no address for it. */
export function addressOn(carer: CarerContacts, channel: Channel): string | null {
  switch (channel) {
    case 'APP':
      return carer.id;
    case 'EMAIL':
      return carer.email;
    case 'SMS':
      return carer.phone;
    case 'PAPER_LETTER':
      return carer.postalAddress ?? `Sent home with the child, for ${carer.givenName} ${carer.familyName}`;
  }
}

/**
 * The order the outbox tries a carer's channels in: their preferred one first, then email, SMS, a paper letter
 * and the app — each only when the carer has an address for it (a letter always can be sent home with the
 * child; the app inbox is the last resort).
 */
export function channelOrder(carer: CarerContacts): Channel[] {
  const order: Channel[] = [carer.preferredChannel, 'EMAIL', 'SMS', 'PAPER_LETTER', 'APP'];
  return [...new Set(order)].filter((c) => addressOn(carer, c) !== null);
}

/**
 * After `attempts` failures on `current`: the channel to fall back to (with its address) once this channel has
 * failed ATTEMPTS_PER_CHANNEL times and the carer has a next one; null to keep retrying on `current`.
 */
export function fallbackAfter(
  carer: CarerContacts,
  current: Channel,
  attempts: number,
): { channel: Channel; address: string } | null {
  if (attempts < ATTEMPTS_PER_CHANNEL) return null;
  const order = channelOrder(carer);
  const next = order[order.indexOf(current) + 1];
  if (!next) return null;
  return { channel: next, address: addressOn(carer, next) as string };
}
