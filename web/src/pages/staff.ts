import { errorSummary, NotFound, refuseIfForbidden } from '../errors.ts';
import { LIGHT_TAG } from './carer.ts';
import type { Handler } from './types.ts';

/**
 * Pages for the staff of a pupil's school about the pupil's family side: the messages carers sent (marking
 * them read) and the traffic lights carers see (setting one with a reason). The API allows both to the
 * school's own staff only; anyone else gets the no-access page.
 */

export const PUPIL_MESSAGES = /* GraphQL */ `
  query WebPupilMessages($id: ID!) {
    pupil(id: $id) {
      id
      displayName
      school { urn name }
      messages(first: 50) {
        totalCount
        unreadCount
        nodes { id sentAt from sender body read kind }
      }
    }
  }
`;

interface MessagesData {
  pupil: {
    id: string;
    displayName: string;
    school: { urn: number; name: string };
    messages: {
      totalCount: number;
      unreadCount: number;
      nodes: { id: string; sentAt: string; from: string; sender: string; body: string; read: boolean }[];
    } | null;
  } | null;
}

/** A carer who follows a link here reads the same things on their child's own page. */
function carerElsewhere(ctx: Parameters<Handler>[0], anchor: string) {
  const id = ctx.params.id ?? '';
  return ctx.session.role === 'carer' ? { redirect: `/children/${encodeURIComponent(id)}#${anchor}` } : null;
}

async function messagesView(ctx: Parameters<Handler>[0], status = 200, problem = '') {
  const id = ctx.params.id ?? '';
  const { data, errors } = await ctx.query<MessagesData>(PUPIL_MESSAGES, { id });
  refuseIfForbidden(errors, `the messages about pupil ${id}`, data?.pupil?.messages);
  const pupil = data?.pupil;
  if (!pupil) throw new NotFound(`There is no pupil ${id}.`);
  return {
    status,
    view: 'pupil-messages.njk',
    vars: {
      title: `Messages about ${pupil.displayName}`,
      pupil,
      marked: ctx.url.searchParams.get('read') === '1',
      problem,
      messages: (pupil.messages?.nodes ?? []).map((m) => ({
        ...m,
        sentOn: m.sentAt.slice(0, 10),
        // Staff mark read what carers sent to the school; what the school sent is the carer's to read.
        unread: m.sender === 'CARER' && !m.read,
      })),
      errors: [...(problem ? [{ text: problem, href: '#messages' }] : []), ...errorSummary(errors)],
    },
  };
}

/** GET /pupils/{id}/messages: every carer's messages about the pupil, newest first, unread ones marked. */
export const pupilMessagesPage: Handler = async (ctx) =>
  carerElsewhere(ctx, 'messages-heading') ?? messagesView(ctx);

export const STAFF_MARK_READ = /* GraphQL */ `
  mutation WebStaffMarkMessageRead($id: ID!) {
    markMessageRead(id: $id) { id read }
  }
`;

/** POST /pupils/{id}/messages/read: marks a carer's message (`messageId`) read; the unread count follows. */
export const markCarerMessageRead: Handler = async (ctx) => {
  const id = ctx.params.id ?? '';
  const messageId = (ctx.form.get('messageId') ?? '').trim();
  if (!messageId) return messagesView(ctx, 400, 'Choose a message to mark as read');
  const { errors } = await ctx.query(STAFF_MARK_READ, { id: messageId });
  refuseIfForbidden(errors, `marking message ${messageId} read`, null);
  if (errors.length > 0)
    return messagesView(ctx, 404, 'That message is not there to mark as read. Choose one from the list.');
  return { redirect: `/pupils/${encodeURIComponent(id)}/messages?read=1#messages` };
};

export const PUPIL_LIGHTS = /* GraphQL */ `
  query WebPupilTrafficLights($id: ID!) {
    pupil(id: $id) {
      id
      displayName
      school { urn name }
      trafficLights { assessedOn subject concept status label subjectName conceptName setByTeacher teacherReason }
    }
  }
`;

interface TeacherLight {
  assessedOn: string;
  subject: string;
  concept: string;
  status: string;
  label: string;
  subjectName: string;
  conceptName: string;
  setByTeacher: boolean;
  teacherReason: string | null;
}
interface LightsData {
  pupil: {
    id: string;
    displayName: string;
    school: { urn: number; name: string };
    trafficLights: TeacherLight[] | null;
  } | null;
}

const STATUSES = ['GREEN', 'AMBER', 'RED'] as const;
const MAX_REASON = 500;

/** A light as the form names it: the assessment, subject and concept it is for. */
const lightKey = (l: { assessedOn: string; subject: string; concept: string }) =>
  `${l.assessedOn}/${l.subject}/${l.concept}`;

interface LightForm {
  light?: string;
  status?: string;
  reason?: string;
}

async function lightsView(
  ctx: Parameters<Handler>[0],
  form: LightForm = {},
  fieldErrors: Record<string, string> = {},
  status = 200,
) {
  const id = ctx.params.id ?? '';
  const { data, errors } = await ctx.query<LightsData>(PUPIL_LIGHTS, { id });
  refuseIfForbidden(errors, `the traffic lights of pupil ${id}`, data?.pupil?.trafficLights);
  const pupil = data?.pupil;
  if (!pupil) throw new NotFound(`There is no pupil ${id}.`);
  const lights = pupil.trafficLights ?? [];
  return {
    status,
    view: 'pupil-lights.njk',
    vars: {
      title: `${pupil.displayName}'s traffic lights`,
      pupil,
      lights: lights.map((l) => ({ ...l, key: lightKey(l), tag: LIGHT_TAG[l.status] ?? '' })),
      set: ctx.url.searchParams.get('set') === '1',
      form,
      fieldErrors,
      lightItems: lights.map((l) => ({
        value: lightKey(l),
        text: `${l.subjectName}: ${l.conceptName} (now ${l.label.toLowerCase()})`,
        selected: form.light === lightKey(l),
      })),
      statusItems: STATUSES.map((s) => ({
        value: s,
        text:
          s === 'GREEN'
            ? 'On track (green)'
            : s === 'AMBER'
              ? 'Nearly there (amber)'
              : 'Needs more help (red)',
        checked: form.status === s,
      })),
      errors: [
        ...Object.entries(fieldErrors).map(([field, text]) => ({ text, href: `#${field}` })),
        ...errorSummary(errors),
      ],
    },
  };
}

/** GET /pupils/{id}/traffic-lights: the lights carers see, which a teacher set, and a form to set one. */
export const pupilLightsPage: Handler = async (ctx) => carerElsewhere(ctx, 'lights') ?? lightsView(ctx);

export const SET_TRAFFIC_LIGHT = /* GraphQL */ `
  mutation WebSetTrafficLight($input: SetTrafficLightInput!) {
    setTrafficLight(input: $input) { status }
  }
`;

/** Which form field an API refusal of `setTrafficLight` is about. */
const FIELD_OF: Record<string, string> = {
  reason: 'reason',
  status: 'status',
  assessedOn: 'light',
  subject: 'light',
  concept: 'light',
};

/**
 * POST /pupils/{id}/traffic-lights: a teacher sets one of the pupil's lights (`light`, as the page lists them),
 * with a status and a reason the carer reads. Anything missing or wrong comes back on the form, field by field
 * (400), and nothing is stored.
 */
export const setTrafficLight: Handler = async (ctx) => {
  const id = ctx.params.id ?? '';
  const form = {
    light: (ctx.form.get('light') ?? '').trim(),
    status: (ctx.form.get('status') ?? '').trim(),
    reason: (ctx.form.get('reason') ?? '').trim(),
  };
  const fieldErrors: Record<string, string> = {};
  const [assessedOn, subject, concept] = form.light.split('/');
  if (!assessedOn || !subject || !concept) fieldErrors.light = 'Choose the traffic light to set';
  if (!(STATUSES as readonly string[]).includes(form.status)) fieldErrors.status = 'Choose a status';
  if (!form.reason) fieldErrors.reason = 'Enter why, in words for the parents';
  else if (form.reason.length > MAX_REASON)
    fieldErrors.reason = `The reason must be ${MAX_REASON} characters or fewer`;
  if (Object.keys(fieldErrors).length > 0) return lightsView(ctx, form, fieldErrors, 400);
  const { errors } = await ctx.query(SET_TRAFFIC_LIGHT, {
    input: { pupilId: id, assessedOn, subject, concept, status: form.status, reason: form.reason },
  });
  refuseIfForbidden(errors, `setting the traffic lights of pupil ${id}`, null);
  if (errors.length > 0) {
    const apiErrors: Record<string, string> = {};
    for (const e of errors) {
      const field = FIELD_OF[String(e.extensions?.field ?? '')] ?? 'light';
      apiErrors[field] = apiErrors[field] ? `${apiErrors[field]} ${e.message}` : e.message;
    }
    return lightsView(ctx, form, apiErrors, 400);
  }
  return { redirect: `/pupils/${encodeURIComponent(id)}/traffic-lights?set=1#lights` };
};
