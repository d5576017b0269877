import type { Viewer } from '@commonroom/auth';
import { testServerUrl } from '@commonroom/db';
import { practiceUnderTest } from '@commonroom/practice/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let hub: TestHub;
const leader: Viewer = { role: 'trust_leader', sub: 'faults', trustId: 'TR0963' };
const OVERVIEW = '{ trust(id: "TR0963") { name schools { urn name practices(first: 3) { totalCount } } } }';

interface Overview {
  trust: { name: string; schools: { urn: number; name: string; practices: { totalCount: number } | null }[] };
}

beforeAll(async () => {
  hub = await startTestHub([schoolsUnderTest, practiceUnderTest]);
});
afterAll(() => hub?.close());

describe('a subgraph that stops', () => {
  it("leaves the other subgraphs' data in place, with errors on the affected paths, and recovers when it returns", async () => {
    const healthy = await hub.query<Overview>(leader, OVERVIEW);
    expect(healthy.errors).toBeUndefined();
    const schools = healthy.data?.trust.schools ?? [];
    expect(schools.length).toBeGreaterThan(0);

    await hub.subgraphs.practice?.pause();
    try {
      const degraded = await hub.query<Overview>(leader, OVERVIEW);
      expect(degraded.status).toBe(200);
      expect(degraded.data?.trust.name).toBe(healthy.data?.trust.name);
      expect(degraded.data?.trust.schools.map((s) => s.name)).toEqual(schools.map((s) => s.name));
      expect(degraded.data?.trust.schools.every((s) => s.practices === null)).toBe(true);
      // One error per field left null, each naming the service, with its full path and a stable code.
      expect(degraded.errors?.map((e) => e.path)).toEqual(
        schools.map((_, i) => ['trust', 'schools', i, 'practices']),
      );
      for (const error of degraded.errors ?? []) {
        expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'practice' });
        expect(error.message).toBe('The practice service is unavailable.');
      }
      // A single object, not a list: the path is exact too.
      const one = await hub.query<{ school: { name: string; practices: unknown } }>(
        leader,
        `{ school(urn: ${schools[0]?.urn}) { name practices(first: 3) { totalCount } } }`,
      );
      expect(one.data?.school).toEqual({ name: schools[0]?.name, practices: null });
      expect(one.errors).toEqual([
        {
          message: 'The practice service is unavailable.',
          path: ['school', 'practices'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'practice' },
        },
      ]);
    } finally {
      await hub.subgraphs.practice?.resume();
    }

    const recovered = await hub.query<Overview>(leader, OVERVIEW);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data).toEqual(healthy.data);
  });
});

describe.skipIf(!testServerUrl())('a database restart (PostgreSQL server)', () => {
  it('is survived: the subgraph reconnects without a restart of its own', async () => {
    const before = await hub.query<Overview>(leader, OVERVIEW);
    expect(before.errors).toBeUndefined();
    // Every connection the practice subgraph holds is cut, as a server restart would.
    const url = (hub.subgraphs.practice?.handle as { url?: string } | undefined)?.url;
    if (!url) throw new Error('practice test database has no URL');
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const killed = await admin`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`;
    await admin.end();
    expect(killed.length).toBeGreaterThan(0);

    let after: Awaited<ReturnType<typeof hub.query<Overview>>> | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      after = await hub.query<Overview>(leader, OVERVIEW);
      if (!after.errors) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(after?.errors).toBeUndefined();
    expect(after?.data).toEqual(before.data);
  });
});
