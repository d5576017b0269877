import type { Viewer } from '@commonroom/auth';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from './contract.ts';

let hub: TestHub;
const anonymous: Viewer = { role: 'anonymous' };

beforeAll(async () => {
  hub = await startTestHub([schoolsUnderTest]);
});
afterAll(() => hub?.close());

interface DirectoryData {
  schools: {
    totalCount: number;
    nodes: {
      urn: number;
      name: string;
      phase: string;
      type: string;
      pupilsOnRoll: number;
      localAuthority: { code: string; name: string };
    }[];
  };
  localAuthority: {
    code: string;
    name: string;
    schools: {
      totalCount: number;
      nodes: { urn: number; name: string; trust: { id: string; name: string } | null }[];
    };
  };
  trusts: {
    totalCount: number;
    nodes: { id: string; name: string; schools: { urn: number; name: string }[] }[];
  };
}

describe('contract: directory.graphql, anonymous, through the gateway', () => {
  it('returns the real school list: Kent has 584 schools', async () => {
    const res = await hub.query<DirectoryData>(anonymous, contractOperation('directory'), { laCode: '886' });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const data = res.data as DirectoryData;
    expect(data.schools.totalCount).toBe(21567);
    expect(data.schools.nodes[0]).toEqual({
      urn: 100000,
      name: "Sir John Cass's Foundation Primary School",
      phase: 'PRIMARY',
      type: 'Voluntary aided school',
      pupilsOnRoll: 234,
      localAuthority: { code: '201', name: 'City of London' },
    });
    expect(data.localAuthority).toMatchObject({ code: '886', name: 'Kent' });
    expect(data.localAuthority.schools.totalCount).toBe(584);
    expect(data.localAuthority.schools.nodes).toHaveLength(5);
    expect(data.trusts.totalCount).toBeGreaterThan(1000);
    expect(data.trusts.nodes).toHaveLength(5);
    for (const trust of data.trusts.nodes) expect(trust.schools.length).toBeGreaterThan(0);
  });

  it('answers an unknown LA with null, not an error', async () => {
    const res = await hub.query<DirectoryData>(anonymous, contractOperation('directory'), { laCode: '999' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.localAuthority).toBeNull();
  });

  it('refuses a page size over 500 with BAD_USER_INPUT', async () => {
    const res = await hub.query(anonymous, '{ schools(first: 501) { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('identity through the gateway', () => {
  it('refuses a bad token with 401 rather than treating the caller as anonymous', async () => {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
      body: JSON.stringify({ query: '{ schools(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it("carries the verified viewer to the subgraph: a school's staff list is its own staff's to see", async () => {
    const { demoSelection, demoStaff } = await import('@commonroom/demo');
    const [school, other] = demoSelection().schools;
    if (!school || !other) throw new Error('need demo schools');
    const head = demoStaff(school).staff[0];
    const query = 'query ($urn: Int!) { school(urn: $urn) { staff(role: HEAD) { id name } } }';
    const own = await hub.query<{ school: { staff: { id: string }[] } }>(
      { role: 'school_staff', sub: 'head', urn: school.urn, staffId: head?.id ?? '' },
      query,
      { urn: school.urn },
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.school.staff.map((s) => s.id)).toEqual([head?.id]);
    const anonymousTry = await hub.query(anonymous, query, { urn: school.urn });
    expect(anonymousTry.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherSchool = await hub.query(
      { role: 'school_staff', sub: 'x', urn: other.urn, staffId: 'x' },
      query,
      { urn: school.urn },
    );
    expect(otherSchool.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reports readiness', async () => {
    const response = await fetch(hub.gateway.url.replace('/graphql', '/readiness'));
    expect(response.status).toBe(200);
  });
});
