import { badUserInput } from '@commonroom/subgraph-kit';
import { GraphQLError } from 'graphql';
import type {
  AdoptionInput,
  CpdActivityInput,
  PracticeInput,
  SkillRequestInput,
} from '../generated/resolvers.ts';
import { academicYearOf } from './cpd.ts';
import { eefStrand } from './eef-strands.ts';

// The inputs' shapes are the schema's (generated); this module checks their values.
export type { AdoptionInput, CpdActivityInput, PracticeInput, SkillRequestInput };

/**
 * Checks of mutation input that need no database: each failure is a BAD_USER_INPUT (or FORBIDDEN) error
 * naming the field, thrown before anything is written.
 */

/** FORBIDDEN naming the field at fault (the kit's `forbidden` takes no field). */
export const forbiddenField = (message: string, field: string) =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN', field } });

function text(
  value: string | null | undefined,
  field: string,
  { min = 1, max }: { min?: number; max: number },
) {
  const trimmed = (value ?? '').trim();
  if (trimmed.length < min)
    throw badUserInput(min === 1 ? `${field} must not be empty` : `${field} is too short`, `input.${field}`);
  if (trimmed.length > max)
    throw badUserInput(`${field} must be at most ${max} characters`, `input.${field}`);
  return trimmed;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isoDate(value: string | null | undefined, field: string): string {
  if (!value || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw badUserInput(`${field} must be a date like 2025-09-15`, `input.${field}`);
  // Date.parse accepts 2025-02-30; the round trip does not.
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    throw badUserInput(`${field} is not a real date`, `input.${field}`);
  return value;
}

/** Staff ids are the schools subgraph's `S<urn>-<nn>`: the URN says whose staff they are. */
export const isStaffOf = (staffId: string, urn: number) => staffId.startsWith(`S${urn}-`);

/** Cohort ids are the progress subgraph's `K<urn>-…`: the URN says whose pupils are in it. */
export function cohortSchool(cohortId: string): number | null {
  const match = /^K(\d{6})-[A-Za-z0-9-]{1,60}$/.exec(cohortId);
  return match ? Number(match[1]) : null;
}

const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const code = (value: string) =>
  value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');

function codes(values: readonly string[] | null | undefined, field: string, max: number) {
  const list = [...new Set((values ?? []).map(code))];
  if (list.length > max) throw badUserInput(`${field}: at most ${max}`, `input.${field}`);
  const bad = list.find((v) => !CODE.test(v));
  if (bad !== undefined) throw badUserInput(`${field}: "${bad}" is not a code like MATHS`, `input.${field}`);
  return list;
}

/** A practice's fields as stored, from input by `staffId` of school `urn`. */
export function practiceValues(input: PracticeInput, urn: number, staffId: string) {
  const strandId = input.strand?.trim() || null;
  if (strandId && !eefStrand(strandId))
    throw badUserInput(`"${strandId}" is not an EEF Toolkit strand; see eefStrands`, 'input.strand');
  const resources = (input.resources ?? []).map((r, i) => {
    const title = text(r.title, `resources[${i}].title`, { max: 200 });
    let url: URL | undefined;
    try {
      url = new URL(r.url.trim());
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      throw badUserInput(`resources[${i}].url must be an http(s) URL`, `input.resources[${i}].url`);
    return { title, url: url.toString() };
  });
  if (resources.length > 20) throw badUserInput('resources: at most 20', 'input.resources');
  const authorIds = [...new Set([staffId, ...(input.authorIds ?? []).map((id) => id.trim())])];
  const outsider = authorIds.find((id) => !isStaffOf(id, urn));
  if (outsider !== undefined)
    throw badUserInput(`author ${outsider} is not on your school's staff`, 'input.authorIds');
  return {
    title: text(input.title, 'title', { max: 200 }),
    summary: text(input.summary, 'summary', { max: 1000 }),
    problem: text(input.problem, 'problem', { max: 5000 }),
    approach: text(input.approach, 'approach', { max: 5000 }),
    schoolEvidence: text(input.schoolEvidence, 'schoolEvidence', { min: 0, max: 5000 }),
    // Enum lists are checked by GraphQL; duplicates are dropped.
    phases: [...new Set(input.phases ?? [])] as ('PRIMARY' | 'SECONDARY')[],
    keyStages: [...new Set(input.keyStages ?? [])] as 'KS1'[],
    subjects: codes(input.subjects, 'subjects', 20),
    pupilGroups: [...new Set(input.pupilGroups ?? [])] as 'ALL'[],
    strandId,
    resources,
    authorIds,
    visibility: input.visibility,
  };
}

export type PracticeValues = ReturnType<typeof practiceValues>;

/** The progress subgraph's subjects: a cohort's impact is measured in one of them. */
export const COHORT_SUBJECTS = ['READING', 'WRITING', 'MATHS', 'ENGLISH', 'SCIENCE'] as const;

export function adoptionValues(input: AdoptionInput, urn: number) {
  const cohortId = input.cohortId.trim();
  if (!cohortId) throw badUserInput('cohortId must name an intervention cohort', 'input.cohortId');
  const cohortUrn = cohortSchool(cohortId);
  if (cohortUrn === null)
    throw badUserInput('cohortId must be an intervention cohort id like K123456-…', 'input.cohortId');
  if (cohortUrn !== urn)
    throw forbiddenField(
      "The cohort's pupils are at another school; adopt for your own pupils.",
      'input.cohortId',
    );
  const subject = code(input.subject);
  if (!(COHORT_SUBJECTS as readonly string[]).includes(subject))
    throw badUserInput(`subject must be one of ${COHORT_SUBJECTS.join(', ')}`, 'input.subject');
  if (!Number.isInteger(input.yearGroup) || input.yearGroup < 0 || input.yearGroup > 13)
    throw badUserInput('yearGroup must be 0 (Reception) to 13', 'input.yearGroup');
  if (!Number.isInteger(input.academicYear) || input.academicYear < 2000 || input.academicYear > 2100)
    throw badUserInput('academicYear must be the calendar year it starts, e.g. 2025', 'input.academicYear');
  const startedOn = isoDate(input.startedOn, 'startedOn');
  const endedOn = input.endedOn ? isoDate(input.endedOn, 'endedOn') : null;
  if (endedOn && endedOn < startedOn) throw badUserInput('endedOn is before startedOn', 'input.endedOn');
  return {
    practiceId: input.practiceId.trim(),
    cohortId,
    subject,
    yearGroup: input.yearGroup,
    academicYear: input.academicYear,
    modifications: text(input.modifications, 'modifications', { min: 0, max: 5000 }),
    startedOn,
    endedOn,
  };
}

export function cpdValues(input: CpdActivityInput, urn: number, callerStaffId: string) {
  const staffId = input.staffId?.trim() || callerStaffId;
  if (!isStaffOf(staffId, urn))
    throw forbiddenField("You may record CPD only for your own school's staff.", 'input.staffId');
  if (!Number.isFinite(input.hours) || input.hours <= 0 || input.hours > 500)
    throw badUserInput('hours must be more than 0 and at most 500', 'input.hours');
  const startedOn = isoDate(input.startedOn, 'startedOn');
  const endedOn = isoDate(input.endedOn, 'endedOn');
  if (endedOn < startedOn) throw badUserInput('endedOn is before startedOn', 'input.endedOn');
  return {
    urn,
    staffId,
    type: input.type as 'COACHING',
    title: text(input.title, 'title', { max: 200 }),
    hours: Math.round(input.hours * 10) / 10,
    startedOn,
    endedOn,
    academicYear: academicYearOf(startedOn),
    schoolBased: input.schoolBased,
    inTeam: input.inTeam,
    focus: input.focus as 'OTHER',
    practiceId: input.practiceId?.trim() || null,
    hostUrn: input.hostUrn ?? null,
  };
}

export function skillRequestValues(input: SkillRequestInput) {
  const skills = codes(input.skills, 'skills', 10);
  if (skills.length === 0) throw badUserInput('skills must name at least one skill', 'input.skills');
  return {
    title: text(input.title, 'title', { max: 200 }),
    description: text(input.description, 'description', { min: 0, max: 2000 }),
    skills,
  };
}
