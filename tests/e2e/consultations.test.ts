import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { currentDemoPupils, demoCarers, demoSelection } from '@commonroom/demo';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Consultations through the real gateway: a learning guide's slots never overlap, and a carer holds at most the
 * number of upcoming slots per child the school allows (a setting its staff change). The rules themselves, and
 * the concurrent cases, are tested on the subgraph (subgraphs/parents/src/parents.test.ts, "consultations").
 */
const SCHOOL = demoSelection().schools[0] as ReturnType<typeof demoSelection>['schools'][number];
const family = demoCarers(SCHOOL);
const CARER = family.carers[0] as (typeof family.carers)[number];
const CHILD = family.links.find((l) => l.carerId === CARER.id)?.pupilId as string;
const GUIDE = currentDemoPupils(SCHOOL).find((p) => p.id === CHILD)?.learningGuideId as string;

const carer: Viewer = { role: 'carer', sub: 'e2e', carerId: CARER.id };
const head: Viewer = { role: 'school_staff', sub: 'e2e-head', urn: SCHOOL.urn, staffId: `S${SCHOOL.urn}-01` };

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub([schoolsUnderTest, parentsUnderTest]);
});
afterAll(() => hub?.close());

const OFFER = 'mutation ($input: OfferSlotsInput!) { offerConsultationSlots(input: $input) { id startsAt } }';
const BOOK = 'mutation ($s: ID!, $p: ID!) { bookConsultation(slotId: $s, pupilId: $p) { id booked } }';
const SET =
  'mutation ($urn: Int!, $n: Int!) { setConsultationBookingsPerChild(urn: $urn, perChild: $n) { name consultationBookingsPerChild } }';
/** 16:00 UTC `days` from now. */
const ahead = (days: number, minutes = 0) => {
  const t = new Date(Date.now() + days * 86_400_000);
  t.setUTCHours(16, minutes, 0, 0);
  return t.toISOString();
};

describe('consultations through the gateway', () => {
  it("keep a guide's slots apart and a carer's bookings within the school's number per child", async () => {
    const offered = await hub.query<{ offerConsultationSlots: { id: string }[] }>(head, OFFER, {
      input: { staffId: GUIDE, startsAt: ahead(300), minutes: 10, count: 3 },
    });
    expect(offered.errors).toBeUndefined();
    const ids = offered.data?.offerConsultationSlots.map((s) => s.id) ?? [];
    expect(ids).toHaveLength(3);
    const overlapping = await hub.query(head, OFFER, {
      input: { staffId: GUIDE, startsAt: ahead(300, 15), minutes: 10, count: 1 },
    });
    expect(overlapping.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'startsAt' });

    // The school's number, with its name from the schools subgraph; 1 until it says otherwise.
    const set = await hub.query<{
      setConsultationBookingsPerChild: { name: string; consultationBookingsPerChild: number };
    }>(head, SET, { urn: SCHOOL.urn, n: 2 });
    expect(set.errors).toBeUndefined();
    expect(set.data?.setConsultationBookingsPerChild).toEqual({
      name: SCHOOL.name,
      consultationBookingsPerChild: 2,
    });
    const refused = await hub.query(carer, SET, { urn: SCHOOL.urn, n: 10 });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect((await hub.query(carer, BOOK, { s: ids[0], p: CHILD })).errors).toBeUndefined();
    expect((await hub.query(carer, BOOK, { s: ids[1], p: CHILD })).errors).toBeUndefined();
    const third = await hub.query(carer, BOOK, { s: ids[2], p: CHILD });
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'pupilId' });

    // Each change is in the parents audit trail, as who did it and about which child.
    const db = hub.subgraphs.parents?.db;
    if (!db) throw new Error('no parents subgraph');
    const events = await queryRows<{
      actor_sub: string;
      fields: string[];
      pupil_ids: string[];
      outcome: string;
    }>(
      db,
      sql`select actor_sub, fields, pupil_ids, outcome from parents.audit_events
          where operation_type = 'mutation' and actor_sub in ('e2e', 'e2e-head') order by id`,
    );
    const summary = events.map((e) => [
      e.actor_sub,
      e.fields.find((f) => f.startsWith('Mutation.')),
      e.outcome,
      e.pupil_ids,
    ]);
    expect(summary).toEqual([
      ['e2e-head', 'Mutation.offerConsultationSlots', 'OK', []],
      ['e2e-head', 'Mutation.offerConsultationSlots', 'REJECTED', []],
      ['e2e-head', 'Mutation.setConsultationBookingsPerChild', 'OK', []],
      ['e2e', 'Mutation.setConsultationBookingsPerChild', 'DENIED', []],
      ['e2e', 'Mutation.bookConsultation', 'OK', [CHILD]],
      ['e2e', 'Mutation.bookConsultation', 'OK', [CHILD]],
      ['e2e', 'Mutation.bookConsultation', 'REJECTED', [CHILD]],
    ]);
  });
});
