import { auditOf, badUserInput, conflict, forbidden, notFound } from '@commonroom/subgraph-kit';
import type { ParentsContext } from '../context.ts';
import { bookSlotWithinLimit, offerSlots, setBookingsPerChild } from '../data/consultations.ts';
import * as write from '../data/write.ts';
import { catalogueFor } from '../i18n/index.ts';
import { AGREE_SCALE, QUESTION_KEYS } from '../rules/survey.ts';
import { canonicalTag, checkTranslations, type TranslationInput } from '../rules/translations.ts';
import { requireChild } from './access.ts';

const MAX_BODY = 5000;

function messageBody(body: string, field = 'body') {
  const text = body.trim();
  if (text.length === 0) throw badUserInput('Write something to send.', field);
  if (text.length > MAX_BODY) throw badUserInput(`At most ${MAX_BODY} characters.`, field);
  return text;
}

function slotId(id: string) {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n < 1) throw badUserInput('Not a slot id.', 'slotId');
  return n;
}

interface SendMessageInput {
  pupilId: string;
  body: string;
  carerId?: string | null;
  toSchool?: boolean | null;
  language?: string | null;
  translations?: TranslationInput[] | null;
}

/** The language staff wrote in (English by default) and their checked translations; BAD_USER_INPUT otherwise. */
function staffLanguages(
  language: string | null | undefined,
  translations: TranslationInput[] | null | undefined,
) {
  const original = canonicalTag(language ?? 'en');
  if (!original)
    throw badUserInput(`"${language}" is not a language tag (BCP 47, e.g. en or pl).`, 'language');
  const checked = checkTranslations(original, translations ?? [], MAX_BODY);
  if ('problem' in checked) throw badUserInput(checked.problem, 'translations');
  return { language: original, translations: checked.translations };
}

interface ParentViewInput {
  urn: number;
  academicYear: number;
  term?: number | null;
  answers: { question: string; answer: string }[];
  recommend: boolean;
}

/**
 * Who a member of staff writes as: the child's learning guide, in the guide's thread, or else the school (by
 * its name) in the school's thread.
 */
function staffSender(
  staffId: string,
  pupil: { learningGuideId: string | null },
  staff: { name: string } | null | undefined,
  school: { name: string } | null | undefined,
) {
  const isGuide = staffId === pupil.learningGuideId;
  return {
    threadStaffId: isGuide ? staffId : null,
    sender: isGuide ? ('LEARNING_GUIDE' as const) : ('SCHOOL' as const),
    senderStaffId: staffId,
    senderName: isGuide ? (staff?.name ?? 'Learning guide') : (school?.name ?? 'School'),
  };
}

export const Mutation = {
  async sendMessage(_: unknown, { input }: { input: SendMessageInput }, context: ParentsContext) {
    const { viewer, loaders, db } = context;
    const body = messageBody(input.body);
    const pupil = await requireChild(input.pupilId, context);
    if (viewer.role === 'carer') {
      if (input.translations?.length || input.language)
        throw badUserInput(
          'Translations are added by the school.',
          input.language ? 'language' : 'translations',
        );
      const carer = await loaders.carer.load(viewer.carerId);
      if (!carer) throw forbidden('No carer record for you.');
      const staffId = input.toSchool ? null : pupil.learningGuideId;
      return write.insertMessage(db, {
        carer,
        pupil,
        threadStaffId: staffId,
        sender: 'CARER',
        senderStaffId: null,
        senderName: `${carer.givenName} ${carer.familyName}`,
        kind: 'MESSAGE',
        body,
        language: null,
      });
    }
    if (viewer.role !== 'school_staff') throw forbidden();
    const languages = staffLanguages(input.language, input.translations);
    if (!input.carerId) throw badUserInput("Say which of the child's carers to write to.", 'carerId');
    const links = await loaders.linksOfPupil.load(pupil.id);
    if (!links.some((l) => l.carerId === input.carerId))
      throw badUserInput("That carer is not one of the child's carers.", 'carerId');
    const [carer, staff, school] = await Promise.all([
      loaders.carer.load(input.carerId),
      loaders.staff.load(viewer.staffId),
      loaders.school.load(pupil.urn),
    ]);
    if (!carer) throw notFound(`No carer ${input.carerId}.`);
    return write.insertMessage(db, {
      carer,
      pupil,
      ...staffSender(viewer.staffId, pupil, staff, school),
      kind: 'MESSAGE',
      body,
      ...languages,
    });
  },

  async sendDoneWell(
    _: unknown,
    args: {
      pupilId: string;
      note: string;
      language?: string | null;
      translations?: TranslationInput[] | null;
    },
    context: ParentsContext,
  ) {
    const { viewer, loaders, db } = context;
    if (viewer.role !== 'school_staff') throw forbidden("Only the child's school sends good news.");
    const { pupilId } = args;
    const text = messageBody(args.note, 'note');
    const languages = staffLanguages(args.language, args.translations);
    // Each version starts with the good-news line in its own language, then the note.
    const withIntro = (language: string, note: string) =>
      `${catalogueFor(language).catalogue.doneWell}\n\n${note}`;
    const pupil = await requireChild(pupilId, context);
    const links = (await loaders.linksOfPupil.load(pupil.id)).filter((l) => l.parentalResponsibility);
    const [staff, school] = await Promise.all([
      loaders.staff.load(viewer.staffId),
      loaders.school.load(pupil.urn),
    ]);
    const sender = staffSender(viewer.staffId, pupil, staff, school);
    // The carers in one batch; the messages one after another (each its own outbox row).
    const carers = await loaders.carer.loadMany(links.map((l) => l.carerId));
    const sent = [];
    for (const carer of carers) {
      if (!carer || carer instanceof Error) continue;
      sent.push(
        await write.insertMessage(db, {
          carer,
          pupil,
          ...sender,
          kind: 'DONE_WELL',
          body: `${catalogueFor(carer.preferredLanguage).catalogue.doneWell}\n\n${text}`,
          language: languages.language,
          translations: languages.translations.map((t) => ({
            language: t.language,
            body: withIntro(t.language, t.body),
          })),
        }),
      );
    }
    return sent;
  },

  async markMessageRead(_: unknown, { id }: { id: string }, { viewer, loaders, db }: ParentsContext) {
    const messageId = Number(id);
    const message = Number.isSafeInteger(messageId) ? await loaders.message.load(messageId) : null;
    if (!message) throw notFound(`No message ${id}.`);
    const toViewer =
      (viewer.role === 'carer' && message.carerId === viewer.carerId && message.sender !== 'CARER') ||
      (viewer.role === 'school_staff' && message.urn === viewer.urn && message.sender === 'CARER');
    if (!toViewer) throw forbidden('Only the recipient marks a message read.');
    return write.markRead(db, messageId);
  },

  async submitParentView(_: unknown, { input }: { input: ParentViewInput }, context: ParentsContext) {
    const { viewer, loaders, db } = context;
    if (viewer.role !== 'carer') throw forbidden('Parent View is answered by carers.');
    if (!Number.isInteger(input.academicYear) || input.academicYear < 2000 || input.academicYear > 2100)
      throw badUserInput('academicYear is the year the academic year starts, e.g. 2025.', 'academicYear');
    const term = input.term ?? 0;
    if (![0, 1, 2, 3].includes(term)) throw badUserInput('term is 1, 2 or 3, or left out.', 'term');
    const seen = new Set<string>();
    for (const a of input.answers) {
      if (seen.has(a.question)) throw badUserInput(`${a.question} is answered twice.`, 'answers');
      if (!QUESTION_KEYS.includes(a.question as never) || !AGREE_SCALE.includes(a.answer as never))
        throw badUserInput('Unknown question or answer.', 'answers');
      seen.add(a.question);
    }
    // A response names no pupil: the trail records the school it is about, so its trust's DPO sees it.
    auditOf(context)?.notePupils([], input.urn);
    const links = await loaders.linksOfCarer.load(viewer.carerId);
    if (!links.some((l) => l.urn === input.urn))
      throw forbidden('You can answer Parent View only for a school where you have a child.');
    const row = await write.insertSurveyResponse(db, {
      carerId: viewer.carerId,
      urn: input.urn,
      academicYear: input.academicYear,
      term,
      recommend: input.recommend,
      answers: input.answers,
    });
    return {
      id: row.id,
      urn: row.urn,
      academicYear: row.academicYear,
      term: row.term === 0 ? null : row.term,
      submittedAt: row.submittedAt.toISOString(),
    };
  },

  async bookConsultation(_: unknown, args: { slotId: string; pupilId: string }, context: ParentsContext) {
    const { viewer, loaders, db } = context;
    if (viewer.role !== 'carer') throw forbidden('Carers book consultations.');
    const pupil = await requireChild(args.pupilId, context);
    const slot = await loaders.slot.load(slotId(args.slotId));
    if (!slot) throw notFound(`No slot ${args.slotId}.`);
    if (slot.urn !== pupil.urn || slot.staffId !== pupil.learningGuideId)
      throw badUserInput("That slot is not with your child's learning guide.", 'slotId');
    if (slot.startsAt.getTime() <= Date.now())
      throw badUserInput('That slot has already started: choose a later one.', 'slotId');
    const outcome = await bookSlotWithinLimit(db, slot, viewer.carerId, pupil.id);
    if ('taken' in outcome)
      throw conflict('That slot has just been booked by someone else.', { field: 'slotId' });
    if ('limitReached' in outcome)
      throw conflict(
        `The school allows ${outcome.limitReached} upcoming consultation${outcome.limitReached === 1 ? '' : 's'} per child: cancel one to book another.`,
        { field: 'pupilId', limit: outcome.limitReached },
      );
    return outcome.booked;
  },

  async cancelConsultation(_: unknown, args: { slotId: string }, context: ParentsContext) {
    const { viewer, db } = context;
    if (viewer.role !== 'carer') throw forbidden('Carers cancel their own bookings.');
    const freed = await write.cancelSlot(db, slotId(args.slotId), viewer.carerId);
    if (!freed) throw notFound('You have no booking for that slot.');
    // The freed slot names no child any more: the trail names the one it was booked for, and their school.
    auditOf(context)?.notePupils([freed.pupilId], freed.slot.urn);
    return freed.slot;
  },

  async offerConsultationSlots(
    _: unknown,
    { input }: { input: { staffId?: string | null; startsAt: string; minutes: number; count: number } },
    { viewer, loaders, db }: ParentsContext,
  ) {
    if (viewer.role !== 'school_staff') throw forbidden('School staff offer consultation slots.');
    const staffId = input.staffId ?? viewer.staffId;
    const staff = await loaders.staff.load(staffId);
    if (!staff || staff.urn !== viewer.urn) throw badUserInput('Not a member of your staff.', 'staffId');
    const start = new Date(input.startsAt);
    if (Number.isNaN(start.getTime())) throw badUserInput('startsAt is an ISO date-time.', 'startsAt');
    if (!Number.isInteger(input.minutes) || input.minutes < 5 || input.minutes > 60)
      throw badUserInput('minutes is 5–60.', 'minutes');
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > 40)
      throw badUserInput('count is 1–40.', 'count');
    const length = input.minutes * 60_000;
    const offered = await offerSlots(
      db,
      staffId,
      Array.from({ length: input.count }, (_, i) => ({
        urn: viewer.urn,
        staffId,
        startsAt: new Date(start.getTime() + i * length),
        endsAt: new Date(start.getTime() + (i + 1) * length),
      })),
    );
    if ('clash' in offered)
      throw conflict(
        `The learning guide already has a slot from ${offered.clash.startsAt.toISOString()} to ${offered.clash.endsAt.toISOString()}: slots never overlap.`,
        { field: 'startsAt' },
      );
    return offered.inserted;
  },

  async setConsultationBookingsPerChild(
    _: unknown,
    args: { urn: number; perChild: number },
    { viewer, loaders, db }: ParentsContext,
  ) {
    if (viewer.role !== 'school_staff' || viewer.urn !== args.urn)
      throw forbidden("Only the school's own staff set its consultation rules.");
    if (!Number.isInteger(args.perChild) || args.perChild < 1 || args.perChild > 10)
      throw badUserInput('perChild is 1–10.', 'perChild');
    await setBookingsPerChild(db, args.urn, args.perChild, viewer.staffId);
    return loaders.school.load(args.urn);
  },
};
