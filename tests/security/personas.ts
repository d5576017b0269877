import type { Viewer } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import type { TestHub } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';

/**
 * The people the access matrix asks as. "Own" is always the same demo school, Catmose Primary (138113), in
 * Rutland (LA 857) and the Rutland Beacon Schools Trust (TR0963); "other" is chosen to be as close as it can
 * be without the right: another school of the same trust and LA, another trust with schools in the same LA,
 * another LA, another family's carer. `dpo` is the own trust's data protection officer: no ordinary access
 * (a stranger everywhere), but the trust's audit trail and data-subject rights; `laDpo` is the own LA's, for
 * the schools it maintains (in no trust — not the own school, an academy), so a stranger to every fixture. Governors of the own and the
 * other school, and trustees of the own and the other trust, read aggregates and governor reports only: every
 * pupil-level row denies them.
 */
export const PERSONAS = [
  'anonymous',
  'trustOwn',
  'trustOther',
  'laOwn',
  'laOther',
  'staffOwn',
  'staffOther',
  'learningGuide',
  'carerOwn',
  'carerOther',
  'provider',
  'dpo',
  'laDpo',
  'governorOwn',
  'governorOther',
  'trusteeOwn',
  'trusteeOther',
  'pupil',
] as const;
export type Persona = (typeof PERSONAS)[number];
/**
 * Personas a row may leave out, who then get a stranger's outcome (`outcomeOf`): roles added after most rows
 * were written, whose access is nothing beyond a few rows of their own: the data protection officers (no ordinary
 * access at all) and `pupil`, a Year 6 pupil of the own school (not `Fixtures.pupil`, so every row about that
 * pupil asks as another child).
 */
export const OPTIONAL_PERSONAS = ['dpo', 'laDpo', 'pupil'] as const;
export type OptionalPersona = (typeof OPTIONAL_PERSONAS)[number];
export const isOptionalPersona = (p: Persona): p is OptionalPersona =>
  (OPTIONAL_PERSONAS as readonly string[]).includes(p);

/** A school's aggregate readers: its staff, its trust's leaders, its LA's officers, its governors and trustees. */
export const OWN_SCHOOL_READERS: Persona[] = [
  'staffOwn',
  'learningGuide',
  'trustOwn',
  'laOwn',
  'governorOwn',
  'trusteeOwn',
];

export const YEAR = 2025;
/** Catmose Primary, Rutland, Rutland Beacon Schools Trust: the school every "own" persona belongs to. */
export const OWN_URN = 138113;
/** Leighfield Primary School: same LA, same trust, another school. */
export const OTHER_URN = 139481;
export const OWN_TRUST = 'TR0963';
/** Leicester Evolve Academy Trust: it has schools in Rutland too (Catmose College, Uppingham CC). */
export const OTHER_TRUST = 'TR0962';
export const OWN_LA = '857';
/** Leicester. */
export const OTHER_LA = '856';
export const PROVIDER = 'PR-READ-TOGETHER';
/** Head of each school (demoStaff: S<urn>-01). */
export const OWN_HEAD = `S${OWN_URN}-01`;
export const OTHER_HEAD = `S${OTHER_URN}-01`;
/** A draft practice of Catmose Primary (practice demo): its own staff only. */
export const OWN_DRAFT_PRACTICE = 'PR-0009';
/** A published TRUST practice of Uppingham Community College (TR0962). */
export const OTHER_TRUST_PRACTICE = 'PR-0006';
/** Catmose Primary's adoption of PR-0001 (public). */
export const OWN_ADOPTION = 'AD-0003';
/** A PUBLIC practice of Catmose College (another trust). */
export const PUBLIC_PRACTICE = 'PR-0002';

/**
 * Demo objects whose ids come out of the seeded data (the demo generators are deterministic, so these are the
 * same on every run; they are looked up rather than copied so a change in the generator does not silently
 * point a row at nothing).
 */
export interface Fixtures {
  /** A current pupil of OWN_URN with a learning guide, carers, a booking with PROVIDER and a progress plan. */
  pupil: string;
  upn: string;
  learningGuide: string;
  carer: string;
  /** A carer whose children are all at OTHER_URN. */
  otherCarer: string;
  /** A current pupil of OTHER_URN (the other carer's child). */
  otherPupil: string;
  /** A booking of `pupil` with PROVIDER. */
  booking: string;
  /** An option offered at OWN_URN and still open. */
  option: string;
  plan: string | null;
  target: string | null;
  /** A free consultation slot of the learning guide. */
  freeSlot: string;
  /** A message to `carer` (sent by the school). */
  messageToCarer: string;
  /** A skill request. */
  skillRequest: string | null;
  /** The pupil's year group in YEAR. */
  yearGroup: number;
  /** An intervention cohort of OWN_URN (progress), e.g. the one of Catmose Primary's demo adoption. */
  cohort: string;
  /**
   * Two pupils of OTHER_URN moved to OWN_URN by a CTF, as the carer handoff leaves them in parents (directory,
   * links, `pupil_moves`): `leaving` with its leaving date next month, `left` with yesterday's.
   */
  moved: { leaving: string; left: string };
  /** The `pupil` persona: a pupil of OWN_URN in Year 5 or above, not `pupil`. */
  voicePupil: string;
  /** A demo lesson-feedback survey of OWN_URN for the voice pupil's year group. */
  feedbackSurvey: string;
}

export function viewerOf(persona: Persona, f: Fixtures): Viewer {
  const sub = `security-${persona}`;
  switch (persona) {
    case 'anonymous':
      return { role: 'anonymous' };
    case 'trustOwn':
      return { role: 'trust_leader', sub, trustId: OWN_TRUST };
    case 'trustOther':
      return { role: 'trust_leader', sub, trustId: OTHER_TRUST };
    case 'laOwn':
      return { role: 'la_officer', sub, laCode: OWN_LA };
    case 'laOther':
      return { role: 'la_officer', sub, laCode: OTHER_LA };
    case 'staffOwn':
      return { role: 'school_staff', sub, urn: OWN_URN, staffId: OWN_HEAD };
    case 'staffOther':
      return { role: 'school_staff', sub, urn: OTHER_URN, staffId: OTHER_HEAD };
    case 'learningGuide':
      return { role: 'school_staff', sub, urn: OWN_URN, staffId: f.learningGuide };
    case 'carerOwn':
      return { role: 'carer', sub, carerId: f.carer };
    case 'carerOther':
      return { role: 'carer', sub, carerId: f.otherCarer };
    case 'provider':
      return { role: 'provider', sub, providerId: PROVIDER };
    case 'dpo':
      return { role: 'dpo', sub, trustId: OWN_TRUST };
    case 'laDpo':
      return { role: 'dpo', sub, laCode: OWN_LA };
    case 'governorOwn':
      return { role: 'governor', sub, urn: OWN_URN };
    case 'governorOther':
      return { role: 'governor', sub, urn: OTHER_URN };
    case 'trusteeOwn':
      return { role: 'governor', sub, trustId: OWN_TRUST };
    case 'trusteeOther':
      return { role: 'governor', sub, trustId: OTHER_TRUST };
    case 'pupil':
      return { role: 'pupil', sub, pupilId: f.voicePupil, urn: OWN_URN };
  }
}

function db(hub: TestHub, name: string) {
  const subgraph = hub.subgraphs[name];
  if (!subgraph) throw new Error(`no ${name} subgraph in the hub`);
  return subgraph.db;
}

async function one<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error(`no demo ${what} found`);
  return row;
}

/** Finds the demo objects the rows point at in the hub's seeded databases. */
export async function findFixtures(hub: TestHub): Promise<Fixtures> {
  const progress = db(hub, 'progress');
  const parents = db(hub, 'parents');
  const practice = db(hub, 'practice');
  // Primary carers at OWN_URN only, with a message from the school to mark as read.
  const withCarer = await queryRows<{ pupil_id: string; carer_id: string; message: string }>(
    parents,
    sql`select l.pupil_id, l.carer_id, min(m.id)::text as message from parents.carer_links l
        join parents.messages m on m.carer_id = l.carer_id and m.pupil_id = l.pupil_id and m.sender <> 'CARER'
        where l.urn = ${OWN_URN} and l.primary_contact
          and not exists (select 1 from parents.carer_links o where o.carer_id = l.carer_id and o.urn <> ${OWN_URN})
        group by l.pupil_id, l.carer_id order by l.pupil_id`,
  );
  const carerOf = new Map(withCarer.map((r) => [r.pupil_id, r.carer_id]));
  const messageOf = new Map(withCarer.map((r) => [r.pupil_id, r.message]));
  const candidates = await queryRows<{
    id: string;
    upn: string;
    reception_year: number;
    learning_guide_id: string;
    booking: string;
    option_id: string;
  }>(
    progress,
    sql`select p.id, p.upn, p.reception_year, p.learning_guide_id, b.id as booking, b.option_id
        from progress.pupils p join progress.bookings b on b.pupil_id = p.id
        where p.urn = ${OWN_URN} and p.on_roll_to = ${YEAR} and p.learning_guide_id is not null
          and b.provider_id = ${PROVIDER} and b.status = 'BOOKED'
        order by p.id`,
  );
  const chosen = candidates.find((c) => carerOf.has(c.id));
  if (!chosen) throw new Error(`no current pupil at ${OWN_URN} with a carer and a ${PROVIDER} booking`);
  const other = await one(
    queryRows<{ pupil_id: string; carer_id: string }>(
      parents,
      sql`select l.pupil_id, l.carer_id from parents.carer_links l
          where l.urn = ${OTHER_URN}
            and not exists (select 1 from parents.carer_links o where o.carer_id = l.carer_id and o.urn <> ${OTHER_URN})
          order by l.pupil_id limit 1`,
    ),
    `carer at ${OTHER_URN}`,
  );
  const option = await one(
    queryRows<{ id: string }>(
      progress,
      sql`select o.id from progress.support_options o join progress.support_option_schools s on s.option_id = o.id
          where s.urn = ${OWN_URN} and o.withdrawn_on is null order by o.cost_pence limit 1`,
    ),
    'support option',
  );
  const [plan] = await queryRows<{ id: string }>(
    progress,
    sql`select id from progress.progress_plans where urn = ${OWN_URN} order by id limit 1`,
  );
  const [target] = await queryRows<{ id: string }>(
    progress,
    sql`select id from progress.learning_targets where urn = ${OWN_URN} order by id limit 1`,
  );
  // A free slot of the guide, a year ahead: the demo's consultation evening may be past or fully booked.
  const freeSlot = await one(
    queryRows<{ id: string }>(
      parents,
      sql`insert into parents.consultation_slots (urn, staff_id, starts_at, ends_at)
          values (${OWN_URN}, ${chosen.learning_guide_id}, now() + interval '365 days',
                  now() + interval '365 days 15 minutes')
          returning id::text`,
    ),
    'free consultation slot',
  );
  const [skillRequest] = await queryRows<{ id: string }>(
    practice,
    sql`select id from practice.skill_requests order by id limit 1`,
  );
  // The own LA's targets for YEAR (the demo sets none; LA officers read them, nobody else).
  await progress.execute(
    sql`insert into progress.progress_targets (scope, scope_id, academic_year, stuck_pupils, set_by)
        values ('la', ${OWN_LA}, ${YEAR}, 0, 'security-fixtures') on conflict do nothing`,
  );
  const [cohort] = await queryRows<{ id: string }>(
    progress,
    sql`select id from progress.intervention_cohorts where urn = ${OWN_URN} order by id limit 1`,
  );
  const moved = await moveToOwnSchool(parents, other.carer_id);
  const voice = await one(
    queryRows<{ id: string; survey: string }>(
      progress,
      sql`select p.id, min(f.id)::text as survey from progress.pupils p
          join progress.feedback_surveys f on f.urn = p.urn and f.academic_year = ${YEAR}
            and f.year_group = ${YEAR} - p.reception_year
          where p.urn = ${OWN_URN} and p.on_roll_to = ${YEAR} and ${YEAR} - p.reception_year >= 5
            and p.id <> ${chosen.id}
          group by p.id order by p.id limit 1`,
    ),
    `pupil in Year 5 or above at ${OWN_URN} with a lesson-feedback survey`,
  );
  return {
    moved,
    voicePupil: voice.id,
    feedbackSurvey: voice.survey,
    pupil: chosen.id,
    yearGroup: YEAR - chosen.reception_year,
    cohort: cohort?.id ?? `K${OWN_URN}-${OWN_ADOPTION}`,
    upn: chosen.upn,
    learningGuide: chosen.learning_guide_id,
    carer: carerOf.get(chosen.id) as string,
    otherCarer: other.carer_id,
    otherPupil: other.pupil_id,
    booking: chosen.booking,
    option: option.id,
    plan: plan?.id ?? null,
    target: target?.id ?? null,
    freeSlot: freeSlot.id,
    messageToCarer: messageOf.get(chosen.id) as string,
    skillRequest: skillRequest?.id ?? null,
  };
}

/**
 * Moves two pupils of OTHER_URN (none of them a child of the other carer, whose children must all stay there)
 * to OWN_URN in parents, as applying a CTF's carer handoff does, one still within its leaving date and one past it.
 */
async function moveToOwnSchool(parents: Db, keepCarer: string): Promise<Fixtures['moved']> {
  const pupils = await queryRows<{ id: string }>(
    parents,
    sql`select d.id from parents.pupil_directory d
        where d.urn = ${OTHER_URN} and exists (select 1 from parents.carer_links l where l.pupil_id = d.id)
          and not exists (select 1 from parents.carer_links l where l.pupil_id = d.id and l.carer_id = ${keepCarer})
        order by d.id desc limit 2`,
  );
  const [leaving, left] = pupils.map((p) => p.id);
  if (!leaving || !left) throw new Error(`no two pupils at ${OTHER_URN} to move`);
  for (const [id, days] of [
    [leaving, 30],
    [left, -1],
  ] as const) {
    await parents.execute(sql`update parents.pupil_directory set urn = ${OWN_URN} where id = ${id}`);
    await parents.execute(sql`update parents.carer_links set urn = ${OWN_URN} where pupil_id = ${id}`);
    await parents.execute(
      sql`insert into parents.pupil_moves (pupil_id, from_urn, leaving_date)
          values (${id}, ${OTHER_URN}, current_date + ${days}::int)`,
    );
  }
  return { leaving, left };
}
