import { type Db, queryRows } from '@commonroom/db';
import {
  DEMO_LAST_YEAR,
  type DemoCarer,
  type DemoCarerLink,
  type DemoPupil,
  demoCarers,
  demoPupils,
  demoSelection,
  demoStaff,
} from '@commonroom/demo';
import { englandSchoolList, type SchoolRecord, seededRandom } from '@commonroom/school-list';
import { count, sql } from 'drizzle-orm';
import { insertJson } from '../data/bulk.ts';
import { refreshSatisfaction, schoolYearsWithResponses } from '../data/satisfaction.ts';
import { schoolDirectory } from '../data/tables.ts';
import { addressFor } from '../data/write.ts';
import { catalogueFor } from '../i18n/index.ts';
import { QUESTION_KEYS } from '../rules/survey.ts';

/** The demo consultation evening: ten-minute slots from 4pm with every learning guide. */
const CONSULTATION_EVENING = `${DEMO_LAST_YEAR + 1}-03-10T16:00:00Z`;
const SLOTS_PER_GUIDE = 12;

function hash(text: string, seed = 0) {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Schools whose parents hardly answered Parent View in the demo, so suppression shows: the last school of each
 * demo trust, and every fourth other demo school. (Schools with few carers are below 10 anyway.)
 */
export function lowResponseSchools(): Set<number> {
  const demo = demoSelection();
  const low = new Set(demo.trusts.map((t) => t.urns.at(-1) as number));
  demo.schools.forEach((s, i) => {
    if (i % 4 === 1) low.add(s.urn);
  });
  return low;
}

interface Seeded {
  school: SchoolRecord;
  /** Pupils on roll in 2025/26: they have carers and messages. */
  pupils: DemoPupil[];
  /** Every demo pupil of the school, past ones too (for the pupil directory). */
  everyPupil: DemoPupil[];
  carers: DemoCarer[];
  links: DemoCarerLink[];
  staff: ReturnType<typeof demoStaff>['staff'];
}

const CARER_MESSAGES = [
  'Thank you for the update. Is there anything we can practise at home this week?',
  'We have been reading together every night this week.',
  'Could we talk about the homework? Getting started is the hard part at home.',
  'We will be away for a family wedding on Friday; sorry for the short notice.',
];
const GUIDE_MESSAGES = [
  'A quick update: a really good week in class, with lots of effort in maths.',
  'We are working on fractions this half-term. Cooking together at home (halves, quarters) helps a lot.',
  'Reading at home is making a difference: thank you. Ten minutes a day is plenty.',
  'Could we find a time to talk about the next steps in writing? The consultation evening is a good chance.',
];

/**
 * Loads the demo: the school directory (every school in England), the demo schools' staff, pupils and their
 * carers, message threads, Parent View responses and a consultation evening
 * with bookings. Does nothing when carers are already loaded. Deterministic: the same on every machine.
 */
export async function seedIfEmpty(db: Db): Promise<{ seeded: boolean } & Record<string, unknown>> {
  const [existing] = await db.select({ n: count() }).from(schoolDirectory);
  if ((existing?.n ?? 0) > 0) {
    await backfillSatisfaction(db);
    return { seeded: false, schools: existing?.n ?? 0 };
  }
  const started = Date.now();
  const { schools, trusts } = englandSchoolList();
  const trustOf = new Map(trusts.flatMap((t) => t.urns.map((urn) => [urn, t.id] as const)));
  const demo: Seeded[] = demoSelection().schools.map((school) => {
    const everyPupil = demoPupils(school);
    const pupils = everyPupil.filter((p) => p.onRollTo === DEMO_LAST_YEAR);
    return { school, pupils, everyPupil, ...demoCarers(school, pupils), staff: demoStaff(school).staff };
  });
  const low = lowResponseSchools();
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    counts.schools = await insertJson(
      tx,
      'parents.school_directory',
      { urn: 'int', name: 'text', la_code: 'text', trust_id: 'text' },
      schools.map((s) => ({
        urn: s.urn,
        name: s.name,
        la_code: s.laCode,
        trust_id: trustOf.get(s.urn) ?? null,
      })),
    );
    await insertJson(
      tx,
      'parents.staff_directory',
      { id: 'text', urn: 'int', name: 'text', role: 'text' },
      demo.flatMap((d) => d.staff.map((s) => ({ id: s.id, urn: s.urn, name: s.name, role: s.role }))),
    );
    counts.pupils = await insertJson(
      tx,
      'parents.pupil_directory',
      { id: 'text', urn: 'int', learning_guide_id: 'text' },
      demo.flatMap((d) =>
        d.everyPupil.map((p) => ({ id: p.id, urn: p.urn, learning_guide_id: p.learningGuideId })),
      ),
    );
    counts.carers = await insertJson(
      tx,
      'parents.carers',
      {
        id: 'text',
        given_name: 'text',
        family_name: 'text',
        email: 'text',
        phone: 'text',
        postal_address: 'text',
        preferred_language: 'text',
        preferred_channel: 'text',
        accessibility_needs: 'text',
      },
      demo.flatMap((d) =>
        d.carers.map((c) => ({
          id: c.id,
          given_name: c.givenName,
          family_name: c.familyName,
          email: c.email,
          phone: c.phone,
          postal_address: c.postalAddress,
          preferred_language: c.preferredLanguage,
          preferred_channel: c.preferredChannel,
          accessibility_needs: c.accessibilityNeeds,
        })),
      ),
    );
    counts.links = await insertJson(
      tx,
      'parents.carer_links',
      {
        carer_id: 'text',
        pupil_id: 'text',
        urn: 'int',
        relationship: 'text',
        parental_responsibility: 'boolean',
        primary_contact: 'boolean',
      },
      demo.flatMap((d) =>
        d.links.map((l) => ({
          carer_id: l.carerId,
          pupil_id: l.pupilId,
          urn: l.urn,
          relationship: l.relationship,
          parental_responsibility: l.parentalResponsibility,
          primary_contact: l.primaryContact,
        })),
      ),
    );
    counts.messages = await seedMessages(tx, demo);
    counts.surveyResponses = await seedSurveys(tx, demo, low);
    await refreshSatisfaction(tx, await schoolYearsWithResponses(tx));
    counts.consultationSlots = await seedConsultations(tx, demo);
  });
  for (const table of ['school_directory', 'pupil_directory', 'carers', 'carer_links'])
    await db.execute(sql.raw(`analyze parents.${table}`));
  return { seeded: true, ...counts, ms: Date.now() - started };
}

/**
 * Threads between carers and learning guides: every family whose primary carer is the school's first carer,
 * and about one child in four otherwise, with two to four messages over the year, some of them "done well".
 * Messages to carers have delivered outbox rows.
 */
async function seedMessages(db: Db, demo: Seeded[]) {
  const threads: Record<string, unknown>[] = [];
  const rows: Record<string, unknown>[] = [];
  const outboxRows: Record<string, unknown>[] = [];
  let threadId = 0;
  let messageId = 0;
  for (const d of demo) {
    const carerById = new Map(d.carers.map((c) => [c.id, c]));
    const staffById = new Map(d.staff.map((s) => [s.id, s]));
    const pupilById = new Map(d.pupils.map((p) => [p.id, p]));
    for (const link of d.links) {
      if (!link.primaryContact) continue;
      const firstCarer = link.carerId === d.carers[0]?.id;
      if (!firstCarer && hash(link.pupilId, 3) % 4 !== 0) continue;
      const carer = carerById.get(link.carerId);
      const pupil = pupilById.get(link.pupilId);
      const guide = pupil ? staffById.get(pupil.learningGuideId) : undefined;
      if (!carer || !pupil || !guide) continue;
      threadId++;
      threads.push({
        id: threadId,
        carer_id: carer.id,
        pupil_id: pupil.id,
        urn: pupil.urn,
        staff_id: guide.id,
        created_at: `${DEMO_LAST_YEAR}-09-15T08:00:00Z`,
      });
      const random = seededRandom(hash(pupil.id, threadId));
      const n = 2 + Math.floor(random() * 3);
      for (let i = 0; i < n; i++) {
        const fromCarer = i % 2 === 1;
        const day = Math.floor(((i + random()) / n) * 280);
        const sentAt = new Date(Date.UTC(DEMO_LAST_YEAR, 8, 20) + day * 86_400_000 + 15.5 * 3_600_000);
        const doneWell = !fromCarer && random() < 0.25;
        const lang = catalogueFor(carer.preferredLanguage).catalogue;
        messageId++;
        rows.push({
          id: messageId,
          thread_id: threadId,
          pupil_id: pupil.id,
          carer_id: carer.id,
          urn: pupil.urn,
          sent_at: sentAt.toISOString(),
          sender: fromCarer ? 'CARER' : 'LEARNING_GUIDE',
          sender_staff_id: fromCarer ? null : guide.id,
          sender_name: fromCarer ? `${carer.givenName} ${carer.familyName}` : guide.name,
          kind: doneWell ? 'DONE_WELL' : 'MESSAGE',
          body: fromCarer
            ? (CARER_MESSAGES[Math.floor(random() * CARER_MESSAGES.length)] as string)
            : doneWell
              ? `${lang.doneWell}\n\n${pupil.givenName} worked really hard on ${pick(random)} this week.`
              : (GUIDE_MESSAGES[Math.floor(random() * GUIDE_MESSAGES.length)] as string),
          language: fromCarer ? null : 'en',
          // Everything but the newest message has been read.
          read_at: i < n - 1 ? new Date(sentAt.getTime() + 3_600_000).toISOString() : null,
        });
        if (!fromCarer) {
          const address = addressFor(carer);
          outboxRows.push({
            message_id: messageId,
            channel: address ? carer.preferredChannel : 'APP',
            address: address ?? carer.id,
            language: catalogueFor(carer.preferredLanguage).language,
            attempts: 1,
            next_attempt_at: sentAt.toISOString(),
            delivered_at: new Date(sentAt.getTime() + 60_000).toISOString(),
          });
        }
      }
    }
  }
  await insertJson(
    db,
    'parents.message_threads',
    {
      id: 'bigint',
      carer_id: 'text',
      pupil_id: 'text',
      urn: 'int',
      staff_id: 'text',
      created_at: 'timestamptz',
    },
    threads,
  );
  const inserted = await insertJson(
    db,
    'parents.messages',
    {
      id: 'bigint',
      thread_id: 'bigint',
      pupil_id: 'text',
      carer_id: 'text',
      urn: 'int',
      sent_at: 'timestamptz',
      sender: 'text',
      sender_staff_id: 'text',
      sender_name: 'text',
      kind: 'text',
      body: 'text',
      language: 'text',
      read_at: 'timestamptz',
    },
    rows,
  );
  await insertJson(
    db,
    'parents.outbox',
    {
      message_id: 'bigint',
      channel: 'text',
      address: 'text',
      language: 'text',
      attempts: 'int',
      next_attempt_at: 'timestamptz',
      delivered_at: 'timestamptz',
    },
    outboxRows,
  );
  // Identity columns were given explicit ids: move their sequences past them.
  for (const table of ['message_threads', 'messages'])
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('parents.${table}', 'id'), coalesce((select max(id) from parents.${table}), 0) + 1, false)`,
      ),
    );
  return inserted;
}

function pick(random: () => number) {
  const things = ['their reading', 'fractions', 'their writing', 'times tables', 'a science project'];
  return things[Math.floor(random() * things.length)] as string;
}

const ANSWER_WEIGHTS: [string, number][] = [
  ['STRONGLY_AGREE', 0.42],
  ['AGREE', 0.4],
  ['DISAGREE', 0.08],
  ['STRONGLY_DISAGREE', 0.03],
  ['DONT_KNOW', 0.07],
];

function weightedAnswer(random: () => number, mood: number) {
  let r = random() * (1 - mood * 0.5);
  for (const [answer, w] of ANSWER_WEIGHTS) {
    r -= w;
    if (r <= 0) return answer;
  }
  return 'DONT_KNOW';
}

/**
 * Parent View 2025/26: in most demo schools a fifth to a third of carers answer; in the low-response schools
 * at most seven, so their results are suppressed.
 */
async function seedSurveys(db: Db, demo: Seeded[], low: Set<number>) {
  const responses: Record<string, unknown>[] = [];
  const answers: Record<string, unknown>[] = [];
  let id = 0;
  for (const d of demo) {
    const random = seededRandom(d.school.urn * 31 + 5);
    const rate = 0.2 + 0.15 * random();
    const childOf = new Map(d.links.map((l) => [l.carerId, l.pupilId]));
    const senOf = new Map(d.pupils.map((p) => [p.id, p.sen !== 'NONE']));
    let answered = 0;
    for (const carer of d.carers) {
      if (random() >= rate) continue;
      if (low.has(d.school.urn) && answered >= 7) break;
      answered++;
      id++;
      const mood = random() - 0.15;
      responses.push({
        id,
        carer_id: carer.id,
        urn: d.school.urn,
        academic_year: DEMO_LAST_YEAR,
        term: 0,
        recommend: random() < 0.8 + mood * 0.2,
        submitted_at: new Date(
          Date.UTC(DEMO_LAST_YEAR + 1, 2, 1) + Math.floor(random() * 60) * 86_400_000,
        ).toISOString(),
      });
      const send = senOf.get(childOf.get(carer.id) ?? '') ?? false;
      for (const question of QUESTION_KEYS) {
        if (question === 'SEND_SUPPORT' && !send) continue;
        answers.push({ response_id: id, question, answer: weightedAnswer(random, mood) });
      }
    }
  }
  const inserted = await insertJson(
    db,
    'parents.survey_responses',
    {
      id: 'bigint',
      carer_id: 'text',
      urn: 'int',
      academic_year: 'smallint',
      term: 'smallint',
      recommend: 'boolean',
      submitted_at: 'timestamptz',
    },
    responses,
  );
  await insertJson(
    db,
    'parents.survey_answers',
    { response_id: 'bigint', question: 'text', answer: 'text' },
    answers,
  );
  await db.execute(
    sql.raw(
      `select setval(pg_get_serial_sequence('parents.survey_responses', 'id'), coalesce((select max(id) from parents.survey_responses), 0) + 1, false)`,
    ),
  );
  return inserted;
}

/** A consultation evening with every learning guide; about half the slots booked by their pupils' carers. */
async function seedConsultations(db: Db, demo: Seeded[]) {
  const rows: Record<string, unknown>[] = [];
  const start = new Date(CONSULTATION_EVENING).getTime();
  for (const d of demo) {
    const primaryOf = new Map(d.links.filter((l) => l.primaryContact).map((l) => [l.pupilId, l.carerId]));
    for (const guide of d.staff.filter((s) => s.role === 'LEARNING_GUIDE')) {
      const pupils = d.pupils.filter((p) => p.learningGuideId === guide.id);
      for (let i = 0; i < SLOTS_PER_GUIDE; i++) {
        const pupil = i % 2 === 0 ? pupils[i] : undefined;
        const carerId = pupil ? primaryOf.get(pupil.id) : undefined;
        rows.push({
          urn: d.school.urn,
          staff_id: guide.id,
          starts_at: new Date(start + i * 600_000).toISOString(),
          ends_at: new Date(start + (i + 1) * 600_000).toISOString(),
          booked_by_carer_id: carerId ?? null,
          booked_for_pupil_id: carerId ? (pupil?.id ?? null) : null,
          booked_at: carerId ? `${DEMO_LAST_YEAR + 1}-02-20T19:00:00Z` : null,
        });
      }
    }
  }
  return insertJson(
    db,
    'parents.consultation_slots',
    {
      urn: 'int',
      staff_id: 'text',
      starts_at: 'timestamptz',
      ends_at: 'timestamptz',
      booked_by_carer_id: 'text',
      booked_for_pupil_id: 'text',
      booked_at: 'timestamptz',
    },
    rows,
  );
}

/**
 * Counts Parent View for a database whose responses were stored before their counts were kept
 * (parents.satisfaction_summary): once, when there are responses and no counts.
 */
async function backfillSatisfaction(db: Db) {
  const [state] = await queryRows<{ missing: boolean }>(
    db,
    sql`select exists (select 1 from parents.survey_responses)
          and not exists (select 1 from parents.satisfaction_summary) as missing`,
  );
  if (!state?.missing) return;
  await db.transaction(async (tx) => refreshSatisfaction(tx, await schoolYearsWithResponses(tx)));
}
