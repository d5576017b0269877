import { errorSummary, Forbidden, NotFound } from '../errors.ts';
import type { Handler } from './types.ts';

export const CARER_CHILDREN = /* GraphQL */ `
  query WebCarerChildren {
    me {
      ... on Carer {
        id
        displayName
        preferredLanguage
        children {
          id
          displayName
          trafficLights { assessedOn subject concept status label subjectName conceptName explanation setByTeacher }
          messages(first: 10) {
            totalCount
            unreadCount
            nodes { id sentAt from sender body bodyLanguage translated }
          }
          consultationSlots { id startsAt endsAt booked bookedFor { id } learningGuide { name } }
        }
      }
    }
  }
`;

interface Light {
  assessedOn: string;
  subject: string;
  concept: string;
  status: 'GREEN' | 'AMBER' | 'RED';
  label: string;
  subjectName: string;
  conceptName: string;
  explanation: string;
  setByTeacher: boolean;
}
interface Child {
  id: string;
  displayName: string;
  trafficLights: Light[] | null;
  messages: {
    totalCount: number;
    unreadCount: number;
    nodes: {
      id: string;
      sentAt: string;
      from: string;
      sender: string;
      body: string;
      bodyLanguage: string | null;
      translated: boolean;
    }[];
  } | null;
  consultationSlots: Slot[] | null;
}
interface Slot {
  id: string;
  startsAt: string;
  endsAt: string;
  booked: boolean;
  bookedFor: { id: string } | null;
  learningGuide: { name: string } | null;
}
interface CarerData {
  me: { id: string; displayName: string; preferredLanguage: string; children: Child[] } | null;
}

/** Languages written right to left among those the catalogues may hold. */
const RTL = new Set(['ar', 'ur', 'fa', 'he', 'ps', 'yi']);
const TAG: Record<string, string> = {
  GREEN: 'govuk-tag--green',
  AMBER: 'govuk-tag--yellow',
  RED: 'govuk-tag--red',
};

function direction(lang: string | null | undefined) {
  return lang && RTL.has(lang.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

async function carer(ctx: Parameters<Handler>[0]) {
  const { data, errors } = await ctx.query<CarerData>(CARER_CHILDREN);
  return { me: data?.me ?? null, errors };
}

/** GET /children: a carer's children. */
export const childrenPage: Handler = async (ctx) => {
  const { me, errors } = await carer(ctx);
  if (!me) throw new NotFound('This page is for parents and carers. Sign in as one to see your children.');
  if (me.children.length === 1 && errors.length === 0 && me.children[0])
    return { redirect: `/children/${encodeURIComponent(me.children[0].id)}` };
  return {
    view: 'children.njk',
    vars: { title: 'Your children', me, errors: errorSummary(errors) },
  };
};

/**
 * GET /children/{pupilId}: the child's traffic lights and messages, in the carer's language where the API gives
 * it (the parts in it carry `lang`, and `dir="rtl"` for Urdu and Arabic); the page around them is in English.
 */
export const childPage: Handler = (ctx) => childView(ctx);

/** A slot's time as a carer reads it: "Tuesday 8 December 2026, 3:30pm to 3:45pm" (UK time). */
function slotTime(slot: Slot): string {
  const zone = { timeZone: 'Europe/London' } as const;
  const day = new Date(slot.startsAt).toLocaleDateString('en-GB', {
    ...zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = (iso: string) =>
    new Date(iso)
      .toLocaleTimeString('en-GB', { ...zone, hour: 'numeric', minute: '2-digit', hour12: true })
      .replace(' ', '');
  return `${day}, ${time(slot.startsAt)} to ${time(slot.endsAt)}`;
}

async function childView(
  ctx: Parameters<Handler>[0],
  reply = '',
  replyError = '',
  status = 200,
  bookingError = '',
) {
  const pupilId = ctx.params.pupilId ?? '';
  const { me, errors } = await carer(ctx);
  const child = me?.children.find((c) => c.id === pupilId);
  // Only a carer's own linked children are here: anyone else (another carer, staff) is refused.
  if (!child || !me)
    throw new Forbidden(`child ${pupilId}: this page is for the child's own parents and carers`);
  const lang = me.preferredLanguage;
  return {
    status,
    view: 'child.njk',
    vars: {
      reply,
      replyError,
      sent: ctx.url.searchParams.get('sent') === '1',
      title: child.displayName,
      me,
      child,
      lang,
      dir: direction(lang),
      lights: (child.trafficLights ?? []).map((l) => ({ ...l, tag: TAG[l.status] ?? '' })),
      messages: (child.messages?.nodes ?? []).map((m) => ({
        ...m,
        lang: m.bodyLanguage,
        dir: direction(m.bodyLanguage),
        sentOn: m.sentAt.slice(0, 10),
      })),
      booked: ctx.url.searchParams.get('booked') === '1',
      bookingError,
      // Upcoming slots of the child's learning guide: free ones, and this carer's own bookings for this child.
      slots: (child.consultationSlots ?? [])
        .filter((slot) => Date.parse(slot.endsAt) > Date.now())
        .filter((slot) => !slot.booked || slot.bookedFor?.id === child.id)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .map((slot) => ({ ...slot, when: slotTime(slot) })),
      errors: [
        ...(replyError ? [{ text: replyError, href: '#reply' }] : []),
        ...(bookingError ? [{ text: bookingError, href: '#consultations' }] : []),
        ...errorSummary(errors),
      ],
    },
  };
}

export const SEND_MESSAGE = /* GraphQL */ `
  mutation WebSendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) { id }
  }
`;

/** POST /children/{pupilId}/messages: the carer writes to the child's learning guide. */
export const sendMessage: Handler = async (ctx) => {
  const pupilId = ctx.params.pupilId ?? '';
  const body = (ctx.form.get('body') ?? '').trim();
  if (!body) return childView(ctx, body, 'Enter your message', 400);
  if (body.length > 2000) return childView(ctx, body, 'Your message must be 2,000 characters or fewer', 400);
  const { errors } = await ctx.query<{ sendMessage: { id: string } }>(SEND_MESSAGE, {
    input: { pupilId, body },
  });
  if (errors.some((e) => e.extensions?.code === 'FORBIDDEN'))
    throw new Forbidden(`child ${pupilId}: this page is for the child's own parents and carers`);
  if (errors.length > 0) return childView(ctx, body, errors.map((e) => e.message).join('; '), 400);
  return { redirect: `/children/${encodeURIComponent(pupilId)}?sent=1#messages-heading` };
};

export const BOOK_CONSULTATION = /* GraphQL */ `
  mutation WebBookConsultation($slotId: ID!, $pupilId: ID!) {
    bookConsultation(slotId: $slotId, pupilId: $pupilId) { id booked }
  }
`;

/** What a refused booking means, in plain words (the API's code and the field it is about). */
function bookingRefusal(code: string | undefined, field: unknown, child: string): string | undefined {
  if (code === 'CONFLICT' && field === 'pupilId')
    return `You already have as many consultations booked for ${child} as the school allows. You can book another once one has taken place.`;
  if (code === 'CONFLICT') return 'Someone else has just booked that time. Choose another time.';
  if (code === 'BAD_USER_INPUT' && field === 'slotId')
    return `That time has passed or is not one ${child}'s learning guide offers. Choose another time.`;
  return undefined;
}

/** POST /children/{pupilId}/consultations: the carer books a free slot with the child's learning guide. */
export const bookConsultation: Handler = async (ctx) => {
  const pupilId = ctx.params.pupilId ?? '';
  const slotId = (ctx.form.get('slotId') ?? '').trim();
  if (!slotId) return childView(ctx, '', '', 400, 'Choose a time to book');
  const { errors } = await ctx.query<{ bookConsultation: { id: string } }>(BOOK_CONSULTATION, {
    slotId,
    pupilId,
  });
  if (errors.some((e) => e.extensions?.code === 'FORBIDDEN'))
    throw new Forbidden(`child ${pupilId}: this page is for the child's own parents and carers`);
  if (errors.length > 0) {
    const { me } = await carer(ctx);
    const name = me?.children.find((c) => c.id === pupilId)?.displayName ?? 'your child';
    const words = errors.map(
      (e) => bookingRefusal(e.extensions?.code, e.extensions?.field, name) ?? e.message,
    );
    return childView(ctx, '', '', 409, [...new Set(words)].join(' '));
  }
  return { redirect: `/children/${encodeURIComponent(pupilId)}?booked=1#consultations` };
};
