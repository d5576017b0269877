import { describe, expect, it } from 'vitest';
import { ATTEMPTS_PER_CHANNEL, channelOrder, fallbackAfter } from './delivery.ts';

const carer = {
  id: 'C1',
  givenName: 'Ewa',
  familyName: 'Nowak',
  email: 'ewa@example.org',
  phone: '+447700900123',
  postalAddress: null,
  preferredChannel: 'SMS' as const,
};

describe('falling back to another channel', () => {
  it('tries the preferred channel, then the others the carer has, the app last', () => {
    expect(channelOrder(carer)).toEqual(['SMS', 'EMAIL', 'PAPER_LETTER', 'APP']);
    expect(channelOrder({ ...carer, email: null, preferredChannel: 'EMAIL' })).toEqual([
      'SMS',
      'PAPER_LETTER',
      'APP',
    ]);
  });

  it('keeps retrying a channel until it has failed enough, then moves to the next one', () => {
    expect(fallbackAfter(carer, 'SMS', ATTEMPTS_PER_CHANNEL - 1)).toBeNull();
    expect(fallbackAfter(carer, 'SMS', ATTEMPTS_PER_CHANNEL)).toEqual({
      channel: 'EMAIL',
      address: 'ewa@example.org',
    });
    expect(fallbackAfter(carer, 'EMAIL', ATTEMPTS_PER_CHANNEL)).toEqual({
      channel: 'PAPER_LETTER',
      address: 'Sent home with the child, for Ewa Nowak',
    });
    // The app inbox is the last resort: it keeps being retried.
    expect(fallbackAfter(carer, 'APP', 10)).toBeNull();
  });
});
