import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Viewer } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { practiceUnderTest } from '@commonroom/practice/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub, tokenFor } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../scripts/retention.ts';
import {
  type Fixtures,
  findFixtures,
  OTHER_TRUST,
  OTHER_URN,
  OWN_TRUST,
  OWN_URN,
} from '../security/personas.ts';

/**
 * The audit trail and data-subject rights end to end, through the real gateway and all four subgraphs: a DPO
 * reads their trust's audit events (and only theirs), exports everything held about a pupil, erases the pupil
 * with the `erase` command, and the retention job erases pupils past their trust's retention period.
 */
const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

let hub: TestHub;
let f: Fixtures;
beforeAll(async () => {
  hub = await startTestHub([
    schoolsUnderTest,
    progressUnderTest({ urns: [OWN_URN, OTHER_URN] }),
    practiceUnderTest,
    parentsUnderTest,
  ]);
  f = await findFixtures(hub);
});
afterAll(() => hub?.close());

const db = (name: string) => hub.subgraphs[name]?.db as Db;
const dpo: Viewer = { role: 'dpo', sub: 'dpo@own-trust', trustId: OWN_TRUST };
const otherDpo: Viewer = { role: 'dpo', sub: 'dpo@other-trust', trustId: OTHER_TRUST };
const staff = (): Viewer => ({
  role: 'school_staff',
  sub: 'head@catmose',
  urn: OWN_URN,
  staffId: `S${OWN_URN}-01`,
});
const leader: Viewer = { role: 'trust_leader', sub: 'leader', trustId: OWN_TRUST };

interface Event {
  actorSub: string | null;
  actorRole: string;
  operationType: string;
  fields: string[];
  pupilIds: string[];
  schoolUrns: number[];
  outcome: string;
}
type Trail = Record<string, { totalCount: number; nodes: Event[] } | null>;
const TRAIL = `query ($trust: ID!, $pupil: ID) { trust(id: $trust) {
  progressAuditEvents(pupilId: $pupil, first: 20) { totalCount nodes { actorSub actorRole operationType fields pupilIds schoolUrns outcome } }
  parentsAuditEvents(pupilId: $pupil, first: 20) { totalCount nodes { actorSub actorRole operationType fields pupilIds schoolUrns outcome } }
  practiceAuditEvents(first: 20) { totalCount nodes { actorSub actorRole operationType fields pupilIds schoolUrns outcome } }
} }`;

async function cli(script: string, args: string[]) {
  const token = (await tokenFor(dpo)) as string;
  return exec(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', script), ...args, '--url', hub.gateway.url, '--token', token],
    { cwd: root },
  );
}

const count = async (name: string, query: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(db(name), query))[0]?.n ?? -1;
/** Rows of `<subgraph>.<table>` whose `column` is the pupil's id (names are the test's own, not input). */
const rowsAbout = (subgraph: string, table: string, column: string, pupilId: string) =>
  count(
    subgraph,
    sql`select count(*)::int as n from ${sql.raw(`${subgraph}.${table}`)} where ${sql.raw(column)} = ${pupilId}`,
  );

describe('the audit trail, through the gateway', () => {
  it("shows the trust's DPO who read and changed which pupils, in every subgraph", async () => {
    const read = await hub.query(
      staff(),
      'query SchoolReadsPupil($id: ID!) { pupil(id: $id) { id ethnicity carers { relationship } } }',
      {
        id: f.pupil,
      },
    );
    expect(read.errors).toBeUndefined();
    const change = await hub.query(
      staff(),
      'mutation ($input: PracticeInput!) { publishPractice(input: $input, draft: true) { id } }',
      { input: { title: 'Audit e2e', summary: 'S', problem: 'P', approach: 'A', visibility: 'TRUST' } },
    );
    expect(change.errors).toBeUndefined();

    const res = await hub.query<{ trust: Trail }>(dpo, TRAIL, { trust: OWN_TRUST, pupil: f.pupil });
    expect(res.errors).toBeUndefined();
    const trail = res.data?.trust as Trail;
    const byHead = (events: Event[] | undefined) =>
      (events ?? []).filter((e) => e.actorSub === 'head@catmose');
    const progressRead = byHead(trail.progressAuditEvents?.nodes).find((e) => e.operationType === 'query');
    expect(progressRead).toMatchObject({
      actorRole: 'school_staff',
      pupilIds: [f.pupil],
      schoolUrns: [OWN_URN],
    });
    expect(progressRead?.fields).toEqual(expect.arrayContaining(['Query.pupil', 'Pupil.ethnicity']));
    const parentsRead = byHead(trail.parentsAuditEvents?.nodes)[0];
    expect(parentsRead?.pupilIds).toEqual([f.pupil]);
    expect(parentsRead?.fields).toEqual(expect.arrayContaining(['Pupil.carers', 'CarerLink.relationship']));
    const practiceChange = byHead(trail.practiceAuditEvents?.nodes)[0];
    expect(practiceChange).toMatchObject({ operationType: 'mutation', outcome: 'OK' });
    expect(practiceChange?.fields).toContain('Mutation.publishPractice');
  });

  it('refuses the trail to a DPO of another trust, and to the trust’s own leaders and staff', async () => {
    for (const viewer of [otherDpo, leader, staff()]) {
      const res = await hub.query<{ trust: Trail }>(viewer, TRAIL, { trust: OWN_TRUST });
      const codes = (res.errors ?? []).map((e) => e.extensions?.code);
      expect(codes.length, viewer.role).toBe(3);
      expect(new Set(codes), viewer.role).toEqual(new Set(['FORBIDDEN']));
      expect(res.data?.trust?.progressAuditEvents ?? null).toBeNull();
    }
  });
});

describe('subject access and erasure', () => {
  it('exports everything progress and parents hold about the pupil, with the `sar` command', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'commonroom-sar-')), 'sar.json');
    const { stdout } = await cli('sar.ts', ['--pupil', f.pupil, '--out', out]);
    expect(stdout.trim()).toBe(out);
    const doc = JSON.parse(await readFile(out, 'utf8')) as {
      pupilId: string;
      erasedAt: string | null;
      progress: Record<string, unknown[]>;
      parents: Record<string, unknown[]>;
    };
    expect(doc.pupilId).toBe(f.pupil);
    expect(doc.erasedAt).toBeNull();
    expect(doc.progress.pupil).toHaveLength(1);
    expect(doc.progress.assessments?.length).toBeGreaterThan(0);
    expect(doc.progress.bookings?.length).toBeGreaterThan(0);
    expect(doc.progress.auditEvents?.length).toBeGreaterThan(0);
    expect(doc.parents.carerLinks?.length).toBeGreaterThan(0);
    expect(doc.parents.messages?.length).toBeGreaterThan(0);
    // The export itself is in the audit trail.
    const trail = await hub.query<{ trust: Trail }>(dpo, TRAIL, { trust: OWN_TRUST, pupil: f.pupil });
    const exports = (trail.data?.trust.progressAuditEvents?.nodes ?? []).filter((e) =>
      e.fields.includes('Query.subjectAccessExport'),
    );
    expect(exports[0]).toMatchObject({ actorRole: 'dpo', pupilIds: [f.pupil], outcome: 'OK' });
  });

  it('refuses the export to a DPO of another trust and to the pupil’s own school', async () => {
    for (const viewer of [otherDpo, staff(), leader]) {
      const res = await hub.query(
        viewer,
        'query ($id: ID!) { subjectAccessExport(pupilId: $id) { pupilId progress } }',
        {
          id: f.pupil,
        },
      );
      expect(res.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
      expect(res.data?.subjectAccessExport ?? null).toBeNull();
    }
  });

  it('erases the pupil from progress and parents with the `erase` command, and nobody else', async () => {
    const other = f.otherPupil;
    const before = {
      otherAssessments: await rowsAbout('progress', 'assessments', 'pupil_id', other),
      otherLinks: await rowsAbout('parents', 'carer_links', 'pupil_id', other),
    };
    const { stdout } = await cli('erase.ts', ['--pupil', f.pupil]);
    expect(stdout).toMatch(/progress: erased/);
    expect(stdout).toMatch(/parents: erased/);

    for (const [subgraph, table, column] of [
      ['progress', 'pupils', 'id'],
      ['progress', 'assessments', 'pupil_id'],
      ['progress', 'bookings', 'pupil_id'],
      ['parents', 'carer_links', 'pupil_id'],
      ['parents', 'messages', 'pupil_id'],
      ['parents', 'pupil_directory', 'id'],
    ] as const) {
      expect(await rowsAbout(subgraph, table, column, f.pupil), `${subgraph}.${table}`).toBe(0);
    }
    // Other pupils untouched.
    expect({
      otherAssessments: await rowsAbout('progress', 'assessments', 'pupil_id', other),
      otherLinks: await rowsAbout('parents', 'carer_links', 'pupil_id', other),
    }).toEqual(before);
    expect(before.otherAssessments).toBeGreaterThan(0);

    // The school sees no such pupil any more; the export is empty but for the trail and says when.
    const gone = await hub.query(staff(), 'query ($id: ID!) { pupil(id: $id) { id } }', { id: f.pupil });
    expect(gone.data?.pupil ?? null).toBeNull();
    const after = await hub.query<{
      subjectAccessExport: {
        erasedAt: string | null;
        progress: Record<string, unknown[]>;
        parents: Record<string, unknown[]>;
      };
    }>(dpo, 'query ($id: ID!) { subjectAccessExport(pupilId: $id) { erasedAt progress parents } }', {
      id: f.pupil,
    });
    expect(after.errors).toBeUndefined();
    const doc = after.data?.subjectAccessExport;
    expect(doc?.erasedAt).toBeTruthy();
    for (const part of [doc?.progress, doc?.parents]) {
      const { auditEvents, ...rest } = part ?? {};
      const tables = Object.entries(rest).filter(([, rows]) => Array.isArray(rows));
      expect(tables.length).toBeGreaterThan(5);
      expect(tables.filter(([, rows]) => (rows as unknown[]).length > 0)).toEqual([]);
      expect(auditEvents?.length).toBeGreaterThan(0); // the trail survives erasure
    }

    // Idempotent.
    const again = await cli('erase.ts', ['--pupil', f.pupil]);
    expect(again.stdout).toMatch(/progress: already erased/);
    expect(again.stdout).toMatch(/parents: already erased/);
  });
});

describe('the retention job', () => {
  const pastPupils = () =>
    count('progress', sql`select count(*)::int as n from progress.pupils where on_roll_to <= 2024`);
  const currentPupils = () =>
    count('progress', sql`select count(*)::int as n from progress.pupils where on_roll_to = 2025`);

  it("keeps pupils for the trust's retention period, then erases them in every subgraph", async () => {
    const dbs = { progress: db('progress'), parents: db('parents') };
    // 2031-09-01: six years (the default) after those who left by August 2025.
    const past = await pastPupils();
    const current = await currentPupils();
    expect(past).toBeGreaterThan(0);
    const due = await runRetention(dbs, { today: '2031-09-01', dryRun: true });
    expect(due.pupils).toHaveLength(past);

    // The trust keeps data ten years: nothing is due.
    await db('progress').execute(
      sql`insert into progress.trust_settings (trust_id, expected_points_per_term, stuck_after_assessments, minimum_key_stage_share, retention_years)
          values (${OWN_TRUST}, 1, 3, 0.5, 10) on conflict (trust_id) do update set retention_years = 10`,
    );
    expect((await runRetention(dbs, { today: '2031-09-01', dryRun: true })).pupils).toHaveLength(0);

    await db('progress').execute(
      sql`update progress.trust_settings set retention_years = 6 where trust_id = ${OWN_TRUST}`,
    );
    const result = await runRetention(dbs, { today: '2031-09-01' });
    expect(result.erasedByTrust).toEqual({ [OWN_TRUST]: past });
    expect(await pastPupils()).toBe(0);
    expect(await currentPupils()).toBe(current);
    const sample = result.pupils[0] as string;
    expect(await rowsAbout('parents', 'pupil_directory', 'id', sample)).toBe(0);
    expect(
      await count(
        'progress',
        sql`select count(*)::int as n from progress.audit_events where actor_role = 'retention' and pupil_ids @> array[${sample}]::text[]`,
      ),
    ).toBe(1);
    expect(
      await count(
        'progress',
        sql`select count(*)::int as n from progress.erasures where reason = 'RETENTION'`,
      ),
    ).toBe(past);
  });
});
