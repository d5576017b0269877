import { readFileSync } from 'node:fs';
import { ACTIONS_ROWS } from './matrix-actions.ts';
import { AUDIT_ROWS, DATA_SUBJECT_ROWS } from './matrix-audit.ts';
import { CONCEPTS_ROWS } from './matrix-concepts.ts';
import { CTF_ROWS } from './matrix-ctf.ts';
import { GOVERNANCE_ROWS } from './matrix-governance.ts';
import { EVIDENCE_AND_ENGAGEMENT_ROWS } from './matrix-progress.ts';
import { PUPIL_VOICE_ROWS } from './matrix-pupil-voice.ts';
import {
  type Fixtures,
  isOptionalPersona,
  OPTIONAL_PERSONAS,
  type OptionalPersona,
  OTHER_TRUST_PRACTICE,
  OTHER_URN,
  OWN_ADOPTION,
  OWN_DRAFT_PRACTICE,
  OWN_LA,
  OWN_SCHOOL_READERS,
  OWN_TRUST,
  OWN_URN,
  PERSONAS,
  type Persona,
  PROVIDER,
  PUBLIC_PRACTICE,
  YEAR,
} from './personas.ts';

/**
 * The role × operation matrix: who may do what, as data. One row per root Query field, root Mutation field,
 * entity type (through `_entities`, straight to each subgraph that resolves it) and contract operation; the
 * completeness test (completeness.test.ts) fails when the supergraph has one without a row.
 *
 * Outcomes:
 *   GRANT    data at `path`, no error
 *   DENY     an error with code FORBIDDEN or UNAUTHENTICATED, and nothing at `path`
 *   REFUSED  an error of any code and nothing at `path`: where the API deliberately answers a stranger as it
 *            answers bad input, so as not to tell them what exists (the row says why)
 *   NULL     null at `path`, no error (e.g. a practice the caller may not see "does not exist")
 *   EMPTY    an empty list (or connection) at `path`, no error
 *   COVERED  not run here: a grant that would destroy demo data other rows use; `coveredBy` says where it is
 *            tested
 */
/** A test elsewhere: `path/to/file.test.ts > its title`. */
export type Coverage = `${string}.test.ts > ${string}`;

export type Outcome = 'GRANT' | 'DENY' | 'REFUSED' | 'NULL' | 'EMPTY' | 'COVERED';

export type Via = 'gateway' | 'schools' | 'progress' | 'practice' | 'parents';

export interface MatrixRow {
  /** What the row covers: `Query.x`, `Mutation.x`, `Entity.Type@subgraph`, `Contract.file`, or `Field.Type.x`. */
  covers: string;
  /** Test name prefix, e.g. `schools(first)`. */
  name: string;
  /** Through the gateway (default), or straight to a subgraph with a gateway-signed request. */
  via?: Via;
  operation: string;
  variables?: (f: Fixtures, persona: Persona) => Record<string, unknown>;
  /** Dotted path (list indexes as numbers) to the part the rule protects; several where it protects several. */
  path: string | string[];
  /** Every persona's outcome; `dpo` may be left out, and then is that of a stranger (`outcomeOf`). */
  expect: Expectation;
  /** Extra assertions on a GRANT. */
  check?: (value: unknown, f: Fixtures, persona: Persona) => void;
  /** Personas whose case is skipped, with why (work in progress elsewhere). */
  pending?: Partial<Record<Persona, string>>;
  /**
   * For COVERED outcomes: the tests that exercise the grant, as `path/to/file.test.ts > its title` (the
   * completeness test checks that each file exists and holds a test of that title).
   */
  coveredBy?: Coverage[];
  /** Why a COVERED grant is not run here. */
  coveredWhy?: string;
  /** Mutations: a read, as a persona allowed it, that must give the same answer before and after the refusals. */
  unchanged?: {
    as: Persona;
    operation: string;
    variables?: (f: Fixtures) => Record<string, unknown>;
    path: string;
  };
  /** Why a REFUSED or unusual outcome is right. */
  note?: string;
}

/**
 * A row's outcomes. The data protection officer and the pupil may be left out: they have no ordinary access
 * (a pupil reads only their own lights, targets and lesson feedback), so unless a row says otherwise they get
 * what a stranger gets — the anonymous caller's outcome when that shows no pupil data
 * (the public directory, NULL, EMPTY), and DENY otherwise. Rows written before the role existed, or by other
 * branches, need no edit.
 */
export type Expectation = Record<Exclude<Persona, OptionalPersona>, Outcome> &
  Partial<Record<OptionalPersona, Outcome>>;

export function outcomeOf(row: Pick<MatrixRow, 'expect'>, persona: Persona): Outcome {
  const named = row.expect[persona as keyof Expectation];
  if (named) return named;
  const stranger = row.expect.anonymous;
  return stranger === 'GRANT' || stranger === 'NULL' || stranger === 'EMPTY' ? stranger : 'DENY';
}

// ---- expectation helpers: everyone not named gets the fallback -------------------------------------------

type Named = Partial<Record<Persona, Outcome>>;
function table(fallback: Outcome, named: Named): Expectation {
  const outcomes = Object.fromEntries(
    PERSONAS.filter((p) => !isOptionalPersona(p)).map((p) => [p, named[p] ?? fallback]),
  ) as Expectation;
  for (const p of OPTIONAL_PERSONAS) if (named[p]) outcomes[p] = named[p];
  return outcomes;
}
const everyone = (outcome: Outcome = 'GRANT') => table(outcome, {});
/** These personas GRANT; everyone else DENY (unless named otherwise). */
const only = (personas: Persona[], rest: Named = {}, fallback: Outcome = 'DENY') =>
  table(fallback, { ...Object.fromEntries(personas.map((p) => [p, 'GRANT'])), ...rest });

/** A trust's figures: its leaders and its trustees (rounded for them). */
const OWN_TRUST_READERS: Persona[] = ['trustOwn', 'trusteeOwn'];
const PUPIL_READERS: Persona[] = ['staffOwn', 'learningGuide', 'trustOwn'];
const MARKET: Persona[] = [
  'trustOwn',
  'trustOther',
  'laOwn',
  'laOther',
  'staffOwn',
  'staffOther',
  'learningGuide',
];
const STAFF: Persona[] = ['staffOwn', 'staffOther', 'learningGuide'];
const OWN_STAFF: Persona[] = ['staffOwn', 'learningGuide'];

const PUBLIC_ONLY: Persona[] = ['anonymous', 'carerOwn', 'carerOther', 'provider', 'laOther'];

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A distinct future slot time per persona (slots are unique per guide and time). */
const slotTime = (persona: Persona) =>
  `2027-03-0${1 + (PERSONAS.indexOf(persona) % 9)}T${10 + Math.floor(PERSONAS.indexOf(persona) / 9)}:00:00Z`;
const urnOf = (persona: Persona) => (persona === 'staffOther' ? OTHER_URN : OWN_URN);

/** A contract operation from tests/contract, verbatim but for fields not composed into the supergraph yet. */
export function contractOperation(name: string): string {
  const text = readFileSync(new URL(`../contract/${name}.graphql`, import.meta.url), 'utf8');
  const supergraph = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
  // Adoption.impact comes from the progress subgraph (in progress); until it is composed, leave it out.
  const adoption = /type Adoption [^{]*\{([\s\S]*?)\n\}/.exec(supergraph)?.[1] ?? '';
  return /\n\s+impact[(:]/.test(adoption) ? text : text.replace(/ impact \{ effect \{[^}]*\} \}/, '');
}

const entities = (selection: string) =>
  `query Entities($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
const rep = (value: Record<string, unknown>) => () => ({ r: [value] });

const PRACTICE_INPUT = {
  title: 'Security matrix practice',
  summary: 'A practice written by the access matrix test.',
  problem: 'None.',
  approach: 'None.',
  visibility: 'TRUST',
};

// ---- the matrix --------------------------------------------------------------------------------------------

export const QUERY_ROWS: MatrixRow[] = [
  {
    covers: 'Query.me',
    name: 'me',
    operation: '{ me { __typename ... on Carer { id } } }',
    path: 'me',
    expect: only(['carerOwn', 'carerOther'], {}, 'NULL'),
    check: (me, f, p) =>
      assert((me as { id: string }).id === (p === 'carerOwn' ? f.carer : f.otherCarer), 'me is the carer'),
  },
  {
    covers: 'Query.carer',
    name: 'carer(id)',
    operation: 'query ($id: ID!) { carer(id: $id) { id displayName } }',
    variables: (f) => ({ id: f.carer }),
    path: 'carer',
    expect: only(['carerOwn', 'staffOwn', 'learningGuide']),
  },
  {
    covers: 'Query.skillRequests',
    name: 'skillRequests',
    operation: '{ skillRequests { id } }',
    path: 'skillRequests',
    expect: only(MARKET),
  },
  {
    covers: 'Query.skillRequest',
    name: 'skillRequest(id)',
    operation: 'query ($id: ID!) { skillRequest(id: $id) { id } }',
    variables: (f) => ({ id: f.skillRequest ?? 'SR-0001' }),
    path: 'skillRequest',
    expect: only(MARKET),
  },
  {
    covers: 'Query.experts',
    name: 'experts',
    operation: '{ experts { id } }',
    path: 'experts',
    expect: only(MARKET),
  },
  {
    covers: 'Query.practices',
    name: 'practices(first)',
    operation: '{ practices(first: 50) { totalCount nodes { id visibility } } }',
    path: 'practices',
    expect: everyone(),
    check: (value, _f, p) => {
      const { nodes } = value as { nodes: { id: string; visibility: string }[] };
      if (PUBLIC_ONLY.includes(p))
        assert(
          nodes.every((n) => n.visibility === 'PUBLIC'),
          `${p} sees only PUBLIC`,
        );
      const trustPractice = nodes.some((n) => n.id === OTHER_TRUST_PRACTICE);
      assert(
        trustPractice === (p === 'trustOther'),
        `${OTHER_TRUST_PRACTICE} (TRUST) listed for ${p}: ${trustPractice}`,
      );
      assert(
        !nodes.some((n) => n.id === OWN_DRAFT_PRACTICE),
        `the draft ${OWN_DRAFT_PRACTICE} is not listed`,
      );
    },
  },
  {
    covers: 'Query.practice',
    name: 'practice(id: DRAFT practice)',
    operation: 'query ($id: ID!) { practice(id: $id) { id } }',
    variables: () => ({ id: OWN_DRAFT_PRACTICE }),
    path: 'practice',
    expect: only(OWN_STAFF, {}, 'NULL'),
  },
  {
    covers: 'Query.practice',
    name: 'practice(id: TRUST practice of the other trust)',
    operation: 'query ($id: ID!) { practice(id: $id) { id } }',
    variables: () => ({ id: OTHER_TRUST_PRACTICE }),
    path: 'practice',
    expect: only(['trustOther'], {}, 'NULL'),
  },
  {
    covers: 'Query.eefStrands',
    name: 'eefStrands',
    operation: '{ eefStrands { id } }',
    path: 'eefStrands',
    expect: everyone(),
  },
  {
    covers: 'Query.providerBookings',
    name: 'providerBookings',
    operation: '{ providerBookings { totalCount nodes { id learner { displayName yearGroup } } } }',
    path: 'providerBookings',
    expect: only(['provider']),
    check: (value) => {
      const { totalCount, nodes } = value as { totalCount: number; nodes: unknown[] };
      assert(totalCount > 0 && nodes.length > 0, 'the provider sees its bookings');
    },
  },
  {
    covers: 'Query.pupil',
    name: 'pupil(id)',
    operation: 'query ($id: ID!) { pupil(id: $id) { id } }',
    variables: (f) => ({ id: f.pupil }),
    path: 'pupil',
    expect: only([...PUPIL_READERS, 'carerOwn']),
  },
  {
    covers: 'Query.myPupils',
    name: 'myPupils',
    operation: '{ myPupils { id } }',
    path: 'myPupils',
    expect: only(['learningGuide'], { staffOwn: 'EMPTY', staffOther: 'EMPTY' }),
    check: (value, f) =>
      assert(
        (value as { id: string }[]).some((p) => p.id === f.pupil),
        'the guide has the pupil',
      ),
  },
  {
    covers: 'Query.assessmentScales',
    name: 'assessmentScales',
    operation: '{ assessmentScales { id } }',
    path: 'assessmentScales',
    expect: everyone(),
  },
  {
    covers: 'Query.schools',
    name: 'schools(first)',
    operation: '{ schools(first: 3) { totalCount nodes { urn name } } }',
    path: 'schools',
    expect: everyone(),
  },
  {
    covers: 'Query.school',
    name: 'school(urn)',
    operation: 'query ($urn: Int!) { school(urn: $urn) { urn name } }',
    variables: () => ({ urn: OWN_URN }),
    path: 'school',
    expect: everyone(),
  },
  {
    covers: 'Query.localAuthorities',
    name: 'localAuthorities',
    operation: '{ localAuthorities { code } }',
    path: 'localAuthorities',
    expect: everyone(),
  },
  {
    covers: 'Query.localAuthority',
    name: 'localAuthority(code)',
    operation: 'query ($code: String!) { localAuthority(code: $code) { code name } }',
    variables: () => ({ code: OWN_LA }),
    path: 'localAuthority',
    expect: everyone(),
  },
  {
    covers: 'Query.trusts',
    name: 'trusts(first)',
    operation: '{ trusts(first: 3) { totalCount nodes { id } } }',
    path: 'trusts',
    expect: everyone(),
  },
  {
    covers: 'Query.trust',
    name: 'trust(id)',
    operation: 'query ($id: ID!) { trust(id: $id) { id name } }',
    variables: () => ({ id: OWN_TRUST }),
    path: 'trust',
    expect: everyone(),
  },
];

/** Protected fields on the shared entities, through the gateway (not required by completeness, but the rules). */
export const FIELD_ROWS: MatrixRow[] = [
  {
    covers: 'Field.School.staff',
    name: 'school { staff }',
    operation: 'query ($urn: Int!) { school(urn: $urn) { staff { id } } }',
    variables: () => ({ urn: OWN_URN }),
    path: 'school.staff',
    // A pupil of the school knows its staff: their targets' ratings name who rated them.
    expect: only(['staffOwn', 'learningGuide', 'trustOwn', 'laOwn', 'carerOwn', 'carerOther', 'pupil']),
  },
  {
    covers: 'Field.School.progress',
    name: 'school { progress }',
    operation: 'query ($urn: Int!) { school(urn: $urn) { progress(academicYear: 2025) { pupils } } }',
    variables: () => ({ urn: OWN_URN }),
    path: 'school.progress',
    expect: only(OWN_SCHOOL_READERS),
  },
  {
    covers: 'Field.School.stuckPupils',
    name: 'school { stuckPupils }',
    operation:
      'query ($urn: Int!) { school(urn: $urn) { stuckPupils(academicYear: 2025, first: 1) { totalCount } } }',
    variables: () => ({ urn: OWN_URN }),
    path: 'school.stuckPupils',
    expect: only(PUPIL_READERS),
  },
  {
    covers: 'Field.School.selfEvaluation',
    name: 'school { selfEvaluation }',
    operation: `query ($urn: Int!) { school(urn: $urn) { selfEvaluation(academicYear: ${YEAR}) { eligibleForSupport } } }`,
    variables: () => ({ urn: OWN_URN }),
    path: 'school.selfEvaluation',
    expect: only(OWN_SCHOOL_READERS),
  },
  {
    covers: 'Field.School.cpd',
    name: 'school { cpd }',
    operation: 'query ($urn: Int!) { school(urn: $urn) { cpd(academicYear: 2025) { hours } } }',
    variables: () => ({ urn: OWN_URN }),
    path: 'school.cpd',
    expect: only(OWN_SCHOOL_READERS),
  },
  {
    covers: 'Field.School.parentSatisfaction',
    name: 'school { parentSatisfaction }',
    operation:
      'query ($urn: Int!) { school(urn: $urn) { parentSatisfaction(academicYear: 2025) { responses } } }',
    variables: () => ({ urn: OWN_URN }),
    path: 'school.parentSatisfaction',
    expect: only(OWN_SCHOOL_READERS),
  },
  {
    covers: 'Field.Trust.gaps',
    name: 'trust { gaps }',
    operation: `query ($id: ID!) { trust(id: $id) { gaps(academicYear: ${YEAR}, subject: MATHS, by: DISADVANTAGED) { group } } }`,
    variables: () => ({ id: OWN_TRUST }),
    path: 'trust.gaps',
    expect: only(OWN_TRUST_READERS),
  },
  {
    covers: 'Field.LocalAuthority.gaps',
    name: 'localAuthority { gaps }',
    operation: `query ($code: String!) { localAuthority(code: $code) { gaps(academicYear: ${YEAR}, subject: MATHS, by: SEX) { group } } }`,
    variables: () => ({ code: OWN_LA }),
    path: 'localAuthority.gaps',
    expect: only(['laOwn']),
  },
  {
    covers: 'Field.Booking.pupil',
    name: 'providerBookings { pupil }',
    operation: '{ providerBookings(first: 1) { nodes { pupil { id } } } }',
    path: 'providerBookings.nodes.0.pupil',
    // Only a provider gets this far; for them the pupil behind a booking is FORBIDDEN (they see `learner`).
    expect: table('DENY', {}),
  },
];

export const ENTITY_ROWS: MatrixRow[] = [
  {
    covers: 'Entity.School@schools',
    name: '_entities School (schools)',
    via: 'schools',
    operation: entities('... on School { urn name }'),
    variables: rep({ __typename: 'School', urn: OWN_URN }),
    path: '_entities.0',
    expect: everyone(),
  },
  {
    covers: 'Entity.School@progress',
    name: '_entities School { progress } (progress)',
    via: 'progress',
    operation: entities(`... on School { progress(academicYear: ${YEAR}) { pupils } }`),
    variables: rep({ __typename: 'School', urn: OWN_URN }),
    path: '_entities.0.progress',
    expect: only(OWN_SCHOOL_READERS),
  },
  {
    covers: 'Entity.School@practice',
    name: '_entities School { cpd } (practice)',
    via: 'practice',
    operation: entities(`... on School { cpd(academicYear: ${YEAR}) { hours } }`),
    variables: rep({ __typename: 'School', urn: OWN_URN }),
    path: '_entities.0.cpd',
    expect: only(OWN_SCHOOL_READERS),
  },
  {
    covers: 'Entity.School@parents',
    name: '_entities School { parentSatisfaction } (parents)',
    via: 'parents',
    operation: entities(`... on School { parentSatisfaction(academicYear: ${YEAR}) { responses } }`),
    variables: rep({ __typename: 'School', urn: OWN_URN }),
    path: '_entities.0.parentSatisfaction',
    expect: only(OWN_SCHOOL_READERS),
  },
  {
    covers: 'Entity.Trust@schools',
    name: '_entities Trust (schools)',
    via: 'schools',
    operation: entities('... on Trust { id name }'),
    variables: rep({ __typename: 'Trust', id: OWN_TRUST }),
    path: '_entities.0',
    expect: everyone(),
  },
  {
    covers: 'Entity.Trust@progress',
    name: '_entities Trust { supportTakeUp } (progress)',
    via: 'progress',
    operation: entities(`... on Trust { supportTakeUp(academicYear: ${YEAR}) { academicYear } }`),
    variables: rep({ __typename: 'Trust', id: OWN_TRUST }),
    path: '_entities.0.supportTakeUp',
    expect: only(OWN_TRUST_READERS),
  },
  {
    covers: 'Entity.Trust@practice',
    name: '_entities Trust { cpd } (practice)',
    via: 'practice',
    operation: entities(`... on Trust { cpd(academicYear: ${YEAR}) { hours } }`),
    variables: rep({ __typename: 'Trust', id: OWN_TRUST }),
    path: '_entities.0.cpd',
    expect: only(OWN_TRUST_READERS),
  },
  {
    covers: 'Entity.Trust@parents',
    name: '_entities Trust { parentSatisfaction } (parents)',
    via: 'parents',
    operation: entities(`... on Trust { parentSatisfaction(academicYear: ${YEAR}) { responses } }`),
    variables: rep({ __typename: 'Trust', id: OWN_TRUST }),
    path: '_entities.0.parentSatisfaction',
    expect: only(OWN_TRUST_READERS),
  },
  {
    covers: 'Entity.LocalAuthority@schools',
    name: '_entities LocalAuthority (schools)',
    via: 'schools',
    operation: entities('... on LocalAuthority { code name }'),
    variables: rep({ __typename: 'LocalAuthority', code: OWN_LA }),
    path: '_entities.0',
    expect: everyone(),
  },
  {
    covers: 'Entity.LocalAuthority@progress',
    name: '_entities LocalAuthority { gaps } (progress)',
    via: 'progress',
    operation: entities(
      `... on LocalAuthority { gaps(academicYear: ${YEAR}, subject: MATHS, by: DISADVANTAGED) { group } }`,
    ),
    variables: rep({ __typename: 'LocalAuthority', code: OWN_LA }),
    path: '_entities.0.gaps',
    expect: only(['laOwn']),
  },
  ...(['parents', 'practice'] as const).map(
    (subgraph): MatrixRow => ({
      covers: `Entity.LocalAuthority@${subgraph}`,
      name: `_entities LocalAuthority { ${subgraph}AuditEvents } (${subgraph})`,
      via: subgraph,
      operation: entities(`... on LocalAuthority { ${subgraph}AuditEvents(first: 5) { totalCount } }`),
      variables: rep({ __typename: 'LocalAuthority', code: OWN_LA }),
      path: `_entities.0.${subgraph}AuditEvents`,
      expect: only([], { laDpo: 'GRANT' }),
    }),
  ),
  {
    covers: 'Entity.Pupil@progress',
    name: '_entities Pupil (progress)',
    via: 'progress',
    operation: entities('... on Pupil { id displayName }'),
    variables: (f) => ({ r: [{ __typename: 'Pupil', id: f.pupil }] }),
    path: '_entities.0',
    expect: only([...PUPIL_READERS, 'carerOwn']),
  },
  {
    covers: 'Entity.Pupil@parents',
    name: '_entities Pupil { trafficLights } (parents)',
    via: 'parents',
    operation: entities('... on Pupil { id trafficLights { subject } }'),
    // As the gateway sends it: with the progress subgraph's concept results (@requires).
    variables: (f) => ({
      r: [
        {
          __typename: 'Pupil',
          id: f.pupil,
          conceptResults: [
            {
              academicYear: YEAR,
              assessedOn: '2026-07-01',
              subject: 'MATHS',
              concept: 'FRACTIONS',
              points: 20,
              expectedPoints: 20,
            },
          ],
        },
      ],
    }),
    path: '_entities.0.trafficLights',
    expect: only(['staffOwn', 'learningGuide', 'carerOwn']),
  },
  {
    covers: 'Entity.Staff@schools',
    name: '_entities Staff (schools)',
    via: 'schools',
    operation: entities('... on Staff { id name }'),
    variables: (f) => ({ r: [{ __typename: 'Staff', id: f.learningGuide }] }),
    path: '_entities.0',
    // A pupil of the school knows its staff: their targets' ratings name who rated them.
    expect: only(['staffOwn', 'learningGuide', 'trustOwn', 'laOwn', 'carerOwn', 'carerOther', 'pupil']),
  },
  {
    covers: 'Entity.Carer@parents',
    name: '_entities Carer (parents)',
    via: 'parents',
    operation: entities('... on Carer { id displayName }'),
    variables: (f) => ({ r: [{ __typename: 'Carer', id: f.carer }] }),
    path: '_entities.0',
    expect: only(['carerOwn', 'staffOwn', 'learningGuide']),
  },
  {
    covers: 'Entity.Practice@practice',
    name: '_entities Practice (DRAFT, practice)',
    via: 'practice',
    operation: entities('... on Practice { id title }'),
    variables: rep({ __typename: 'Practice', id: OWN_DRAFT_PRACTICE }),
    path: '_entities.0',
    expect: only(OWN_STAFF, {}, 'NULL'),
  },
  {
    covers: 'Entity.Practice@practice',
    name: '_entities Practice (TRUST of the other trust, practice)',
    via: 'practice',
    operation: entities('... on Practice { id title }'),
    variables: rep({ __typename: 'Practice', id: OTHER_TRUST_PRACTICE }),
    path: '_entities.0',
    expect: only(['trustOther'], {}, 'NULL'),
  },
  {
    covers: 'Entity.Adoption@practice',
    name: '_entities Adoption (of a TRUST practice of TR0962, practice)',
    via: 'practice',
    operation: entities('... on Adoption { id practice { id } }'),
    // AD-0011: Catmose College (TR0962) adopting PR-0006, a TRUST practice of Uppingham CC (TR0962).
    variables: rep({ __typename: 'Adoption', id: 'AD-0011' }),
    path: '_entities.0',
    expect: only(['trustOther'], {}, 'NULL'),
  },
  {
    covers: 'Entity.Adoption@practice',
    name: '_entities Adoption (of a PUBLIC practice, practice)',
    via: 'practice',
    operation: entities('... on Adoption { id school { urn } }'),
    variables: rep({ __typename: 'Adoption', id: OWN_ADOPTION }),
    path: '_entities.0',
    expect: everyone(),
  },
  {
    covers: 'Entity.Adoption@progress',
    name: '_entities Adoption { impact } (progress)',
    via: 'progress',
    operation: entities('... on Adoption { id impact { effect { suppressed } } }'),
    // An aggregate over the cohort, named by no pupil: whoever may see the adoption (the practice subgraph
    // decides that before the gateway ever asks progress).
    variables: (f) => ({ r: [{ __typename: 'Adoption', id: OWN_ADOPTION, cohort: { id: f.cohort } }] }),
    path: '_entities.0',
    expect: everyone(),
  },
  {
    covers: 'Entity.InterventionCohort@progress',
    name: '_entities InterventionCohort { pupils } (progress)',
    via: 'progress',
    operation: entities('... on InterventionCohort { id pupils { id } }'),
    variables: (f) => ({ r: [{ __typename: 'InterventionCohort', id: f.cohort }] }),
    path: '_entities.0.pupils',
    expect: only(PUPIL_READERS),
  },
  {
    covers: 'Entity.InterventionCohort@progress',
    name: '_entities InterventionCohort { impact } (progress)',
    via: 'progress',
    operation: entities('... on InterventionCohort { id yearGroup impact { effect { suppressed } } }'),
    variables: (f) => ({ r: [{ __typename: 'InterventionCohort', id: f.cohort }] }),
    path: '_entities.0.impact',
    expect: everyone(),
  },
];

/**
 * Entity types with a key that no subgraph resolves (every `@join__type` is `resolvable: false`): there is
 * nothing to call `_entities` on. The completeness test checks they are still unresolvable, so the day a
 * subgraph starts resolving one, it asks for a row.
 */
export const UNRESOLVABLE_ENTITIES: Record<string, string> = {};

export const CONTRACT_ROWS: MatrixRow[] = [
  {
    covers: 'Contract.directory',
    name: 'contract directory',
    operation: contractOperation('directory'),
    variables: () => ({ laCode: OWN_LA }),
    path: 'localAuthority',
    expect: everyone(),
  },
  {
    covers: 'Contract.la-gaps',
    name: 'contract la-gaps',
    operation: contractOperation('la-gaps'),
    variables: () => ({ laCode: OWN_LA, academicYear: YEAR }),
    path: ['localAuthority.gaps', 'localAuthority.gapTrend', 'localAuthority.schools.nodes.0.progress'],
    expect: only(['laOwn']),
  },
  {
    covers: 'Contract.practice-search',
    name: 'contract practice-search',
    operation: contractOperation('practice-search'),
    variables: () => ({ text: 'reading' }),
    path: 'practices',
    expect: everyone(),
  },
  {
    covers: 'Contract.school-stuck',
    name: 'contract school-stuck',
    operation: contractOperation('school-stuck'),
    variables: () => ({ urn: OWN_URN, academicYear: YEAR }),
    // The pupils are the protected part; `selfEvaluation` (aggregates, LA officers too) has its own row.
    path: 'school.stuckPupils',
    expect: only(PUPIL_READERS),
  },
  {
    covers: 'Contract.trust-overview',
    name: 'contract trust-overview',
    operation: contractOperation('trust-overview'),
    variables: () => ({ trustId: OWN_TRUST, academicYear: YEAR }),
    // The first school, Casterton College (137340), is not the own school: its staff see only their own.
    path: ['trust.schools.0.progress', 'trust.schools.0.parentSatisfaction', 'trust.schools.0.cpd'],
    // Every TR0963 school is in Rutland, so Rutland's officers may see each figure it asks for; the trust's
    // trustees read every school of their trust (rounded); the own school's governor only their own school.
    expect: only(['trustOwn', 'laOwn', 'trusteeOwn']),
  },
  {
    covers: 'Contract.carer-child',
    name: 'contract carer-child',
    operation: contractOperation('carer-child'),
    path: 'me.children',
    // Each carer gets their own children; everyone else is not a carer, so `me` is null.
    expect: only(['carerOwn', 'carerOther'], {}, 'NULL'),
  },
];

const BOOKED_SLOTS = {
  as: 'staffOwn' as Persona,
  operation: 'query ($id: ID!) { pupil(id: $id) { consultationSlots { id booked } } }',
  variables: (f: Fixtures) => ({ id: f.pupil }),
  path: 'pupil.consultationSlots',
};

export const MUTATION_ROWS: MatrixRow[] = [
  {
    covers: 'Mutation.bookConsultation',
    name: 'bookConsultation',
    operation:
      'mutation ($slot: ID!, $pupil: ID!) { bookConsultation(slotId: $slot, pupilId: $pupil) { id booked } }',
    variables: (f) => ({ slot: f.freeSlot, pupil: f.pupil }),
    path: 'bookConsultation',
    expect: only(['carerOwn']),
    unchanged: BOOKED_SLOTS,
  },
  {
    covers: 'Mutation.cancelConsultation',
    name: 'cancelConsultation (the slot carerOwn just booked)',
    operation: 'mutation ($slot: ID!) { cancelConsultation(slotId: $slot) { id booked } }',
    variables: (f) => ({ slot: f.freeSlot }),
    path: 'cancelConsultation',
    expect: only(['carerOwn'], { carerOther: 'REFUSED' }),
    note: 'Another carer is told they have no booking for that slot (NOT_FOUND): true, and it tells nothing.',
    unchanged: BOOKED_SLOTS,
  },
  {
    covers: 'Mutation.offerConsultationSlots',
    name: 'offerConsultationSlots (for the learning guide)',
    operation: 'mutation ($input: OfferSlotsInput!) { offerConsultationSlots(input: $input) { id } }',
    variables: (f, p) => ({
      input: { staffId: f.learningGuide, startsAt: slotTime(p), minutes: 15, count: 1 },
    }),
    path: 'offerConsultationSlots',
    expect: only(OWN_STAFF, { staffOther: 'REFUSED' }),
    note: 'Another school’s staff naming our guide get BAD_USER_INPUT ("Not a member of your staff").',
  },
  {
    covers: 'Mutation.sendMessage',
    name: 'sendMessage (about the pupil)',
    operation: 'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
    variables: (f, p) => ({
      input: {
        pupilId: f.pupil,
        body: `Access matrix: ${p}`,
        ...(p.startsWith('carer') ? {} : { carerId: f.carer }),
      },
    }),
    path: 'sendMessage',
    expect: only(['carerOwn', 'staffOwn', 'learningGuide']),
    unchanged: {
      as: 'staffOwn',
      operation: 'query ($id: ID!) { pupil(id: $id) { messages(first: 1) { totalCount } } }',
      variables: (f) => ({ id: f.pupil }),
      path: 'pupil.messages.totalCount',
    },
  },
  {
    covers: 'Mutation.sendDoneWell',
    name: 'sendDoneWell',
    operation: 'mutation ($pupil: ID!) { sendDoneWell(pupilId: $pupil, note: "Access matrix") { id } }',
    variables: (f) => ({ pupil: f.pupil }),
    path: 'sendDoneWell',
    expect: only(OWN_STAFF),
  },
  {
    covers: 'Mutation.markMessageRead',
    name: 'markMessageRead (a message to carerOwn)',
    operation: 'mutation ($id: ID!) { markMessageRead(id: $id) { id read } }',
    variables: (f) => ({ id: f.messageToCarer }),
    path: 'markMessageRead',
    expect: only(['carerOwn']),
  },
  {
    covers: 'Mutation.submitParentView',
    name: 'submitParentView (own child’s school)',
    operation: 'mutation ($input: ParentViewInput!) { submitParentView(input: $input) { id } }',
    variables: () => ({
      input: {
        urn: OWN_URN,
        academicYear: YEAR,
        term: 1,
        answers: [{ question: 'HAPPY', answer: 'AGREE' }],
        recommend: true,
      },
    }),
    path: 'submitParentView',
    expect: only(['carerOwn']),
    unchanged: {
      as: 'staffOwn',
      operation: `query ($urn: Int!) { school(urn: $urn) { parentSatisfaction(academicYear: 2025) { responses } } }`,
      variables: () => ({ urn: OWN_URN }),
      path: 'school.parentSatisfaction.responses',
    },
  },
  {
    covers: 'Mutation.publishPractice',
    name: 'publishPractice (draft)',
    operation: 'mutation ($input: PracticeInput!) { publishPractice(input: $input, draft: true) { id } }',
    variables: () => ({ input: PRACTICE_INPUT }),
    path: 'publishPractice',
    expect: only(STAFF),
    unchanged: {
      as: 'staffOwn',
      operation:
        'query ($urn: Int!) { practices(filter: { school: $urn, statuses: [DRAFT, PUBLISHED, RETIRED] }, first: 1) { totalCount } }',
      variables: () => ({ urn: OWN_URN }),
      path: 'practices.totalCount',
    },
  },
  {
    covers: 'Mutation.updatePractice',
    name: 'updatePractice (own school’s draft, publishing it)',
    operation:
      'mutation ($id: ID!, $input: PracticeInput!) { updatePractice(id: $id, input: $input, publish: true) { id version } }',
    variables: () => ({
      id: OWN_DRAFT_PRACTICE,
      input: { ...PRACTICE_INPUT, title: 'Updated by the access matrix' },
    }),
    path: 'updatePractice',
    expect: only(OWN_STAFF, { staffOther: 'REFUSED' }),
    note: 'The practice subgraph answers a practice of another school as one the caller cannot see (BAD_USER_INPUT), whether or not they can read it.',
    unchanged: {
      as: 'staffOwn',
      operation: 'query ($id: ID!) { practice(id: $id) { version } }',
      variables: () => ({ id: OWN_DRAFT_PRACTICE }),
      path: 'practice.version',
    },
  },
  {
    covers: 'Mutation.retirePractice',
    name: 'retirePractice (own school’s practice, published just above)',
    operation: 'mutation ($id: ID!) { retirePractice(id: $id) { id status } }',
    variables: () => ({ id: OWN_DRAFT_PRACTICE }),
    path: 'retirePractice',
    expect: only(['staffOwn'], { learningGuide: 'COVERED', staffOther: 'REFUSED' }),
    note: 'The practice subgraph answers a practice of another school as one the caller cannot see (BAD_USER_INPUT), whether or not they can read it.',
    coveredBy: [
      'subgraphs/practice/src/practice.test.ts > publishes, finds, edits with versions kept, and retires a practice',
    ],
    coveredWhy: 'same rule as staffOwn (staff of the publishing school); a practice retires once',
  },
  {
    covers: 'Mutation.adoptPractice',
    name: 'adoptPractice (a public practice, to the caller’s cohort)',
    operation: 'mutation ($input: AdoptionInput!) { adoptPractice(input: $input) { id } }',
    variables: (_f, p) => ({
      input: {
        practiceId: PUBLIC_PRACTICE,
        cohortId: `K${urnOf(p)}-SECURITY-${p}`,
        subject: 'ENGLISH',
        yearGroup: 5,
        academicYear: YEAR,
        startedOn: today(),
      },
    }),
    path: 'adoptPractice',
    expect: only(STAFF),
  },
  {
    covers: 'Mutation.recordCpdActivity',
    name: 'recordCpdActivity',
    operation: 'mutation ($input: CpdActivityInput!) { recordCpdActivity(input: $input) { id } }',
    variables: () => ({
      input: {
        type: 'COACHING',
        title: 'Access matrix',
        hours: 1,
        startedOn: today(),
        endedOn: today(),
        schoolBased: true,
        inTeam: false,
        focus: 'OTHER',
      },
    }),
    path: 'recordCpdActivity',
    expect: only(STAFF),
  },
  {
    covers: 'Mutation.createSkillRequest',
    name: 'createSkillRequest',
    operation: 'mutation ($input: SkillRequestInput!) { createSkillRequest(input: $input) { id } }',
    variables: () => ({ input: { title: 'Access matrix', skills: ['FINANCE'] } }),
    path: 'createSkillRequest',
    expect: only(STAFF),
  },
  {
    covers: 'Mutation.bookSupport',
    name: 'bookSupport (for the pupil)',
    operation:
      'mutation ($pupil: ID!, $option: ID!) { bookSupport(pupilId: $pupil, optionId: $option) { id } }',
    variables: (f) => ({ pupil: f.pupil, option: f.option }),
    path: 'bookSupport',
    expect: only(['carerOwn'], { staffOwn: 'COVERED', learningGuide: 'COVERED' }),
    coveredBy: [
      'subgraphs/progress/src/entitlement.test.ts > books an option for an entitled pupil, drawing on the budget, and cancelling returns it',
      "subgraphs/progress/src/entitlement.test.ts > lets a carer book and cancel support for their own entitled child, and for nobody else's",
    ],
    unchanged: {
      as: 'staffOwn',
      operation: 'query ($id: ID!) { pupil(id: $id) { entitlement { spent } } }',
      variables: (f) => ({ id: f.pupil }),
      path: 'pupil.entitlement.spent',
    },
  },
  {
    covers: 'Mutation.cancelBooking',
    name: 'cancelBooking (the pupil’s provider booking)',
    operation: 'mutation ($id: ID!) { cancelBooking(bookingId: $id) { id status } }',
    variables: (f) => ({ id: f.booking }),
    path: 'cancelBooking',
    expect: only([], { staffOwn: 'COVERED', learningGuide: 'COVERED', carerOwn: 'COVERED' }),
    coveredBy: [
      'subgraphs/progress/src/entitlement.test.ts > books an option for an entitled pupil, drawing on the budget, and cancelling returns it',
      "subgraphs/progress/src/entitlement.test.ts > lets a carer book and cancel support for their own entitled child, and for nobody else's",
    ],
    unchanged: {
      as: 'staffOwn',
      operation: 'query ($id: ID!) { pupil(id: $id) { entitlement { spent } } }',
      variables: (f) => ({ id: f.pupil }),
      path: 'pupil.entitlement.spent',
    },
  },
  {
    covers: 'Mutation.approveProvider',
    name: 'approveProvider (an existing provider)',
    operation: 'mutation ($input: ApproveProviderInput!) { approveProvider(input: $input) { id } }',
    variables: () => ({ input: { providerId: PROVIDER, approvedUntil: '2028-08-31' } }),
    path: 'approveProvider',
    // Any trust's leaders approve providers for their own trust.
    expect: only(['trustOwn', 'trustOther']),
  },
  {
    covers: 'Mutation.publishSupportOption',
    name: 'publishSupportOption (at the own school)',
    operation: 'mutation ($input: PublishSupportOptionInput!) { publishSupportOption(input: $input) { id } }',
    variables: () => ({
      input: {
        providerId: PROVIDER,
        title: 'Access matrix option',
        description: 'Written by the access matrix test.',
        mode: 'ONE_TO_ONE',
        cost: 10,
        capacity: 5,
        offeredAt: [OWN_URN],
      },
    }),
    path: 'publishSupportOption',
    expect: only(['trustOwn'], { trustOther: 'REFUSED' }),
    note: 'Another trust’s leaders may publish options, but not at our school: BAD_USER_INPUT naming the URN.',
  },
  {
    covers: 'Mutation.withdrawSupportOption',
    name: 'withdrawSupportOption',
    operation: 'mutation ($id: ID!) { withdrawSupportOption(id: $id) { id } }',
    variables: (f) => ({ id: f.option }),
    path: 'withdrawSupportOption',
    expect: only([], { trustOwn: 'COVERED' }),
    coveredBy: [
      'subgraphs/progress/src/entitlement.test.ts > approves a new provider, publishes its option at a school of the trust, and withdraws it',
    ],
  },
  {
    covers: 'Mutation.createProgressPlan',
    name: 'createProgressPlan',
    operation: 'mutation ($input: CreateProgressPlanInput!) { createProgressPlan(input: $input) { id } }',
    variables: (f) => ({
      input: { pupilId: f.pupil, barriers: 'Access matrix', actions: 'Access matrix', reviewOn: inDays(28) },
    }),
    path: 'createProgressPlan',
    expect: only(OWN_STAFF),
    unchanged: {
      as: 'staffOwn',
      operation: 'query ($id: ID!) { pupil(id: $id) { progressPlans { id } } }',
      variables: (f) => ({ id: f.pupil }),
      path: 'pupil.progressPlans',
    },
  },
  {
    covers: 'Mutation.updateProgressPlan',
    name: 'updateProgressPlan',
    operation:
      'mutation ($id: ID!) { updateProgressPlan(id: $id, input: { actions: "Access matrix" }) { id } }',
    variables: (f) => ({ id: f.plan }),
    path: 'updateProgressPlan',
    expect: only(OWN_STAFF),
  },
  {
    covers: 'Mutation.assignLearningGuide',
    name: 'assignLearningGuide (the same guide again)',
    operation:
      'mutation ($pupil: ID!, $staff: ID!) { assignLearningGuide(pupilId: $pupil, staffId: $staff) { id } }',
    variables: (f) => ({ pupil: f.pupil, staff: f.learningGuide }),
    path: 'assignLearningGuide',
    expect: only(OWN_STAFF),
  },
  {
    covers: 'Mutation.addLearningTarget',
    name: 'addLearningTarget',
    operation: 'mutation ($input: AddLearningTargetInput!) { addLearningTarget(input: $input) { id } }',
    variables: (f) => ({
      input: { pupilId: f.pupil, kind: 'NON_COGNITIVE', area: 'resilience', description: 'Access matrix' },
    }),
    path: 'addLearningTarget',
    expect: only(OWN_STAFF),
    unchanged: {
      as: 'staffOwn',
      operation: 'query ($id: ID!) { pupil(id: $id) { learningTargets { id } } }',
      variables: (f) => ({ id: f.pupil }),
      path: 'pupil.learningTargets',
    },
  },
  {
    covers: 'Mutation.rateLearningTarget',
    name: 'rateLearningTarget',
    operation:
      'mutation ($id: ID!, $on: String!) { rateLearningTarget(targetId: $id, rating: 3, ratedOn: $on) { id } }',
    variables: (f) => ({ id: f.target, on: today() }),
    path: 'rateLearningTarget',
    expect: only(OWN_STAFF),
  },
  {
    covers: 'Mutation.recordReview',
    name: 'recordReview',
    operation: 'mutation ($input: RecordReviewInput!) { recordReview(input: $input) { id } }',
    variables: (f) => ({
      input: { pupilId: f.pupil, heldOn: today(), notes: 'Access matrix', nextReviewOn: inDays(28) },
    }),
    path: 'recordReview',
    expect: only(OWN_STAFF),
    unchanged: {
      as: 'staffOwn',
      operation: 'query ($id: ID!) { pupil(id: $id) { reviews { id } } }',
      variables: (f) => ({ id: f.pupil }),
      path: 'pupil.reviews',
    },
  },
  {
    covers: 'Mutation.createInterventionCohort',
    name: 'createInterventionCohort (of the pupil)',
    operation:
      'mutation ($input: CreateInterventionCohortInput!) { createInterventionCohort(input: $input) { id } }',
    variables: (f) => ({
      input: {
        subject: 'MATHS',
        yearGroup: f.yearGroup,
        academicYear: YEAR,
        startedOn: today(),
        pupilIds: [f.pupil],
      },
    }),
    path: 'createInterventionCohort',
    expect: only(OWN_STAFF, { staffOther: 'REFUSED' }),
    note: 'Another school’s staff get BAD_USER_INPUT ("Not pupils of your school"), as for an unknown id.',
  },
  {
    covers: 'Mutation.importAssessments',
    name: 'importAssessments (a row for the pupil)',
    operation: 'mutation ($csv: String!) { importAssessments(csv: $csv) { inserted } }',
    variables: (f) => ({
      csv: `upn,subject,scale,grade,assessed_on\n${f.upn},READING,NOT_A_SCALE,X,${today()}\n`,
    }),
    path: 'importAssessments',
    expect: only([], { staffOwn: 'COVERED', learningGuide: 'COVERED', staffOther: 'REFUSED' }),
    coveredBy: [
      'subgraphs/progress/src/progress.test.ts > imports assessments from CSV: rejects a bad file whole, and a second import changes nothing',
    ],
    note: 'Another school’s staff get BAD_USER_INPUT: a UPN outside the caller’s school is reported like an unknown one, so its existence is not told.',
  },
];

export const MATRIX: MatrixRow[] = [
  ...EVIDENCE_AND_ENGAGEMENT_ROWS,
  ...QUERY_ROWS,
  ...AUDIT_ROWS,
  ...DATA_SUBJECT_ROWS,
  ...FIELD_ROWS,
  ...ENTITY_ROWS,
  ...CONTRACT_ROWS,
  ...MUTATION_ROWS,
  ...CONCEPTS_ROWS,
  ...CTF_ROWS,
  ...ACTIONS_ROWS,
  ...GOVERNANCE_ROWS,
  ...PUPIL_VOICE_ROWS,
];
