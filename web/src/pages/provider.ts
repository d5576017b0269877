import { errorSummary, Forbidden } from '../errors.ts';
import type { Handler } from './types.ts';

export const PROVIDER_BOOKINGS = /* GraphQL */ `
  query WebProviderBookings($after: String) {
    providerBookings(first: 50, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        academicYear
        status
        bookedAt
        cancelledAt
        cost
        school { urn name }
        learner { displayName yearGroup }
        option { id title mode capacity placesLeft withdrawnOn }
      }
    }
  }
`;

interface Booking {
  id: string;
  academicYear: number;
  status: 'BOOKED' | 'CANCELLED';
  bookedAt: string;
  cancelledAt: string | null;
  cost: number;
  school: { urn: number; name: string } | null;
  learner: { displayName: string; yearGroup: number };
  option: {
    id: string;
    title: string;
    mode: string;
    capacity: number;
    placesLeft: number;
    withdrawnOn: string | null;
  };
}
interface ProviderData {
  providerBookings: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Booking[];
  } | null;
}

/**
 * GET /bookings: for an approved provider, the places booked with it (50 a page, `?after=CURSOR`) — the learner as
 * the API shows a provider them (name and year group, nothing else), the school, the option and its places left.
 * The API has nothing more of a provider's own: no list of its options, and no way for it to change them.
 */
export const providerBookingsPage: Handler = async (ctx) => {
  const after = ctx.url.searchParams.get('after') || null;
  const { data, errors } = await ctx.query<ProviderData>(PROVIDER_BOOKINGS, { after });
  const bookings = data?.providerBookings;
  if (!bookings) throw new Forbidden('the bookings made with a provider: this page is for support providers');
  // Each option once, with its places left, from the bookings on this page.
  const options = [...new Map(bookings.nodes.map((b) => [b.option.id, b.option])).values()];
  return {
    view: 'provider-bookings.njk',
    vars: {
      title: 'Bookings with you',
      bookings: bookings.nodes.map((b) => ({ ...b, bookedOn: b.bookedAt.slice(0, 10) })),
      totalCount: bookings.totalCount,
      options,
      next: bookings.pageInfo.hasNextPage
        ? `?after=${encodeURIComponent(bookings.pageInfo.endCursor ?? '')}`
        : undefined,
      errors: errorSummary(errors),
    },
  };
};
