import type { Viewer } from '@commonroom/auth';
import { demoSelection, demoStaff } from '@commonroom/demo';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolsUnderTest } from './testing.ts';

let subgraph: TestSubgraph;
const anonymous: Viewer = { role: 'anonymous' };

beforeAll(async () => {
  subgraph = await startTestSubgraph(schoolsUnderTest);
});
afterAll(() => subgraph?.close());

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on School { urn name phase localAuthority { code } }
    ... on LocalAuthority { code name region }
    ... on Trust { id name kind schoolCount }
    ... on Staff { id name role school { urn } }
  }
}`;

describe('schools subgraph', () => {
  it('holds the whole DfE list: 21,567 schools in 151 LAs', async () => {
    const res = await subgraph.request<{ schools: { totalCount: number }; localAuthorities: unknown[] }>(
      anonymous,
      '{ schools(first: 1) { totalCount } localAuthorities { code } }',
    );
    expect(res.data?.schools.totalCount).toBe(21567);
    expect(res.data?.localAuthorities).toHaveLength(151);
  });

  it('pages with cursors, without gaps or repeats', async () => {
    const first = await subgraph.request<{
      schools: { nodes: { urn: number }[]; pageInfo: { endCursor: string } };
    }>(anonymous, '{ schools(first: 3) { nodes { urn } pageInfo { hasNextPage endCursor } } }');
    const next = await subgraph.request<{ schools: { nodes: { urn: number }[] } }>(
      anonymous,
      'query ($after: String) { schools(first: 3, after: $after) { nodes { urn } } }',
      { after: first.data?.schools.pageInfo.endCursor },
    );
    const both = await subgraph.request<{ schools: { nodes: { urn: number }[] } }>(
      anonymous,
      '{ schools(first: 6) { nodes { urn } } }',
    );
    expect([...(first.data?.schools.nodes ?? []), ...(next.data?.schools.nodes ?? [])]).toEqual(
      both.data?.schools.nodes,
    );
  });

  it.each([0, -1, 501])('refuses first: %i with BAD_USER_INPUT', async (first) => {
    const res = await subgraph.request(
      anonymous,
      'query ($first: Int) { schools(first: $first) { totalCount } }',
      { first },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('first');
  });

  it('refuses a cursor it did not give out', async () => {
    const res = await subgraph.request(
      anonymous,
      '{ schools(first: 2, after: "not-a-cursor") { totalCount } }',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by LA, phase and name', async () => {
    const res = await subgraph.request<{
      schools: { totalCount: number; nodes: { name: string; phase: string }[] };
    }>(
      anonymous,
      '{ schools(first: 500, filter: { localAuthority: "857", phase: SECONDARY }) { totalCount nodes { name phase } } }',
    );
    expect(res.data?.schools.totalCount).toBeGreaterThan(0);
    expect(res.data?.schools.nodes.every((s) => s.phase === 'SECONDARY')).toBe(true);
    const named = await subgraph.request<{ schools: { nodes: { name: string }[] } }>(
      anonymous,
      '{ schools(first: 5, filter: { nameContains: "100%_" }) { nodes { name } } }',
    );
    expect(named.data?.schools.nodes).toEqual([]);
  });

  it('resolves 1,000 School representations in one _entities call with one SQL query', async () => {
    const urns =
      (
        await subgraph.request<{ schools: { nodes: { urn: number }[] } }>(
          anonymous,
          '{ schools(first: 500) { nodes { urn } } }',
        )
      ).data?.schools.nodes.map((n) => n.urn) ?? [];
    const more =
      (
        await subgraph.request<{ schools: { nodes: { urn: number }[] } }>(
          anonymous,
          'query ($after: String) { schools(first: 500, after: $after) { nodes { urn } } }',
          { after: Buffer.from(JSON.stringify(urns.at(-1))).toString('base64url') },
        )
      ).data?.schools.nodes.map((n) => n.urn) ?? [];
    const all = [...urns, ...more];
    expect(all).toHaveLength(1000);
    subgraph.resetQueryCount();
    const res = await subgraph.request<{ _entities: { urn: number }[] }>(
      anonymous,
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on School { urn name } } }',
      { representations: all.map((urn) => ({ __typename: 'School', urn })) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((s) => s.urn)).toEqual(all);
    expect(subgraph.queryCount()).toBe(1);
  });

  it('resolves every entity type through _entities, and null for unknown keys', async () => {
    const rutland = demoSelection().schools.find((s) => s.laCode === '857');
    if (!rutland) throw new Error('no Rutland school');
    const head = demoStaff(rutland).staff[0];
    const viewer: Viewer = { role: 'school_staff', sub: 'test', urn: rutland.urn, staffId: head?.id ?? '' };
    const res = await subgraph.request<{ _entities: (Record<string, unknown> | null)[] }>(viewer, ENTITIES, {
      representations: [
        { __typename: 'School', urn: rutland.urn },
        { __typename: 'LocalAuthority', code: '886' },
        { __typename: 'Trust', id: 'TR0001' },
        { __typename: 'Staff', id: head?.id },
        { __typename: 'School', urn: 999999 },
      ],
    });
    expect(res.errors).toBeUndefined();
    const [school, la, trust, staff, missing] = res.data?._entities ?? [];
    expect(school).toMatchObject({ __typename: 'School', urn: rutland.urn, localAuthority: { code: '857' } });
    expect(la).toMatchObject({ code: '886', name: 'Kent', region: 'South East' });
    expect(trust).toMatchObject({ id: 'TR0001', kind: 'MAT' });
    expect(staff).toMatchObject({ id: head?.id, role: 'HEAD', school: { urn: rutland.urn } });
    expect(missing).toBeNull();
  });

  it('shows staff to their own school and refuses them to anonymous callers and other schools', async () => {
    const [a, b] = demoSelection().schools;
    if (!a || !b) throw new Error('need two demo schools');
    const staffId = demoStaff(a).staff[0]?.id ?? '';
    const query = 'query ($urn: Int!) { school(urn: $urn) { name staff { id role } } }';
    const own = await subgraph.request<{ school: { staff: unknown[] } }>(
      { role: 'school_staff', sub: 's', urn: a.urn, staffId },
      query,
      { urn: a.urn },
    );
    expect(own.data?.school.staff.length).toBeGreaterThan(3);
    for (const viewer of [
      anonymous,
      { role: 'school_staff', sub: 's', urn: b.urn, staffId: 'x' } as Viewer,
    ]) {
      const denied = await subgraph.request(viewer, query, { urn: a.urn });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const entity = await subgraph.request<{ _entities: unknown[] }>(anonymous, ENTITIES, {
      representations: [{ __typename: 'Staff', id: staffId }],
    });
    expect(entity.data?._entities).toEqual([null]);
    expect(entity.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('finds similar schools of the same phase', async () => {
    const res = await subgraph.request<{
      school: { phase: string; similarSchools: { urn: number; phase: string }[] };
    }>(anonymous, '{ school(urn: 100000) { phase similarSchools(first: 5) { urn phase } } }');
    expect(res.data?.school.similarSchools).toHaveLength(5);
    expect(
      res.data?.school.similarSchools.every((s) => s.phase === res.data?.school.phase && s.urn !== 100000),
    ).toBe(true);
  });
});

describe('requests that do not come through the gateway', () => {
  it('are refused with 401', async () => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ schools(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('are refused when the signature was made with another secret', async () => {
    const { signViewer } = await import('@commonroom/auth');
    const body = JSON.stringify({ query: '{ schools(first: 1) { totalCount } }' });
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signViewer(anonymous, body, 'forged-secret-forged-secret-forged-secret'),
      },
      body,
    });
    expect(response.status).toBe(401);
  });

  it('leave the health check open', async () => {
    const response = await fetch(subgraph.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
  });
});
