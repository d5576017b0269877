import { readFileSync } from 'node:fs';
import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAssessments } from '../data/import.ts';
import { progressUnderTest } from '../testing.ts';
import { exportCtf } from './export.ts';
import { importCtf } from './import.ts';
import { describeCtfError, parseCtf, upnCheckLetter } from './parse.ts';

/** The demo CTF (data/ctf): three made-up pupils from Uppingham Community College to Catmose College. */
const DEMO = readFileSync(
  new URL('../../../../data/ctf/8575404_CTF_8575406_001.xml', import.meta.url),
  'utf8',
);
const DEST = 136530; // Catmose College, Rutland
const PRIMARY = 142401; // Cottesmore Academy, whose generated pupils one test moves
const TODAY = '2025-11-01';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(progressUnderTest({ urns: [PRIMARY] }));
});
afterAll(() => subgraph?.close());

const destStaff: Viewer = { role: 'school_staff', sub: 'head@136530', urn: DEST, staffId: `S${DEST}-01` };
const oldStaff: Viewer = {
  role: 'school_staff',
  sub: 'head@142401',
  urn: PRIMARY,
  staffId: `S${PRIMARY}-01`,
};

/** Everything the import writes, to prove that a rejected or repeated file changes nothing. */
const snapshot = async () => {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'pupils',
    'pupil_characteristics',
    'pupil_attendance',
    'pupil_school_history',
    'assessments',
    'pupil_results',
    'school_summary',
  ])
    out[table] = await queryRows(
      subgraph.db,
      sql`select * from ${sql.raw(`progress.${table}`)} order by ${sql.raw('1, 2, 3')}`,
    );
  return out;
};

const pupilByUpn = async (upn: string) =>
  (
    await queryRows<{ id: string; urn: number; [k: string]: unknown }>(
      subgraph.db,
      sql`select * from progress.pupils where upn = ${upn}`,
    )
  )[0];

describe('reading a CTF', () => {
  it('checks UPN check letters, temporary UPNs included', () => {
    expect(upnCheckLetter('380200115004')).toBe('Y');
    expect(upnCheckLetter('20110001804V')).toBe('T');
    expect(upnCheckLetter('207000016049')).toBe('P');
  });

  it('reads the demo file: groups from the raw codes, FSM6, SEN, results on their scales', () => {
    const { file, errors } = parseCtf(DEMO, TODAY);
    expect(errors).toEqual([]);
    expect(file?.dest.urn).toBe(DEST);
    const [amira, oliver, zofia] = file?.pupils ?? [];
    expect(amira).toMatchObject({
      upn: 'Y380200115004',
      sex: 'FEMALE',
      ethnicity: 'ASIAN',
      eal: true,
      senProvision: 'SEN_SUPPORT',
      senNeeds: ['SPLD'],
      ncYear: 10,
    });
    // KS1 science and KS2 GPS are recognised but have no scale here: six results of eight.
    expect(amira?.results.map((r) => `${r.subject} ${r.kind} ${r.scaleId} ${r.grade}`)).toEqual([
      'READING TEACHER TA_KS1 EXS',
      'WRITING TEACHER TA_KS1 WTS',
      'MATHS TEACHER TA_KS1 EXS',
      'READING STATUTORY KS2_SCALED 104',
      'MATHS STATUTORY KS2_SCALED 101',
      'WRITING TEACHER TA_KS2 EXS',
    ]);
    expect(oliver).toMatchObject({ ethnicity: 'WHITE', eal: false, senProvision: 'NONE', results: [] });
    expect(zofia).toMatchObject({
      formerUpns: ['T20110001804V'],
      ethnicity: 'WHITE',
      lookedAfter: true,
      senProvision: 'EHC_PLAN',
      senNeeds: ['SLCN', 'ASD'],
    });
  });

  it('lists every problem with the pupil and element path', () => {
    const bad = DEMO.replace('<UPN>U380200115011</UPN>', '<UPN>A380200115011</UPN>')
      .replace('<DOB>2011-03-14</DOB>', '<DOB>2031-03-14</DOB>')
      .replace('<Surname>Kowalska</Surname>', '')
      .replace('<Ethnicity>WEEU</Ethnicity>', '<Ethnicity>W1</Ethnicity>')
      .replace('<SENprovision>K</SENprovision>', '<SENprovision>Z</SENprovision>')
      .replace('<Result>104</Result>', '<Result>104</Result><Component>XX</Component>')
      .replace('<Component>GPS</Component>', '<Component>SPAG</Component>');
    expect(parseCtf(bad, TODAY).errors.map(describeCtfError)).toEqual([
      'Pupil[1]/DOB: 2031-03-14 is in the future [FUTURE_DATE]',
      'Pupil[1]/SENhistory/SEN/SENprovision: "Z" is not a SEN provision code [UNKNOWN_CODE]',
      'Pupil[1]/StageAssessments/KeyStage[2]/StageAssessment[2]/Component: KS2 ENG/TT/SPAG is not a known assessment [UNKNOWN_CODE]',
      'Pupil[2]/UPN: check letter should be U [CHECK_LETTER]',
      'Pupil[3]/Surname: is missing [MISSING_ELEMENT]',
      'Pupil[3]/BasicDetails/Ethnicity: "W1" is not a four-letter ethnicity code [UNKNOWN_CODE]',
    ]);
    expect(
      parseCtf(DEMO.replace('<CTFversion>25.0</CTFversion>', '<CTFversion>19.0</CTFversion>'), TODAY).errors,
    ).toEqual([
      {
        path: 'Header/CTFversion',
        code: 'UNSUPPORTED_VERSION',
        message: 'version "19.0" is not supported (21–25)',
      },
    ]);
    expect(parseCtf(DEMO.replace('</Surname>', '</Surnam>'), TODAY).errors[0]?.code).toBe('NOT_XML');
    const twice = DEMO.replace('<UPN>U380200115011</UPN>', '<UPN>Y380200115004</UPN>');
    expect(parseCtf(twice, TODAY).errors.map(describeCtfError)).toEqual([
      'Pupil[2]/UPN: Y380200115004 is also Pupil[1] [DUPLICATE]',
    ]);
  });
});

describe('importing a CTF into progress', () => {
  it('rejects a file for another school, or a result off its scale, whole, and writes nothing', async () => {
    const before = await snapshot();
    const other = await importCtf(subgraph.db, DEMO, { onlyUrn: PRIMARY, today: TODAY });
    expect(other.ok ? [] : other.errors.map(describeCtfError)).toEqual([
      'Header/DestSchool/URN: you may import only into your own school (142401), not 136530 [FORBIDDEN]',
    ]);
    const offScale = await importCtf(
      subgraph.db,
      DEMO.replace('<Result>101</Result>', '<Result>135</Result>'),
      {
        today: TODAY,
      },
    );
    expect(offScale.ok ? [] : offScale.errors.map(describeCtfError)).toEqual([
      'Pupil[1]/StageAssessments/KeyStage[2]/StageAssessment[3]/Result: "135" is not a result on KS2_SCALED [UNKNOWN_CODE]',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('adds the pupils with their history, attendance and results; the same file again changes nothing', async () => {
    // Zofia first arrived with a temporary UPN, which the demo file replaces through FormerUPN.
    const temporary = DEMO.replace('<UPN>R201100018042</UPN>', '<UPN>T20110001804V</UPN>').replace(
      '<FormerUPN>T20110001804V</FormerUPN>',
      '',
    );
    const first = await importCtf(subgraph.db, temporary, { today: TODAY });
    expect(first).toMatchObject({ ok: true, inserted: 3, updated: 0, moved: 0, resultsWritten: 6 });
    const zofia = await pupilByUpn('T20110001804V');

    const result = await importCtf(subgraph.db, DEMO, { onlyUrn: DEST, today: TODAY });
    expect(result).toMatchObject({
      ok: true,
      urn: DEST,
      inserted: 0,
      updated: 1,
      unchanged: 2,
      resultsWritten: 0,
    });
    expect(await pupilByUpn('R201100018042')).toMatchObject({ id: zofia?.id, urn: DEST, eal: true });
    expect(await pupilByUpn('T20110001804V')).toBeUndefined();

    const amira = await pupilByUpn('Y380200115004');
    expect(amira).toMatchObject({
      urn: DEST,
      given_name: 'Amira',
      ethnicity: 'ASIAN',
      disadvantaged: true,
      sen: 'SEN_SUPPORT',
      reception_year: 2015,
      on_roll_from: 2025,
    });
    const history = await queryRows(
      subgraph.db,
      sql`select position, urn, school_name from progress.pupil_school_history where pupil_id = ${amira?.id} order by position`,
    );
    expect(history).toEqual([
      { position: 1, urn: PRIMARY, school_name: 'Cottesmore Academy' },
      { position: 2, urn: 136629, school_name: 'Uppingham Community College' },
    ]);
    const attendance = await queryRows(
      subgraph.db,
      sql`select academic_year, sessions_possible, sessions_attended from progress.pupil_attendance where pupil_id = ${amira?.id}`,
    );
    expect(attendance).toEqual([{ academic_year: 2024, sessions_possible: 380, sessions_attended: 362 }]);

    // The school's staff see the pupil and the key-stage results, at the school they were taken at.
    const res = await subgraph.request<{
      pupil: {
        upn: string;
        school: { urn: number };
        assessments: { subject: string; grade: string; school: unknown }[];
      };
    }>(
      destStaff,
      `{ pupil(id: "${amira?.id}") { upn school { urn } assessments(subject: MATHS) { grade } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.pupil.upn).toBe('Y380200115004');
    expect(res.data?.pupil.assessments.map((a) => a.grade).sort()).toEqual(['101', 'EXS']);
    const urns = await queryRows(
      subgraph.db,
      sql`select distinct urn from progress.assessments where pupil_id = ${amira?.id} order by urn`,
    );
    expect(urns).toEqual([{ urn: PRIMARY }]);

    const before = await snapshot();
    expect(await importCtf(subgraph.db, DEMO, { onlyUrn: DEST, today: TODAY })).toMatchObject({
      ok: true,
      inserted: 0,
      updated: 0,
      unchanged: 3,
      resultsWritten: 0,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('moves a pupil between schools: one record, the old school keeps its past figures and loses access', async () => {
    const [pupil] = await queryRows<{
      id: string;
      upn: string;
      given_name: string;
      family_name: string;
      date_of_birth: string;
    }>(
      subgraph.db,
      sql`select p.id, p.upn, p.given_name, p.family_name, p.date_of_birth::text from progress.pupils p
          where p.urn = ${PRIMARY} and p.on_roll_to = 2025 and p.reception_year = 2019
            and exists (select 1 from progress.pupil_results r where r.pupil_id = p.id)
          order by p.id limit 1`,
    );
    expect(pupil).toBeDefined();
    if (!pupil) return;
    const pastResults = await queryRows(
      subgraph.db,
      sql`select academic_year, subject, urn from progress.pupil_results where pupil_id = ${pupil.id} order by 1, 2`,
    );
    expect(pastResults.length).toBeGreaterThan(0);
    const seen = await subgraph.request<{ pupil: { id: string } | null }>(
      oldStaff,
      `{ pupil(id: "${pupil.id}") { id } }`,
    );
    expect(seen.data?.pupil?.id).toBe(pupil.id);

    const ctf = DEMO.replace(
      /<CTFpupilData>[\s\S]*<\/CTFpupilData>/,
      `<CTFpupilData><Pupil><UPN>${pupil.upn}</UPN><Surname>${pupil.family_name}</Surname>
        <Forename>${pupil.given_name}</Forename><DOB>${pupil.date_of_birth}</DOB><Sex>M</Sex>
        <BasicDetails><NCyearActual>6</NCyearActual></BasicDetails></Pupil></CTFpupilData>`,
    );
    const moved = await importCtf(subgraph.db, ctf, { onlyUrn: DEST, today: TODAY });
    expect(moved).toMatchObject({ ok: true, inserted: 0, updated: 1, moved: 1, pupilIds: [pupil.id] });
    expect(await pupilByUpn(pupil.upn)).toMatchObject({ id: pupil.id, urn: DEST });
    expect(
      await queryRows(
        subgraph.db,
        sql`select academic_year, subject, urn from progress.pupil_results where pupil_id = ${pupil.id} order by 1, 2`,
      ),
    ).toEqual(pastResults);

    const now = await subgraph.request<{ pupil: { id: string } | null }>(
      oldStaff,
      `{ pupil(id: "${pupil.id}") { id } }`,
    );
    expect(now.data?.pupil ?? null).toBeNull();
    expect(now.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const there = await subgraph.request<{ pupil: { id: string } | null }>(
      destStaff,
      `{ pupil(id: "${pupil.id}") { id } }`,
    );
    expect(there.data?.pupil?.id).toBe(pupil.id);
  });
});

describe('a pupil who moves keeps the old school’s access until the leaving date', () => {
  const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const fileLeaving = (pupil: Record<string, string>, leavingDate: string) =>
    DEMO.replace(
      /<CTFpupilData>[\s\S]*<\/CTFpupilData>/,
      `<CTFpupilData><Pupil><UPN>${pupil.upn}</UPN><Surname>${pupil.family_name}</Surname>
        <Forename>${pupil.given_name}</Forename><DOB>${pupil.date_of_birth}</DOB><Sex>F</Sex>
        <BasicDetails><NCyearActual>6</NCyearActual></BasicDetails>
        <SchoolHistory><School><LEA>857</LEA><Estab>2001</Estab><URN>${PRIMARY}</URN>
          <SchoolName>Cottesmore Academy</SchoolName><EntryDate>2019-09-01</EntryDate>
          <LeavingDate>${leavingDate}</LeavingDate></School></SchoolHistory></Pupil></CTFpupilData>`,
    );
  const read = (viewer: Viewer, id: string) =>
    subgraph.request<{ pupil: { id: string; upn: string } | null }>(
      viewer,
      `{ pupil(id: "${id}") { id upn } }`,
    );

  it('lets the old school read the record up to the leaving date, and refuses it (FORBIDDEN) after', async () => {
    const [pupil] = await queryRows<Record<string, string>>(
      subgraph.db,
      sql`select p.id, p.upn, p.given_name, p.family_name, p.date_of_birth::text from progress.pupils p
          where p.urn = ${PRIMARY} and p.on_roll_to = 2025 and p.reception_year = 2019
          order by p.id desc limit 1`,
    );
    if (!pupil) throw new Error('no pupil to move');
    // Leaving at the end of next month: the new school has the record, the old one still reads it.
    const moved = await importCtf(subgraph.db, fileLeaving(pupil, iso(30)), { onlyUrn: DEST, today: TODAY });
    expect(moved).toMatchObject({ ok: true, moved: 1 });
    expect(await pupilByUpn(pupil.upn ?? '')).toMatchObject({ id: pupil.id, urn: DEST });
    const before = await read(oldStaff, pupil.id ?? '');
    expect(before.errors).toBeUndefined();
    expect(before.data?.pupil).toEqual({ id: pupil.id, upn: pupil.upn });
    expect((await read(destStaff, pupil.id ?? '')).data?.pupil?.id).toBe(pupil.id);
    // Today is the leaving date: still theirs to read.
    expect(
      await importCtf(subgraph.db, fileLeaving(pupil, iso(0)), { onlyUrn: DEST, today: TODAY }),
    ).toMatchObject({ ok: true });
    expect((await read(oldStaff, pupil.id ?? '')).data?.pupil?.id).toBe(pupil.id);

    // A later file gives yesterday as the leaving date: from then on the old school is refused.
    expect(
      await importCtf(subgraph.db, fileLeaving(pupil, iso(-1)), { onlyUrn: DEST, today: TODAY }),
    ).toMatchObject({
      ok: true,
      moved: 0,
    });
    const after = await read(oldStaff, pupil.id ?? '');
    expect(after.data?.pupil ?? null).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read(destStaff, pupil.id ?? '')).data?.pupil?.id).toBe(pupil.id);
  });
});

describe('the importCommonTransferFile mutation', () => {
  const MUTATION =
    'mutation ($xml: String!) { importCommonTransferFile(xml: $xml) { urn inserted updated unchanged moved resultsWritten } }';
  const lastEvent = async () =>
    (
      await queryRows<{ actor_sub: string; outcome: string; pupil_ids: string[]; error_codes: string[] }>(
        subgraph.db,
        sql`select actor_sub, outcome, pupil_ids, error_codes from progress.audit_events order by id desc limit 1`,
      )
    )[0];

  it("imports for the destination school's staff and names every pupil in the audit trail", async () => {
    const res = await subgraph.request<{ importCommonTransferFile: Record<string, number> }>(
      destStaff,
      MUTATION,
      {
        xml: DEMO,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.importCommonTransferFile).toMatchObject({ urn: DEST, unchanged: 3, inserted: 0 });
    const ids = await queryRows<{ id: string }>(
      subgraph.db,
      sql`select id from progress.pupils where upn in ('Y380200115004', 'U380200115011', 'R201100018042') order by id`,
    );
    const event = await lastEvent();
    expect(event).toMatchObject({ actor_sub: destStaff.sub, outcome: 'OK' });
    expect([...(event?.pupil_ids ?? [])].sort()).toEqual(ids.map((i) => i.id));
  });

  it('refuses staff of another school, trust leaders and carers (FORBIDDEN), and a bad file (BAD_USER_INPUT)', async () => {
    const before = await snapshot();
    for (const viewer of [
      oldStaff,
      { role: 'trust_leader', sub: 'lead', trustId: 'TR0962' },
      { role: 'carer', sub: 'c', carerId: 'C-NOBODY' },
    ] as Viewer[]) {
      const res = await subgraph.request(viewer, MUTATION, { xml: DEMO });
      expect(res.data?.importCommonTransferFile ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const bad = await subgraph.request(destStaff, MUTATION, {
      xml: DEMO.replace('<UPN>U380200115011</UPN>', '<UPN>A380200115011</UPN>'),
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.problems).toEqual([
      { path: 'Pupil[2]/UPN', code: 'CHECK_LETTER', message: 'check letter should be U' },
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('statutory results from a CTF in the entitlement rules', () => {
  it("measures a pupil who joined in Year 10 from their KS2 result when the school's first assessment comes", async () => {
    const amira = await pupilByUpn('Y380200115004');
    // Her first periodic assessment here, Year 10 autumn: Y7 B (27.5) on the school's steps, below her KS2
    // reading (104, 28.6 points) ten terms before.
    const imported = await importAssessments(
      subgraph.db,
      'upn,subject,scale,grade,assessed_on,kind\nY380200115004,READING,SCHOOL_STEPS,Y7 B,2025-10-15,PERIODIC\n',
      { onlyUrn: DEST },
    );
    expect(imported).toMatchObject({ ok: true, inserted: 1 });
    const [entitlement] = await queryRows<{
      eligible: boolean;
      reasons: { code: string; subject: string }[];
    }>(
      subgraph.db,
      sql`select eligible, reasons from progress.entitlements where pupil_id = ${amira?.id} and academic_year = 2025`,
    );
    expect(entitlement?.eligible).toBe(true);
    expect(entitlement?.reasons.map((r) => [r.code, r.subject])).toEqual([
      ['NOT_PROGRESSING_KS2_TO_KS4', 'READING'],
    ]);
  });

  it('lists (a) from her KS1 outcome: writing working towards the expected standard at the end of Year 2', async () => {
    const amira = await pupilByUpn('Y380200115004');
    // The file's KS1 teacher assessments (2018, academic year 2017): reading and maths EXS, writing WTS. She has
    // no periodic assessment that year: the statutory outcome alone gives the reason.
    const [entitlement] = await queryRows<{
      eligible: boolean;
      reasons: { code: string; subject: string }[];
    }>(
      subgraph.db,
      sql`select eligible, reasons from progress.entitlements where pupil_id = ${amira?.id} and academic_year = 2017`,
    );
    expect(entitlement?.eligible).toBe(true);
    expect(entitlement?.reasons.map((r) => [r.code, r.subject])).toEqual([
      ['KS1_BELOW_EXPECTED_STANDARD', 'WRITING'],
    ]);
  });
});

describe("School.pupils: the school's roster", () => {
  const ROSTER = `query ($r: [_Any!]!, $search: String) { _entities(representations: $r) {
    ... on School { pupils(first: 10, search: $search) { totalCount nodes { id upn } pageInfo { hasNextPage } } } } }`;
  type Roster = {
    _entities: ({ pupils: { totalCount: number; nodes: { id: string; upn: string }[] } } | null)[];
  };
  const rosterOf = (viewer: Viewer, urns: number[], search?: string) =>
    subgraph.request<Roster>(viewer, ROSTER, {
      r: urns.map((urn) => ({ __typename: 'School', urn })),
      search,
    });

  it("lists the school's pupils on roll for its staff, searchable by UPN or name", async () => {
    const byUpn = await rosterOf(destStaff, [DEST], 'y380200115004');
    expect(byUpn.errors).toBeUndefined();
    expect(byUpn.data?._entities[0]?.pupils.nodes.map((p) => p.upn)).toEqual(['Y380200115004']);
    const byName = await rosterOf(destStaff, [DEST], 'HUSS');
    expect(byName.data?._entities[0]?.pupils.nodes.map((p) => p.upn)).toEqual(['Y380200115004']);
    const all = await rosterOf(destStaff, [DEST]);
    expect(all.data?._entities[0]?.pupils.totalCount).toBeGreaterThanOrEqual(3);
  });

  it('gives a trust leader every school of the trust in one batch, and no one else the roster', async () => {
    const leader: Viewer = { role: 'trust_leader', sub: 'lead', trustId: 'TR0962' }; // Catmose College's trust
    subgraph.resetQueryCount();
    const res = await rosterOf(leader, [DEST, 136629]);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((s) => s?.pupils.totalCount)).toEqual([expect.any(Number), 0]);
    // Where the schools are, one page query and one count for both schools.
    expect(subgraph.queryCount()).toBeLessThanOrEqual(3);
    for (const viewer of [
      oldStaff,
      { role: 'trust_leader', sub: 'other', trustId: 'TR0965' },
      { role: 'la_officer', sub: 'la', laCode: '857' },
      { role: 'carer', sub: 'c', carerId: 'C-NOBODY' },
      { role: 'anonymous' },
    ] as Viewer[]) {
      const denied = await rosterOf(viewer, [DEST], 'Y380200115004');
      expect(denied.data?._entities[0]?.pupils ?? null).toBeNull();
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('exporting a CTF', () => {
  it('writes a file named as the spec says that, imported at another school, gives the same pupil', async () => {
    const amira = await pupilByUpn('Y380200115004');
    const characteristics = async () =>
      queryRows(
        subgraph.db,
        sql`select ethnicity_code, first_language, sen_needs, fsm_periods from progress.pupil_characteristics where pupil_id = ${amira?.id}`,
      );
    const before = await characteristics();
    const file = await exportCtf(subgraph.db, { urn: DEST, pupilIds: [amira?.id ?? ''], to: '8572001' });
    expect(file.fileName).toBe('8575406_CTF_8572001_001.xml');
    expect(parseCtf(file.xml, '2100-01-01').errors).toEqual([]);
    const back = await importCtf(subgraph.db, file.xml, { onlyUrn: PRIMARY });
    expect(back).toMatchObject({ ok: true, inserted: 0, moved: 1, resultsWritten: 0, pupilIds: [amira?.id] });
    expect(await pupilByUpn('Y380200115004')).toMatchObject({
      ...amira,
      urn: PRIMARY,
      on_roll_from: 2025,
      on_roll_to: 2025,
    });
    expect(await characteristics()).toEqual(before);
  });
});
