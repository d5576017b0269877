import { readFileSync } from 'node:fs';
import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A Common Transfer File through the real gateway: the demo CTF (data/ctf, three made-up pupils from Uppingham
 * Community College to Catmose College) imported by Catmose College's head, its pupils then read back with
 * their key-stage results and their school joined in from the schools subgraph; a second import changes
 * nothing; the staff of another school are refused.
 */
const CTF = readFileSync(new URL('../../data/ctf/8575404_CTF_8575406_001.xml', import.meta.url), 'utf8');
const DEST = 136530;
const head: Viewer = { role: 'school_staff', sub: 'e2e-head', urn: DEST, staffId: `S${DEST}-01` };
const otherHead: Viewer = { role: 'school_staff', sub: 'e2e-other', urn: 142401, staffId: 'S142401-01' };
const IMPORT =
  'mutation ($xml: String!) { importCommonTransferFile(xml: $xml) { urn inserted updated unchanged moved resultsWritten } }';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub([schoolsUnderTest, progressUnderTest({ urns: [142401] })]);
});
afterAll(() => hub?.close());

describe('importing a Common Transfer File through the gateway', () => {
  it("imports the demo file for the destination school's staff, and the pupils read back with their results", async () => {
    const res = await hub.query<{ importCommonTransferFile: Record<string, number> }>(head, IMPORT, {
      xml: CTF,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.importCommonTransferFile).toEqual({
      urn: DEST,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      moved: 0,
      resultsWritten: 6,
    });
    const db = hub.subgraphs.progress?.db;
    if (!db) throw new Error('no progress subgraph');
    const [amira] = await queryRows<{ id: string }>(
      db,
      sql`select id from progress.pupils where upn = 'Y380200115004'`,
    );
    const read = await hub.query<{
      pupil: {
        displayName: string;
        upn: string;
        ethnicity: string;
        disadvantaged: boolean;
        school: { urn: number; name: string };
        assessments: { subject: string; kind: string; scale: string; grade: string; academicYear: number }[];
      };
    }>(
      head,
      `query ($id: ID!) { pupil(id: $id) { displayName upn ethnicity disadvantaged school { urn name }
         assessments { subject kind scale grade academicYear } } }`,
      { id: amira?.id },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.pupil).toMatchObject({
      upn: 'Y380200115004',
      ethnicity: 'ASIAN',
      disadvantaged: true,
      school: { urn: DEST, name: 'Catmose College' },
    });
    expect(read.data?.pupil.assessments.filter((a) => a.kind !== 'PERIODIC')).toHaveLength(6);
    expect(read.data?.pupil.assessments).toContainEqual({
      subject: 'READING',
      kind: 'STATUTORY',
      scale: 'KS2_SCALED',
      grade: '104',
      academicYear: 2021,
    });
  });

  it('changes nothing when the same file comes again', async () => {
    const res = await hub.query<{ importCommonTransferFile: Record<string, number> }>(head, IMPORT, {
      xml: CTF,
    });
    expect(res.data?.importCommonTransferFile).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 3,
      resultsWritten: 0,
    });
  });

  it('refuses the staff of another school, naming nothing about the pupils', async () => {
    const res = await hub.query(otherHead, IMPORT, { xml: CTF });
    expect(res.data?.importCommonTransferFile ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.errors)).not.toMatch(/Y380200115004|Hussain/);
  });
});
