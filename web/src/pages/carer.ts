import { errorSummary, Forbidden, NotFound } from '../errors.ts';
import type { GraphQLError } from '../graphql.ts';
import {
  type ParentViewForm,
  type Questionnaire,
  questionnaireView,
  readParentViewForm,
} from './parent-view-form.ts';
import { academicYear, type Handler, type Page } from './types.ts';

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
          school { urn name }
          trafficLights {
            assessedOn subject concept status label subjectName conceptName explanation setByTeacher teacherReason
          }
          messages(first: 10) {
            totalCount
            unreadCount
            nodes { id sentAt from sender body bodyLanguage translated read }
          }
          consultationSlots { id startsAt endsAt booked bookedBy { id } bookedFor { id } learningGuide { name } }
        }
      }
    }
    parentViewQuestionnaire {
      language
      statements { question statement }
      recommend
      answers { answer label }
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
  teacherReason: string | null;
}
interface Child {
  id: string;
  displayName: string;
  school: { urn: number; name: string } | null;
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
      read: boolean;
    }[];
  } | null;
  consultationSlots: Slot[] | null;
}
interface Slot {
  id: string;
  startsAt: string;
  endsAt: string;
  booked: boolean;
  bookedBy: { id: string } | null;
  bookedFor: { id: string } | null;
  learningGuide: { name: string } | null;
}
interface CarerData {
  me: { id: string; displayName: string; preferredLanguage: string; children: Child[] } | null;
  parentViewQuestionnaire: Questionnaire | null;
}

/** Languages written right to left among those the catalogues may hold. */
const RTL = new Set(['ar', 'ur', 'fa', 'he', 'ps', 'yi']);
/** The GOV.UK tag colour of each status (the words on it say the status too). */
export const LIGHT_TAG: Record<string, string> = {
  GREEN: 'govuk-tag--green',
  AMBER: 'govuk-tag--yellow',
  RED: 'govuk-tag--red',
};

function direction(lang: string | null | undefined) {
  return lang && RTL.has(lang.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

async function carer(ctx: Parameters<Handler>[0]) {
  const { data, errors } = await ctx.query<CarerData>(CARER_CHILDREN);
  return { me: data?.me ?? null, questionnaire: data?.parentViewQuestionnaire ?? null, errors };
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

/** What a POST hands back to the child page when it is refused: the form as filled in and what was wrong. */
interface Refusal {
  status: number;
  reply?: string;
  replyError?: string;
  bookingError?: string;
  messagesError?: string;
  parentView?: ParentViewForm;
  parentViewErrors?: Record<string, string>;
}

async function childView(ctx: Parameters<Handler>[0], refusal: Refusal = { status: 200 }) {
  const pupilId = ctx.params.pupilId ?? '';
  const { me, questionnaire, errors } = await carer(ctx);
  const child = me?.children.find((c) => c.id === pupilId);
  // Only a carer's own linked children are here: anyone else (another carer, staff) is refused.
  if (!child || !me)
    throw new Forbidden(`child ${pupilId}: this page is for the child's own parents and carers`);
  const lang = me.preferredLanguage;
  const said = (name: string) => ctx.url.searchParams.get(name) === '1';
  const { reply = '', replyError = '', bookingError = '', messagesError = '' } = refusal;
  const parentViewErrors = refusal.parentViewErrors ?? {};
  return {
    status: refusal.status,
    view: 'child.njk',
    vars: {
      reply,
      replyError,
      sent: said('sent'),
      title: child.displayName,
      me,
      child,
      lang,
      dir: direction(lang),
      lights: (child.trafficLights ?? []).map((l) => ({ ...l, tag: LIGHT_TAG[l.status] ?? '' })),
      messages: (child.messages?.nodes ?? []).map((m) => ({
        ...m,
        lang: m.bodyLanguage,
        dir: direction(m.bodyLanguage),
        sentOn: m.sentAt.slice(0, 10),
        // Only messages to the carer are theirs to mark read.
        unread: m.sender !== 'CARER' && !m.read,
      })),
      unreadCount: child.messages?.unreadCount ?? 0,
      markedRead: said('read'),
      messagesError,
      booked: said('booked'),
      cancelled: said('cancelled'),
      bookingError,
      // Upcoming slots of the child's learning guide: free ones, and this carer's own bookings for this child.
      slots: (child.consultationSlots ?? [])
        .filter((slot) => Date.parse(slot.endsAt) > Date.now())
        .filter((slot) => !slot.booked || slot.bookedFor?.id === child.id)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .map((slot) => ({ ...slot, when: slotTime(slot), mine: slot.bookedBy?.id === me.id })),
      parentView: questionnaire
        ? questionnaireView(questionnaire, refusal.parentView ?? {}, parentViewErrors)
        : null,
      parentViewYear: academicYear(ctx.url),
      // Carried on the form's address only when the page was asked for another year.
      year: ctx.url.searchParams.has('year') ? academicYear(ctx.url) : undefined,
      answered: said('answered'),
      errors: [
        ...(replyError ? [{ text: replyError, href: '#reply' }] : []),
        ...(messagesError ? [{ text: messagesError, href: '#messages-heading' }] : []),
        ...(bookingError ? [{ text: bookingError, href: '#consultations' }] : []),
        ...Object.entries(parentViewErrors).map(([field, text]) => ({ text, href: `#${field}` })),
        ...errorSummary(errors),
      ],
    },
  };
}

/** The child's page as a 403 when the API refused the carer the thing posted about. */
function refuseIfNotTheirs(errors: GraphQLError[], pupilId: string) {
  if (errors.some((e) => e.extensions?.code === 'FORBIDDEN'))
    throw new Forbidden(`child ${pupilId}: this page is for the child's own parents and carers`);
}

/** The child's name for the carer's own words on the page, or "your child". */
async function childName(ctx: Parameters<Handler>[0], pupilId: string) {
  const { me } = await carer(ctx);
  return me?.children.find((c) => c.id === pupilId)?.displayName ?? 'your child';
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
  if (!body) return childView(ctx, { status: 400, reply: body, replyError: 'Enter your message' });
  if (body.length > 2000)
    return childView(ctx, {
      status: 400,
      reply: body,
      replyError: 'Your message must be 2,000 characters or fewer',
    });
  const { errors } = await ctx.query<{ sendMessage: { id: string } }>(SEND_MESSAGE, {
    input: { pupilId, body },
  });
  refuseIfNotTheirs(errors, pupilId);
  if (errors.length > 0)
    return childView(ctx, { status: 400, reply: body, replyError: errors.map((e) => e.message).join('; ') });
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
  if (!slotId) return childView(ctx, { status: 400, bookingError: 'Choose a time to book' });
  const { errors } = await ctx.query<{ bookConsultation: { id: string } }>(BOOK_CONSULTATION, {
    slotId,
    pupilId,
  });
  refuseIfNotTheirs(errors, pupilId);
  if (errors.length > 0) {
    const name = await childName(ctx, pupilId);
    const words = errors.map(
      (e) => bookingRefusal(e.extensions?.code, e.extensions?.field, name) ?? e.message,
    );
    return childView(ctx, { status: 409, bookingError: [...new Set(words)].join(' ') });
  }
  return { redirect: `/children/${encodeURIComponent(pupilId)}?booked=1#consultations` };
};

export const CANCEL_CONSULTATION = /* GraphQL */ `
  mutation WebCancelConsultation($slotId: ID!) {
    cancelConsultation(slotId: $slotId) { id booked }
  }
`;

/**
 * A carer's one-button action on their child's page: the child must be theirs (else 403, whatever was posted),
 * the form must carry the id the button is about (else 400), then the API's refusal is said in plain words on the
 * page; done, back to the page with its confirmation.
 */
async function childAction(
  ctx: Parameters<Handler>[0],
  action: {
    field: string;
    missing: Omit<Refusal, 'status'>;
    mutation: string;
    variable: string;
    refused: (childName: string) => Refusal;
    done: string;
  },
): Promise<Page> {
  const pupilId = ctx.params.pupilId ?? '';
  const page = await childView(ctx);
  const value = (ctx.form.get(action.field) ?? '').trim();
  if (!value) return childView(ctx, { status: 400, ...action.missing });
  const { errors } = await ctx.query(action.mutation, { [action.variable]: value });
  refuseIfNotTheirs(errors, pupilId);
  if (errors.length > 0) return childView(ctx, action.refused(page.vars.child.displayName));
  return { redirect: `/children/${encodeURIComponent(pupilId)}?${action.done}` };
}

/**
 * POST /children/{pupilId}/consultations/cancel: the carer cancels their own booking (`slotId`) and the time is
 * free again. A booking that is not theirs (or no longer there) is said in plain words (409) and changes nothing.
 */
export const cancelConsultation: Handler = (ctx) =>
  childAction(ctx, {
    field: 'slotId',
    missing: { bookingError: 'Choose a booking to cancel' },
    mutation: CANCEL_CONSULTATION,
    variable: 'slotId',
    refused: (name) => ({
      status: 409,
      bookingError: `You have no booking at that time to cancel for ${name}: it may have been cancelled already.`,
    }),
    done: 'cancelled=1#consultations',
  });

export const MARK_MESSAGE_READ = /* GraphQL */ `
  mutation WebMarkMessageRead($id: ID!) {
    markMessageRead(id: $id) { id read }
  }
`;

/**
 * POST /children/{pupilId}/messages/read: the carer marks a message to them (`messageId`) as read; the unread
 * count goes down. A message that is not to them is refused (403), one that is not there said so (404).
 */
export const markMessageRead: Handler = (ctx) =>
  childAction(ctx, {
    field: 'messageId',
    missing: { messagesError: 'Choose a message to mark as read' },
    mutation: MARK_MESSAGE_READ,
    variable: 'id',
    refused: () => ({
      status: 404,
      messagesError: 'That message is not there to mark as read. Choose one from the list.',
    }),
    done: 'read=1#messages-heading',
  });

export const SUBMIT_PARENT_VIEW = /* GraphQL */ `
  mutation WebSubmitParentView($input: ParentViewInput!) {
    submitParentView(input: $input) { id }
  }
`;

/**
 * POST /children/{pupilId}/parent-view: the carer answers Parent View for the child's school and the academic
 * year (`?year=`, this one by default). A missing or unknown answer comes back on the form, naming its question
 * (400); a second response for the same school and year is said in plain words (409); neither stores anything.
 */
export const submitParentView: Handler = async (ctx) => {
  const pupilId = ctx.params.pupilId ?? '';
  const { me, questionnaire } = await carer(ctx);
  const child = me?.children.find((c) => c.id === pupilId);
  if (!child?.school || !questionnaire)
    throw new Forbidden(`child ${pupilId}: this page is for the child's own parents and carers`);
  const read = readParentViewForm(questionnaire, ctx.form);
  if ('errors' in read)
    return childView(ctx, { status: 400, parentView: read.form, parentViewErrors: read.errors });
  const { errors } = await ctx.query<{ submitParentView: { id: string } }>(SUBMIT_PARENT_VIEW, {
    input: { urn: child.school.urn, academicYear: academicYear(ctx.url), ...read.ok },
  });
  refuseIfNotTheirs(errors, pupilId);
  if (errors.length > 0) {
    const again = errors.some((e) => e.extensions?.code === 'CONFLICT');
    const form = Object.fromEntries(ctx.form);
    return childView(ctx, {
      status: again ? 409 : 400,
      parentView: form,
      parentViewErrors: {
        'parent-view': again
          ? `You have already answered Parent View for ${child.school.name} this year. Each parent answers once a year.`
          : errors.map((e) => e.message).join('; '),
      },
    });
  }
  const year = ctx.url.searchParams.get('year');
  return {
    redirect: `/children/${encodeURIComponent(pupilId)}?answered=1${year ? `&year=${encodeURIComponent(year)}` : ''}#parent-view`,
  };
};
