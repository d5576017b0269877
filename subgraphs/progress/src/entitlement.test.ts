import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { DEFAULT_POLICY } from '@commonroom/disclosure';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenTakeUpOfTrust, progressUnderTest } from './testing.ts';

/** Two primaries of trust TR0965 (Rutland) and a maintained Rutland primary, with the demo's support data. */
const TRUST = 'TR0965';
const SCHOOL = 142401;
const SISTER = 142544;
const MAINTAINED = 120181;
const YEAR = 2025;

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(progressUnderTest({ urns: [SCHOOL, SISTER, MAINTAINED] }));
});
afterAll(() => subgraph?.close());

const staffOf = (urn: number): Viewer => ({ role: 'school_staff', sub: 't', urn, staffId: `S${urn}-01` });
const trustLeader = (trustId: string): Viewer => ({ role: 'trust_leader', sub: 't', trustId });
const laOfficer = (laCode: string): Viewer => ({ role: 'la_officer', sub: 't', laCode });
const anonymous: Viewer = { role: 'anonymous' };
const carer: Viewer = { role: 'carer', sub: 't', carerId: 'C1' };
const providerViewer = (providerId: string): Viewer => ({ role: 'provider', sub: 't', providerId });

const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  queryRows<T>(subgraph.db, query);

/** Entitled pupils of a school this year without any booking yet, in id order. */
async function entitledWithoutBookings(urn: number) {
  const found = await rows<{ pupil_id: string }>(
    sql`select pupil_id from progress.entitlements e where urn = ${urn} and academic_year = ${YEAR} and eligible
        and not exists (select 1 from progress.bookings b where b.pupil_id = e.pupil_id) order by pupil_id`,
  );
  return found.map((r) => r.pupil_id);
}

async function notEntitled(urn: number) {
  const [row] = await rows<{ id: string }>(
    sql`select p.id from progress.pupils p where p.urn = ${urn} and p.on_roll_to = ${YEAR}
          and exists (select 1 from progress.pupil_results r where r.pupil_id = p.id and r.academic_year = ${YEAR})
          and not exists (select 1 from progress.entitlements e where e.pupil_id = p.id and e.academic_year = ${YEAR})
        order by p.id limit 1`,
  );
  if (!row) throw new Error('no pupil without an entitlement');
  return row.id;
}

/** Rows in the booking and ledger tables: a refused change must leave both as they were. */
async function counts() {
  const [row] = await rows<{ bookings: number; ledger: number; options: number; approvals: number }>(
    sql`select (select count(*) from progress.bookings)::int as bookings,
          (select count(*) from progress.support_ledger)::int as ledger,
          (select count(*) from progress.support_options)::int as options,
          (select count(*) from progress.provider_approvals)::int as approvals`,
  );
  return row;
}

const ENTITLEMENT = `query ($id: ID!) { pupil(id: $id) { id entitlement {
  academicYear eligible reasons reasonDetails { code subject description } budget spent budgetRemaining
  options { id title provider cost placesLeft mode providerDetails { id kind approvals { trust { id } approvedOn } } }
  bookings { id status cost option { id } learner { displayName yearGroup } }
} } }`;

interface EntitlementView {
  academicYear: number;
  eligible: boolean;
  reasons: string[];
  reasonDetails: { code: string; subject: string; description: string }[];
  budget: number;
  spent: number;
  budgetRemaining: number;
  options: { id: string; title: string; provider: string; cost: number; placesLeft: number }[];
  bookings: { id: string; status: string; cost: number; option: { id: string } }[];
}
type PupilEntitlement = { pupil: { id: string; entitlement: EntitlementView } | null };

const BOOK =
  'mutation ($p: ID!, $o: ID!) { bookSupport(pupilId: $p, optionId: $o) { id status cost option { id } } }';
const CANCEL = 'mutation ($id: ID!) { cancelBooking(bookingId: $id) { id status cancelledAt } }';
const PUBLISH =
  'mutation ($input: PublishSupportOptionInput!) { publishSupportOption(input: $input) { id title provider cost capacity placesLeft offeredAt { urn } } }';
const option = (overrides: Record<string, unknown> = {}) => ({
  providerId: 'PR-NUMBER-PATH',
  title: 'Times tables club',
  description: 'Online, twice a week.',
  subject: 'MATHS',
  mode: 'ONLINE',
  cost: 25,
  capacity: 10,
  offeredAt: [SCHOOL],
  ...overrides,
});

describe('entitlement: who sees it, and what it says', () => {
  it('shows an entitled pupil reasons, budget, options from the school and approved providers', async () => {
    const [id] = await entitledWithoutBookings(SCHOOL);
    for (const viewer of [staffOf(SCHOOL), trustLeader(TRUST)]) {
      const res = await subgraph.request<PupilEntitlement>(viewer, ENTITLEMENT, { id });
      expect(res.errors).toBeUndefined();
      const e = res.data?.pupil?.entitlement;
      expect(e).toMatchObject({
        academicYear: YEAR,
        eligible: true,
        budget: 300,
        spent: 0,
        budgetRemaining: 300,
      });
      expect(e?.reasons.length).toBeGreaterThan(0);
      expect(e?.reasons).toEqual(e?.reasonDetails.map((r) => r.description));
      for (const r of e?.reasonDetails ?? []) {
        expect(['READING', 'WRITING', 'MATHS']).toContain(r.subject);
        expect(r.code).toMatch(/^(KS1_BELOW_EXPECTED_STANDARD|NOT_PROGRESSING_KS1_TO_KS2)$/);
      }
      // The school's own two options and one from each of the trust's three approved providers.
      expect(e?.options.map((o) => o.provider).sort()).toEqual(
        [
          'Family Learning Service',
          'Number Path Online',
          'Read Together Tutoring Trust',
          expect.any(String),
          expect.any(String),
        ].sort(),
      );
      expect(e?.options.map((o) => o.cost)).toEqual(
        [...(e?.options.map((o) => o.cost) ?? [])].sort((a, b) => a - b),
      );
      expect(e?.bookings).toEqual([]);
    }
  });

  it('says not eligible, with no budget or options, for a pupil without a reason', async () => {
    const id = await notEntitled(SCHOOL);
    const res = await subgraph.request<PupilEntitlement>(staffOf(SCHOOL), ENTITLEMENT, { id });
    expect(res.errors).toBeUndefined();
    expect(res.data?.pupil?.entitlement).toMatchObject({
      eligible: false,
      reasons: [],
      budget: 0,
      budgetRemaining: 0,
      options: [],
    });
  });

  it('refuses the entitlement to staff of another school, another trust, LA officers, carers, providers, anonymous', async () => {
    const [id] = await entitledWithoutBookings(SCHOOL);
    for (const viewer of [
      staffOf(SISTER),
      trustLeader('TR0963'),
      laOfficer('857'),
      carer,
      providerViewer('PR-NUMBER-PATH'),
      anonymous,
    ]) {
      const res = await subgraph.request<PupilEntitlement>(viewer, ENTITLEMENT, { id });
      expect(res.data?.pupil ?? null, viewer.role).toBeNull();
      expect(res.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
    }
  });

  it("gives the entitlement of a school's 20 stuck pupils, with their options, in two more SQL queries", async () => {
    const stuck = (fields: string) =>
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { stuckPupils(academicYear: ${YEAR}, first: 20) { nodes { id ${fields} } } } } }`;
    const r = [{ __typename: 'School', urn: SCHOOL }];
    subgraph.resetQueryCount();
    const plain = await subgraph.request(staffOf(SCHOOL), stuck(''), { r });
    expect(plain.errors).toBeUndefined();
    const base = subgraph.queryCount();
    subgraph.resetQueryCount();
    const withEntitlement = await subgraph.request<{
      _entities: { stuckPupils: { nodes: { entitlement: EntitlementView }[] } }[];
    }>(staffOf(SCHOOL), stuck('entitlement { eligible reasons budgetRemaining }'), { r });
    expect(withEntitlement.errors).toBeUndefined();
    const nodes = withEntitlement.data?._entities[0]?.stuckPupils.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(5);
    expect(nodes.some((n) => n.entitlement.eligible)).toBe(true);
    expect(subgraph.queryCount()).toBe(base + 1);
    subgraph.resetQueryCount();
    await subgraph.request(
      staffOf(SCHOOL),
      stuck('entitlement { eligible options { id provider } bookings { id } }'),
      {
        r,
      },
    );
    expect(subgraph.queryCount()).toBe(base + 3);
  });
});

describe('entitlement: booking and cancelling', () => {
  it('books an option for an entitled pupil, drawing on the budget, and cancelling returns it', async () => {
    const [id] = await entitledWithoutBookings(SCHOOL);
    const optionId = `SO-S${SCHOOL}-GROUP`;
    const booked = await subgraph.request<{ bookSupport: { id: string; status: string; cost: number } }>(
      staffOf(SCHOOL),
      BOOK,
      { p: id, o: optionId },
    );
    expect(booked.errors).toBeUndefined();
    expect(booked.data?.bookSupport).toMatchObject({ status: 'BOOKED', cost: 60, option: { id: optionId } });
    const bookingId = booked.data?.bookSupport.id as string;
    const after = await subgraph.request<PupilEntitlement>(staffOf(SCHOOL), ENTITLEMENT, { id });
    expect(after.data?.pupil?.entitlement).toMatchObject({ spent: 60, budgetRemaining: 240 });
    expect(after.data?.pupil?.entitlement.bookings.map((b) => b.id)).toEqual([bookingId]);

    const cancelled = await subgraph.request<{ cancelBooking: { status: string; cancelledAt: string } }>(
      staffOf(SCHOOL),
      CANCEL,
      { id: bookingId },
    );
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data?.cancelBooking.status).toBe('CANCELLED');
    const ledger = await rows<{ kind: string; amount_pence: number }>(
      sql`select kind, amount_pence from progress.support_ledger where booking_id = ${bookingId} order by id`,
    );
    expect(ledger).toEqual([
      { kind: 'DEBIT', amount_pence: 6000 },
      { kind: 'CREDIT', amount_pence: 6000 },
    ]);
    const restored = await subgraph.request<PupilEntitlement>(staffOf(SCHOOL), ENTITLEMENT, { id });
    expect(restored.data?.pupil?.entitlement).toMatchObject({ spent: 0, budgetRemaining: 300 });

    const before = await counts();
    const again = await subgraph.request(staffOf(SCHOOL), CANCEL, { id: bookingId });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('refuses with BAD_USER_INPUT or CONFLICT, naming the field, and changes nothing', async () => {
    const [a, b] = await entitledWithoutBookings(SCHOOL);
    const notEligible = await notEntitled(SCHOOL);
    const leader = trustLeader(TRUST);
    const dear = await subgraph.request<{ publishSupportOption: { id: string } }>(leader, PUBLISH, {
      input: option({ title: 'Intensive tutoring', cost: 300.01, capacity: 5 }),
    });
    const single = await subgraph.request<{ publishSupportOption: { id: string } }>(leader, PUBLISH, {
      input: option({ title: 'One place', cost: 10, capacity: 1 }),
    });
    expect(dear.errors).toBeUndefined();
    expect(single.errors).toBeUndefined();
    const first = await subgraph.request(staffOf(SCHOOL), BOOK, {
      p: a,
      o: single.data?.publishSupportOption.id,
    });
    expect(first.errors).toBeUndefined();

    const cases: [string, Record<string, unknown>, string, string | undefined][] = [
      ['not entitled', { p: notEligible, o: `SO-S${SCHOOL}-GROUP` }, 'BAD_USER_INPUT', 'pupilId'],
      ['no such pupil', { p: 'nobody', o: `SO-S${SCHOOL}-GROUP` }, 'BAD_USER_INPUT', 'pupilId'],
      ["another school's option", { p: a, o: `SO-S${MAINTAINED}-GROUP` }, 'BAD_USER_INPUT', 'optionId'],
      ['no such option', { p: a, o: 'SO-nothing' }, 'BAD_USER_INPUT', 'optionId'],
      ['over budget', { p: a, o: dear.data?.publishSupportOption.id }, 'CONFLICT', undefined],
      ['no place left', { p: b, o: single.data?.publishSupportOption.id }, 'CONFLICT', undefined],
    ];
    for (const [what, vars, code, field] of cases) {
      const before = await counts();
      const res = await subgraph.request(staffOf(SCHOOL), BOOK, vars);
      expect(res.errors?.[0]?.extensions?.code, what).toBe(code);
      expect(res.errors?.[0]?.extensions?.field, what).toBe(field);
      expect(await counts(), what).toEqual(before);
    }
  });

  it('lets only the staff of the pupil’s school book or cancel', async () => {
    const [a] = await entitledWithoutBookings(SCHOOL);
    const [booking] = await rows<{ id: string }>(
      sql`select id from progress.bookings where urn = ${SCHOOL} and status = 'BOOKED' order by id limit 1`,
    );
    for (const viewer of [
      staffOf(SISTER),
      trustLeader(TRUST),
      laOfficer('857'),
      carer,
      providerViewer('PR-NUMBER-PATH'),
      anonymous,
    ]) {
      const before = await counts();
      const book = await subgraph.request(viewer, BOOK, { p: a, o: `SO-S${SCHOOL}-GROUP` });
      expect(book.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
      const cancel = await subgraph.request(viewer, CANCEL, { id: booking?.id });
      expect(cancel.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    }
  });
});

describe('entitlement: providers see only their own bookings', () => {
  const PROVIDER_BOOKINGS = `query ($first: Int, $after: String) { providerBookings(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id status cost academicYear school { urn } learner { displayName yearGroup } option { id provider } }
  } }`;
  interface Page {
    providerBookings: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        id: string;
        learner: { displayName: string; yearGroup: number };
        option: { provider: string };
      }[];
    };
  }

  it('pages through the bookings made with the calling provider, with name and year group only', async () => {
    const [expected] = await rows<{ n: number }>(
      sql`select count(*)::int as n from progress.bookings where provider_id = 'PR-FAMILY-LEARNING'`,
    );
    expect(expected?.n).toBeGreaterThan(0);
    const viewer = providerViewer('PR-FAMILY-LEARNING');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: { data?: Page | null; errors?: unknown } = await subgraph.request<Page>(
        viewer,
        PROVIDER_BOOKINGS,
        {
          first: 3,
          after,
        },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data?.providerBookings;
      expect(page?.totalCount).toBe(expected?.n);
      for (const node of page?.nodes ?? []) {
        expect(node.option.provider).toBe('Family Learning Service');
        expect(node.learner.displayName).toMatch(/^\S+ \S+/);
        expect(node.learner.yearGroup).toBeGreaterThanOrEqual(0);
        seen.push(node.id);
      }
      after = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(expected?.n ?? -1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("hides everything else about the pupil from a provider, and other providers' bookings", async () => {
    const viewer = providerViewer('PR-FAMILY-LEARNING');
    const pupilOfBooking = await subgraph.request<{ providerBookings: { nodes: { pupil: unknown }[] } }>(
      viewer,
      'query { providerBookings(first: 1) { nodes { pupil { upn dateOfBirth sen } } } }',
    );
    expect(pupilOfBooking.data?.providerBookings.nodes[0]?.pupil).toBeNull();
    expect(pupilOfBooking.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const none = await subgraph.request<Page>(providerViewer('PR-NOBODY'), PROVIDER_BOOKINGS, { first: 5 });
    expect(none.data?.providerBookings.totalCount).toBe(0);
    for (const other of [staffOf(SCHOOL), trustLeader(TRUST), laOfficer('857'), carer, anonymous]) {
      const res = await subgraph.request(other, PROVIDER_BOOKINGS, { first: 5 });
      expect(res.errors?.[0]?.extensions?.code, other.role).toBe('FORBIDDEN');
    }
  });
});

describe('entitlement: trust leaders approve providers and publish options', () => {
  const APPROVE =
    'mutation ($input: ApproveProviderInput!) { approveProvider(input: $input) { id name kind approvals { trust { id } approvedOn approvedUntil } } }';

  it('approves a new provider, publishes its option at a school of the trust, and withdraws it', async () => {
    const leader = trustLeader(TRUST);
    const approved = await subgraph.request<{ approveProvider: { id: string; approvals: unknown[] } }>(
      leader,
      APPROVE,
      {
        input: {
          name: 'Oakham Science Mentors',
          description: 'STEM mentoring.',
          approvedUntil: '2099-08-31',
        },
      },
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.approveProvider).toMatchObject({
      name: 'Oakham Science Mentors',
      kind: 'EXTERNAL',
      approvals: [{ trust: { id: TRUST }, approvedUntil: '2099-08-31' }],
    });
    const providerId = approved.data?.approveProvider.id;
    const published = await subgraph.request<{ publishSupportOption: { id: string } }>(leader, PUBLISH, {
      input: option({ providerId, title: 'Maths mentoring', cost: 19.99, offeredAt: [SISTER] }),
    });
    expect(published.errors).toBeUndefined();
    expect(published.data?.publishSupportOption).toMatchObject({
      provider: 'Oakham Science Mentors',
      cost: 19.99,
      capacity: 10,
      placesLeft: 10,
      offeredAt: [{ urn: SISTER }],
    });
    const optionId = published.data?.publishSupportOption.id;
    const [pupil] = await entitledWithoutBookings(SISTER);
    const listed = async () =>
      (
        await subgraph.request<PupilEntitlement>(staffOf(SISTER), ENTITLEMENT, { id: pupil })
      ).data?.pupil?.entitlement.options.map((o) => o.id);
    expect(await listed()).toContain(optionId);

    const foreign = await subgraph.request(
      trustLeader('TR0963'),
      'mutation ($id: ID!) { withdrawSupportOption(id: $id) { id } }',
      {
        id: optionId,
      },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const withdrawn = await subgraph.request<{ withdrawSupportOption: { withdrawnOn: string } }>(
      leader,
      'mutation ($id: ID!) { withdrawSupportOption(id: $id) { id withdrawnOn } }',
      { id: optionId },
    );
    expect(withdrawn.data?.withdrawSupportOption.withdrawnOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await listed()).not.toContain(optionId);
    const late = await subgraph.request(staffOf(SISTER), BOOK, { p: pupil, o: optionId });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'optionId' });
  });

  it('refuses bad input naming the field, and anyone but a trust leader, changing nothing', async () => {
    const leader = trustLeader(TRUST);
    // A provider approved by another trust only.
    const elsewhere = await subgraph.request<{ approveProvider: { id: string } }>(
      trustLeader('TR0001'),
      APPROVE,
      {
        input: { name: 'Elsewhere Tutors', description: 'Not approved here.' },
      },
    );
    const cases: [string, Viewer, string, Record<string, unknown>, string, string | undefined][] = [
      [
        'cost of a fraction of a penny',
        leader,
        PUBLISH,
        { input: option({ cost: 10.001 }) },
        'BAD_USER_INPUT',
        'cost',
      ],
      ['free', leader, PUBLISH, { input: option({ cost: 0 }) }, 'BAD_USER_INPUT', 'cost'],
      ['no places', leader, PUBLISH, { input: option({ capacity: 0 }) }, 'BAD_USER_INPUT', 'capacity'],
      ['empty title', leader, PUBLISH, { input: option({ title: '  ' }) }, 'BAD_USER_INPUT', 'title'],
      [
        'maintained school',
        leader,
        PUBLISH,
        { input: option({ offeredAt: [MAINTAINED] }) },
        'BAD_USER_INPUT',
        'offeredAt',
      ],
      ['no schools', leader, PUBLISH, { input: option({ offeredAt: [] }) }, 'BAD_USER_INPUT', 'offeredAt'],
      [
        'unapproved provider',
        leader,
        PUBLISH,
        { input: option({ providerId: elsewhere.data?.approveProvider.id }) },
        'BAD_USER_INPUT',
        'providerId',
      ],
      ['school staff', staffOf(SCHOOL), PUBLISH, { input: option() }, 'FORBIDDEN', undefined],
      ['LA officer', laOfficer('857'), PUBLISH, { input: option() }, 'FORBIDDEN', undefined],
      ['provider', providerViewer('PR-NUMBER-PATH'), PUBLISH, { input: option() }, 'FORBIDDEN', undefined],
      [
        'approval in the past',
        leader,
        APPROVE,
        { input: { providerId: 'PR-NUMBER-PATH', approvedUntil: '2020-01-01' } },
        'BAD_USER_INPUT',
        'approvedUntil',
      ],
      [
        "approving a school's own",
        leader,
        APPROVE,
        { input: { providerId: `PR-S${SCHOOL}` } },
        'BAD_USER_INPUT',
        'providerId',
      ],
      ['nameless provider', leader, APPROVE, { input: { description: 'x' } }, 'BAD_USER_INPUT', 'name'],
      [
        'staff approving',
        staffOf(SCHOOL),
        APPROVE,
        { input: { name: 'X', description: 'Y' } },
        'FORBIDDEN',
        undefined,
      ],
    ];
    for (const [what, viewer, mutation, vars, code, field] of cases) {
      const before = await counts();
      const res = await subgraph.request(viewer, mutation, vars);
      expect(res.errors?.[0]?.extensions?.code, what).toBe(code);
      expect(res.errors?.[0]?.extensions?.field, what).toBe(field);
      expect(await counts(), what).toEqual(before);
    }
  });
});

describe('entitlement: re-evaluated when assessments arrive', () => {
  it('makes a Year 2 pupil entitled when a new assessment is below the expected standard', async () => {
    const [pupil] = await rows<{ id: string; upn: string }>(
      sql`select p.id, p.upn from progress.pupils p where p.urn = ${SCHOOL} and ${YEAR} - p.reception_year = 2
            and p.on_roll_to = ${YEAR}
            and not exists (select 1 from progress.entitlements e where e.pupil_id = p.id and e.academic_year = ${YEAR})
          order by p.id limit 1`,
    );
    if (!pupil) throw new Error('no Year 2 pupil without an entitlement');
    const csv = [
      'upn,subject,scale,grade,assessed_on,kind',
      `${pupil.upn},WRITING,SCHOOL_STEPS,Y1 B,${YEAR + 1}-07-15,PERIODIC`,
    ].join('\n');
    const imported = await subgraph.request(
      staffOf(SCHOOL),
      'mutation ($csv: String!) { importAssessments(csv: $csv) { inserted } }',
      {
        csv,
      },
    );
    expect(imported.errors).toBeUndefined();
    const res = await subgraph.request<PupilEntitlement>(staffOf(SCHOOL), ENTITLEMENT, { id: pupil.id });
    expect(res.data?.pupil?.entitlement).toMatchObject({
      eligible: true,
      budgetRemaining: 300,
      reasonDetails: [{ code: 'KS1_BELOW_EXPECTED_STANDARD', subject: 'WRITING' }],
    });
  });
});

describe('entitlement: take-up for the self-evaluation form, the trust and the LA', () => {
  const SELF = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on School { selfEvaluation(academicYear: ${YEAR}) { eligibleForSupport accessingSupport
      support { eligibleForSupport accessingSupport takeUp { value cohort suppressed } byGroup { group eligibleForSupport accessingSupport takeUp { value suppressed } } } } }
    ... on Trust { supportTakeUp(academicYear: ${YEAR}) { eligibleForSupport accessingSupport byGroup { group eligibleForSupport } } }
    ... on LocalAuthority { supportTakeUp(academicYear: ${YEAR}) { eligibleForSupport accessingSupport } }
  } }`;
  type Take = { eligibleForSupport: number | null; accessingSupport: number | null };

  async function truth(where: ReturnType<typeof sql>) {
    const [row] = await rows<{ eligible: number; accessing: number }>(
      sql`select count(*)::int as eligible, (count(*) filter (where exists (select 1 from progress.bookings b
            where b.pupil_id = e.pupil_id and b.academic_year = e.academic_year and b.status = 'BOOKED')))::int as accessing
          from progress.entitlements e where academic_year = ${YEAR} and eligible and ${where}`,
    );
    return row;
  }

  it('counts entitled pupils and those accessing support, matching the data, for those who may see them', async () => {
    const school = await truth(sql`urn = ${SCHOOL}`);
    expect(school?.accessing).toBeGreaterThan(5);
    // Staff and their trust's leaders may read the pupils' records: exact counts. An LA officer sees
    // aggregates only: counts rounded to the nearest 5 (docs/disclosure-control.md).
    const round5 = (n: number | undefined) => (n === undefined ? n : Math.floor(n / 5 + 0.5) * 5);
    for (const [viewer, exact] of [
      [staffOf(SCHOOL), true],
      [trustLeader(TRUST), true],
      [laOfficer('857'), false],
    ] as const) {
      const res = await subgraph.request<{
        _entities: { selfEvaluation: Take & { support: Take & { byGroup: { group: string }[] } } }[];
      }>(viewer, SELF, { r: [{ __typename: 'School', urn: SCHOOL }] });
      expect(res.errors, viewer.role).toBeUndefined();
      const self = res.data?._entities[0]?.selfEvaluation;
      const expected = {
        eligibleForSupport: exact ? school?.eligible : round5(school?.eligible),
        accessingSupport: exact ? school?.accessing : round5(school?.accessing),
      };
      expect(self, viewer.role).toMatchObject(expected);
      expect(self?.support).toMatchObject(expected);
      expect(self?.support.byGroup.map((g) => g.group)).toEqual([
        'DISADVANTAGED',
        'NOT_DISADVANTAGED',
        'NONE',
        'SEN_SUPPORT',
        'EHC_PLAN',
      ]);
    }
    const trust = await truth(sql`trust_id = ${TRUST}`);
    const la = await truth(sql`la_code = '857'`);
    const res = await subgraph.request<{ _entities: { supportTakeUp: Take }[] }>(trustLeader(TRUST), SELF, {
      r: [{ __typename: 'Trust', id: TRUST }],
    });
    expect(res.data?._entities[0]?.supportTakeUp).toMatchObject({
      eligibleForSupport: trust?.eligible,
      accessingSupport: trust?.accessing,
    });
    const laRes = await subgraph.request<{ _entities: { supportTakeUp: Take }[] }>(laOfficer('857'), SELF, {
      r: [{ __typename: 'LocalAuthority', code: '857' }],
    });
    expect(laRes.data?._entities[0]?.supportTakeUp).toMatchObject({
      eligibleForSupport: round5(la?.eligible),
      accessingSupport: round5(la?.accessing),
    });
  });

  it("hides a school's take-up groups as decided with its trust, the same for every reader", async () => {
    const counts = await rows<{
      urn: number;
      disadvantaged: boolean;
      sen: string;
      eligible: number;
      accessing: number;
    }>(
      sql`select urn, disadvantaged, sen, count(*)::int as eligible, (count(*) filter (where exists (select 1
            from progress.bookings b where b.pupil_id = e.pupil_id and b.academic_year = e.academic_year
            and b.status = 'BOOKED')))::int as accessing
          from progress.entitlements e where academic_year = ${YEAR} and eligible and trust_id = ${TRUST}
          group by 1, 2, 3`,
    );
    const schools = [...new Set(counts.map((c) => String(c.urn)))].map((id) => ({
      id,
      counts: counts.filter((c) => String(c.urn) === id),
    }));
    const joint = hiddenTakeUpOfTrust(counts, schools, DEFAULT_POLICY);
    const expected = [...(joint.parts.get(String(SISTER)) ?? new Map()).keys()].sort();
    // The demo data hides some of this small school's groups: the test has something to compare.
    expect(expected.length).toBeGreaterThan(0);
    for (const viewer of [staffOf(SISTER), trustLeader(TRUST), laOfficer('857')]) {
      const res = await subgraph.request<{
        _entities: {
          selfEvaluation: { support: { byGroup: { group: string; takeUp: { suppressed: boolean } }[] } };
        }[];
      }>(viewer, SELF, { r: [{ __typename: 'School', urn: SISTER }] });
      expect(res.errors, viewer.role).toBeUndefined();
      const hidden = res.data?._entities[0]?.selfEvaluation.support.byGroup
        .filter((g) => g.takeUp.suppressed)
        .map((g) => g.group)
        .sort();
      expect(hidden, viewer.role).toEqual(expected);
    }
  });

  it('refuses take-up to those who may not see the aggregates', async () => {
    const cases: [Viewer, Record<string, unknown>][] = [
      [staffOf(SISTER), { __typename: 'School', urn: SCHOOL }],
      [laOfficer('891'), { __typename: 'School', urn: SCHOOL }],
      [trustLeader('TR0963'), { __typename: 'Trust', id: TRUST }],
      [laOfficer('857'), { __typename: 'Trust', id: TRUST }],
      [trustLeader(TRUST), { __typename: 'LocalAuthority', code: '857' }],
      [carer, { __typename: 'School', urn: SCHOOL }],
      [providerViewer('PR-NUMBER-PATH'), { __typename: 'School', urn: SCHOOL }],
      [anonymous, { __typename: 'LocalAuthority', code: '857' }],
    ];
    for (const [viewer, rep] of cases) {
      const res = await subgraph.request(viewer, SELF, { r: [rep] });
      expect(res.errors?.[0]?.extensions?.code, `${viewer.role} ${JSON.stringify(rep)}`).toBe('FORBIDDEN');
    }
  });
});

describe('a carer and their own children', () => {
  /** A carer of SCHOOL whose child is entitled and has no booking yet; and a child of another family there. */
  async function family() {
    const [mine] = await rows<{ carer_id: string; pupil_id: string }>(
      sql`select l.carer_id, l.pupil_id from progress.carer_links l
          join progress.entitlements e on e.pupil_id = l.pupil_id and e.academic_year = ${YEAR} and e.eligible
          where l.urn = ${SCHOOL} and not exists (select 1 from progress.bookings b where b.pupil_id = l.pupil_id)
          order by l.pupil_id desc, l.carer_id limit 1`,
    );
    if (!mine) throw new Error('no carer of an entitled child');
    const [other] = await rows<{ pupil_id: string }>(
      sql`select e.pupil_id from progress.entitlements e where e.urn = ${SCHOOL} and e.academic_year = ${YEAR}
          and e.eligible and not exists (select 1 from progress.carer_links l
            where l.pupil_id = e.pupil_id and l.carer_id = ${mine.carer_id}) order by e.pupil_id limit 1`,
    );
    const viewer: Viewer = { role: 'carer', sub: 't', carerId: mine.carer_id };
    return { viewer, child: mine.pupil_id, otherChild: other?.pupil_id as string };
  }

  it('holds the carer links the parents subgraph loads, from the same demo definition', async () => {
    const [row] = await rows<{ links: number; schools: number }>(
      sql`select count(*)::int as links, count(distinct urn)::int as schools from progress.carer_links`,
    );
    expect(row?.schools).toBe(3);
    expect(row?.links).toBeGreaterThan(100);
  });

  it("shows a carer their own child's name, year group, results and entitlement with its options", async () => {
    const { viewer, child } = await family();
    const res = await subgraph.request<{
      pupil: { displayName: string; yearGroup: number; results: unknown[]; entitlement: EntitlementView };
    }>(
      viewer,
      `query ($id: ID!) { pupil(id: $id) { id displayName yearGroup results(academicYear: ${YEAR}) { subject progress }
        entitlement { eligible budgetRemaining options { id title provider cost } } } }`,
      { id: child },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.pupil.displayName).toMatch(/^\S+ \S+$/);
    expect(res.data?.pupil.results).toHaveLength(3);
    expect(res.data?.pupil.entitlement).toMatchObject({ eligible: true, budgetRemaining: 300 });
    expect(res.data?.pupil.entitlement.options.length).toBeGreaterThan(0);
    // Through _entities (as the gateway asks for Carer.children) too.
    const entities = await subgraph.request<{ _entities: ({ displayName: string } | null)[] }>(
      viewer,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { displayName } } }',
      { r: [{ __typename: 'Pupil', id: child }] },
    );
    expect(entities.data?._entities[0]?.displayName).toBe(res.data?.pupil.displayName);
  });

  it("never shows a carer their child's UPN, date of birth, characteristics or plans", async () => {
    const { viewer, child } = await family();
    for (const field of [
      'upn',
      'dateOfBirth',
      'ethnicity',
      'disadvantaged',
      'sen',
      'lookedAfter',
      'progressPlans { id }',
      'progressPlan { id }',
    ]) {
      const res = await subgraph.request<{ pupil: Record<string, unknown> | null }>(
        viewer,
        `query ($id: ID!) { pupil(id: $id) { id ${field} } }`,
        { id: child },
      );
      expect(res.data?.pupil?.id, field).toBe(child);
      expect(res.data?.pupil?.[field.split(' ')[0] as string], field).toBeNull();
      expect(res.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
  });

  it("gives null and FORBIDDEN for another family's child, at the school and elsewhere", async () => {
    const { viewer, otherChild } = await family();
    const [elsewhere] = await rows<{ id: string }>(
      sql`select id from progress.pupils where urn = ${SISTER} order by id limit 1`,
    );
    for (const id of [otherChild, elsewhere?.id]) {
      const res = await subgraph.request<PupilEntitlement>(viewer, ENTITLEMENT, { id });
      expect(res.data?.pupil ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const entities = await subgraph.request<{ _entities: unknown[] }>(
        viewer,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { displayName } } }',
        { r: [{ __typename: 'Pupil', id }] },
      );
      expect(entities.data?._entities).toEqual([null]);
      expect(entities.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it("lets a carer book and cancel support for their own entitled child, and for nobody else's", async () => {
    const { viewer, child, otherChild } = await family();
    const before = await counts();
    const refused = await subgraph.request(viewer, BOOK, { p: otherChild, o: `SO-S${SCHOOL}-GROUP` });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);

    const booked = await subgraph.request<{ bookSupport: { id: string; status: string; cost: number } }>(
      viewer,
      BOOK,
      { p: child, o: `SO-S${SCHOOL}-GROUP` },
    );
    expect(booked.errors).toBeUndefined();
    expect(booked.data?.bookSupport.status).toBe('BOOKED');
    const id = booked.data?.bookSupport.id;
    const [row] = await rows<{ booked_by: string }>(
      sql`select booked_by from progress.bookings where id = ${id}`,
    );
    expect(row?.booked_by).toBe(`carer:${viewer.role === 'carer' ? viewer.carerId : ''}`);
    const left = await subgraph.request<PupilEntitlement>(viewer, ENTITLEMENT, { id: child });
    expect(left.data?.pupil?.entitlement.budgetRemaining).toBe(300 - (booked.data?.bookSupport.cost ?? 0));

    const otherCarer: Viewer = { role: 'carer', sub: 't', carerId: 'C-NOBODY' };
    const notTheirs = await subgraph.request(otherCarer, CANCEL, { id });
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cancelled = await subgraph.request<{ cancelBooking: { status: string } }>(viewer, CANCEL, { id });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data?.cancelBooking.status).toBe('CANCELLED');
  });
});
