import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { currentDemoPupils, demoCarers, demoSelection } from '@commonroom/demo';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from './contract.ts';

/**
 * The parents contract operations through the real gateway, over the schools subgraph (the whole DfE list),
 * the parents subgraph with its demo (carers for every current demo pupil) and the progress subgraph seeded
 * with the two schools these tests use (children's names and entitlements, with its copy of the carer links).
 */
const demo = demoSelection();
const SCHOOL = demo.schools[0] as (typeof demo.schools)[number];
const OTHER_SCHOOL = demo.schools[1] as typeof SCHOOL;
const family = demoCarers(SCHOOL);
const CARER = family.carers[0] as (typeof family.carers)[number];
const MY_CHILDREN = family.links.filter((l) => l.carerId === CARER.id).map((l) => l.pupilId);
const OTHER_CHILD = demoCarers(OTHER_SCHOOL).links[0]?.pupilId as string;
const TRUST = demo.trusts.find((t) => t.urns.includes(SCHOOL.urn)) as (typeof demo.trusts)[number];

const carer: Viewer = { role: 'carer', sub: 'e2e', carerId: CARER.id };
const trustLeader: Viewer = { role: 'trust_leader', sub: 'e2e', trustId: TRUST.id };

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub([
    schoolsUnderTest,
    parentsUnderTest,
    progressUnderTest({ urns: [SCHOOL.urn, OTHER_SCHOOL.urn] }),
  ]);
});
afterAll(() => hub?.close());

/** carer-child.graphql as committed, whole: the parents subgraph's fields and the progress subgraph's name and entitlement. */
const carerChildOperation = () => contractOperation('carer-child');

interface Entitlement {
  eligible: boolean;
  budgetRemaining: number;
  options: { id: string; title: string; provider: string; cost: number }[];
}

interface MyChildren {
  me: {
    preferredLanguage: string;
    children: {
      displayName: string;
      trafficLights: {
        assessedOn: string;
        subject: string;
        concept: string;
        status: string;
        label: string;
      }[];
      entitlement: Entitlement;
      messages: { nodes: { sentAt: string; from: string; body: string }[] };
    }[];
  } | null;
}

/** The demo name of a pupil, as the progress subgraph gives `displayName`. */
function demoName(pupilId: string) {
  const pupil = currentDemoPupils(SCHOOL).find((p) => p.id === pupilId);
  return `${pupil?.givenName} ${pupil?.familyName}`;
}

/** An entitlement as a carer sees it: options (cheapest first) and a budget only when eligible. */
function expectConsistent(e: Entitlement | undefined) {
  expect(e).toBeDefined();
  if (!e) return;
  if (!e.eligible) {
    expect(e).toEqual({ eligible: false, budgetRemaining: 0, options: [] });
    return;
  }
  expect(e.budgetRemaining).toBeGreaterThan(0);
  expect(e.options.length).toBeGreaterThan(0);
  for (const o of e.options) {
    expect(o.id).toMatch(/\S/);
    expect(o.title).toMatch(/\S/);
    expect(o.provider).toMatch(/\S/);
    expect(o.cost).toBeGreaterThan(0);
  }
  expect(e.options.map((o) => o.cost)).toEqual([...e.options.map((o) => o.cost)].sort((a, b) => a - b));
}

describe('contract: carer-child.graphql as a demo carer', () => {
  it("gives the carer's language, their children's traffic lights in it, and their messages", async () => {
    const res = await hub.query<MyChildren>(carer, carerChildOperation());
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const me = res.data?.me;
    expect(me?.preferredLanguage).toBe('pl');
    expect(me?.children).toHaveLength(MY_CHILDREN.length);
    const [child] = me?.children ?? [];
    expect(me?.children.map((c) => c.displayName)).toEqual(MY_CHILDREN.map(demoName));
    expectConsistent(child?.entitlement);
    // The same entitlement the school's trust leaders see for the child.
    const leader = await hub.query<{ pupil: { entitlement: Entitlement } }>(
      trustLeader,
      'query ($id: ID!) { pupil(id: $id) { entitlement { eligible budgetRemaining options { id title provider cost } } } }',
      { id: MY_CHILDREN[0] },
    );
    expect(leader.data?.pupil.entitlement).toEqual(child?.entitlement);
    // The latest periodic assessment of 2025/26: six key concepts across reading, writing and maths.
    expect(child?.trafficLights).toHaveLength(6);
    expect(new Set(child?.trafficLights.map((l) => l.subject))).toEqual(
      new Set(['READING', 'WRITING', 'MATHS']),
    );
    expect(child?.trafficLights.every((l) => l.assessedOn === '2026-07-01')).toBe(true);
    const polish: Record<string, string> = {
      GREEN: 'Zgodnie z planem',
      AMBER: 'Blisko celu',
      RED: 'Potrzebuje więcej pomocy',
    };
    for (const light of child?.trafficLights ?? []) expect(light.label).toBe(polish[light.status]);
    const messages = child?.messages.nodes ?? [];
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages.length).toBeLessThanOrEqual(5);
    // Both ways: from the carer and from the learning guide.
    expect(messages.map((m) => m.from)).toContain(`${CARER.givenName} ${CARER.familyName}`);
    expect(messages.some((m) => m.from !== `${CARER.givenName} ${CARER.familyName}`)).toBe(true);
    expect(messages.every((m) => m.body.length > 0 && !Number.isNaN(Date.parse(m.sentAt)))).toBe(true);
  });

  it("gives a carer of an entitled child the child's name and the support options to choose from", async () => {
    const db = hub.subgraphs.progress?.db;
    if (!db) throw new Error('no progress subgraph');
    // The first demo carer (by id) at the school whose child is entitled this year.
    const [row] = await queryRows<{ carer_id: string; pupil_id: string }>(
      db,
      sql`select l.carer_id, l.pupil_id from progress.carer_links l join progress.entitlements e
          on e.pupil_id = l.pupil_id and e.academic_year = 2025 and e.eligible
          where l.urn = ${SCHOOL.urn} order by l.carer_id limit 1`,
    );
    if (!row) throw new Error('no entitled child with a carer');
    const parent: Viewer = { role: 'carer', sub: 'e2e', carerId: row.carer_id };
    const res = await hub.query<MyChildren>(parent, carerChildOperation());
    expect(res.errors).toBeUndefined();
    const children = res.data?.me?.children ?? [];
    const mine = family.links.filter((l) => l.carerId === row.carer_id).map((l) => l.pupilId);
    expect(children.map((c) => c.displayName)).toEqual(mine.map(demoName));
    const entitled = children[mine.indexOf(row.pupil_id)];
    expect(entitled?.entitlement.eligible).toBe(true);
    expectConsistent(entitled?.entitlement);
    for (const c of children) expectConsistent(c.entitlement);
  });

  it("gives nothing about another family's child", async () => {
    const res = await hub.query<{ pupil: unknown }>(
      carer,
      `query ($id: ID!) { pupil(id: $id) { id trafficLights { status label } messages(first: 5) { nodes { body } } } }`,
      { id: OTHER_CHILD },
    );
    expect(res.data?.pupil ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res)).not.toMatch(/label|body"/);
    const mine = await hub.query<MyChildren>(carer, carerChildOperation());
    expect(JSON.stringify(mine.data)).not.toContain(OTHER_CHILD);
  });
});

interface TrustSatisfaction {
  trust: {
    schools: {
      urn: number;
      parentSatisfaction: { responses: number; recommend: { value: number | null; suppressed: boolean } };
    }[];
  };
}

describe('contract: trust-overview.graphql (parentSatisfaction) as a trust leader', () => {
  it("shows every school's Parent View responses, suppressing schools below 10", async () => {
    const res = await hub.query<TrustSatisfaction>(
      trustLeader,
      `query ($trustId: ID!, $academicYear: Int!) {
        trust(id: $trustId) { schools { urn parentSatisfaction(academicYear: $academicYear) { responses recommend { value suppressed } } } }
      }`,
      { trustId: TRUST.id, academicYear: 2025 },
    );
    expect(res.errors).toBeUndefined();
    const schools = res.data?.trust.schools ?? [];
    expect(schools.map((s) => s.urn)).toEqual([...TRUST.urns].sort((a, b) => a - b));
    const suppressed = schools.filter((s) => s.parentSatisfaction.recommend.suppressed);
    const shown = schools.filter((s) => !s.parentSatisfaction.recommend.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(0);
    for (const s of suppressed) {
      expect(s.parentSatisfaction.responses).toBeLessThan(10);
      expect(s.parentSatisfaction.recommend.value).toBeNull();
    }
    for (const s of shown) {
      expect(s.parentSatisfaction.responses).toBeGreaterThanOrEqual(10);
      expect(s.parentSatisfaction.recommend.value).toBeGreaterThan(0.5);
      expect(s.parentSatisfaction.recommend.value).toBeLessThanOrEqual(1);
    }
  });

  it('refuses the same figures to a leader of another trust', async () => {
    const res = await hub.query<TrustSatisfaction>(
      { role: 'trust_leader', sub: 'e2e', trustId: 'TR0001' },
      `query ($trustId: ID!) { trust(id: $trustId) { schools { urn parentSatisfaction(academicYear: 2025) { responses } } } }`,
      { trustId: TRUST.id },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
