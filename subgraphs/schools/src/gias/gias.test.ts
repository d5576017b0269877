import { fileURLToPath } from 'node:url';
import type { Viewer } from '@commonroom/auth';
import { queryRows, runMigrations } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import { englandSchoolList } from '@commonroom/school-list';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools, trusts } from '../data/tables.ts';
import { schoolsUnderTest } from '../testing.ts';
import { DIRECTORY_COPIES, type DirectoryRow, updateDirectoryCopy } from './directory-copies.ts';
import { importGias } from './import.ts';
import {
  companiesHouseNumber,
  decodeGias,
  describeGiasError,
  parseEstablishments,
  parseGiasDate,
} from './parse.ts';

/** The 135 columns of `edubasealldata` in their March 2025 order (../shared/reference/gias.md §3). */
const HEADER =
  'URN|LA (code)|LA (name)|EstablishmentNumber|EstablishmentName|TypeOfEstablishment (code)|TypeOfEstablishment (name)|EstablishmentTypeGroup (code)|EstablishmentTypeGroup (name)|EstablishmentStatus (code)|EstablishmentStatus (name)|ReasonEstablishmentOpened (code)|ReasonEstablishmentOpened (name)|OpenDate|ReasonEstablishmentClosed (code)|ReasonEstablishmentClosed (name)|CloseDate|PhaseOfEducation (code)|PhaseOfEducation (name)|StatutoryLowAge|StatutoryHighAge|Boarders (code)|Boarders (name)|NurseryProvision (name)|OfficialSixthForm (code)|OfficialSixthForm (name)|Gender (code)|Gender (name)|ReligiousCharacter (code)|ReligiousCharacter (name)|ReligiousEthos (name)|Diocese (code)|Diocese (name)|AdmissionsPolicy (code)|AdmissionsPolicy (name)|SchoolCapacity|SpecialClasses (code)|SpecialClasses (name)|CensusDate|NumberOfPupils|NumberOfBoys|NumberOfGirls|PercentageFSM|TrustSchoolFlag (code)|TrustSchoolFlag (name)|Trusts (code)|Trusts (name)|SchoolSponsorFlag (name)|SchoolSponsors (name)|FederationFlag (name)|Federations (code)|Federations (name)|UKPRN|FEHEIdentifier|FurtherEducationType (name)|LastChangedDate|Street|Locality|Address3|Town|County (name)|Postcode|SchoolWebsite|TelephoneNum|HeadTitle (name)|HeadFirstName|HeadLastName|HeadPreferredJobTitle|BSOInspectorateName (name)|InspectorateReport|DateOfLastInspectionVisit|NextInspectionVisit|TeenMoth (name)|TeenMothPlaces|CCF (name)|SENPRU (name)|EBD (name)|PlacesPRU|FTProv (name)|EdByOther (name)|Section41Approved (name)|SEN1 (name)|SEN2 (name)|SEN3 (name)|SEN4 (name)|SEN5 (name)|SEN6 (name)|SEN7 (name)|SEN8 (name)|SEN9 (name)|SEN10 (name)|SEN11 (name)|SEN12 (name)|SEN13 (name)|TypeOfResourcedProvision (name)|ResourcedProvisionOnRoll|ResourcedProvisionCapacity|SenUnitOnRoll|SenUnitCapacity|GOR (code)|GOR (name)|DistrictAdministrative (code)|DistrictAdministrative (name)|AdministrativeWard (code)|AdministrativeWard (name)|ParliamentaryConstituency (code)|ParliamentaryConstituency (name)|UrbanRural (code)|UrbanRural (name)|GSSLACode (name)|Easting|Northing|MSOA (name)|LSOA (name)|InspectorateName (name)|SENStat|SENNoStat|BoardingEstablishment (name)|PropsName|PreviousLA (code)|PreviousLA (name)|PreviousEstablishmentNumber|Country (name)|UPRN|SiteName|QABName (code)|QABName (name)|EstablishmentAccredited (code)|EstablishmentAccredited (name)|QABReport|CHNumber|MSOA (code)|LSOA (code)|FSM|AccreditationExpiryDate'.split(
    '|',
  );

type Row = Partial<Record<(typeof HEADER)[number], string>>;
const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
const establishmentsCsv = (rows: Row[]) =>
  [HEADER.join(','), ...rows.map((r) => HEADER.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n');

const school = (urn: number, more: Row = {}): Row => ({
  URN: String(urn),
  'LA (code)': '940',
  'LA (name)': 'North Northamptonshire',
  EstablishmentNumber: '2001',
  EstablishmentName: `School ${urn}`,
  'TypeOfEstablishment (code)': '34',
  'EstablishmentStatus (code)': '1',
  OpenDate: '01-09-2012',
  'PhaseOfEducation (code)': '2',
  StatutoryLowAge: '4',
  StatutoryHighAge: '11',
  NumberOfPupils: '210',
  PercentageFSM: '20.0',
  'TrustSchoolFlag (code)': '3',
  'Trusts (code)': '99001',
  'Trusts (name)': 'NORTHFIELD LEARNING TRUST',
  'GOR (code)': 'E',
  'ParliamentaryConstituency (name)': 'Corby and East Northamptonshire',
  FSM: '42',
  ...more,
});

const GROUPS = [
  'Group UID,Group ID,Group Name,Companies House Number,Group Type (code),Group Type,Closed Date,Open date,Incorporated on (open date),Group Status (code),Group Status,Group Street,Group Locality,Group Address 3,Group Town,Group County,Group Postcode,Head of Group Title,Head of Group First Name,Head of Group Last Name,UKPRN',
  '99001,TR09901,NORTHFIELD LEARNING TRUST,9876543,"06",Multi-academy trust,,,01/04/2015,OPEN,Open,1 Example Road,,,Bradford,Not recorded,BD99 9ZZ,Mrs,Jane,Example,10099999',
  '99002,TR09902,HILLSIDE ACADEMY TRUST,07318714,10,Single-academy trust,,,01/09/2016,OPEN,Open,,,,,,,,,,',
  '99003,,SOME FEDERATION,,"01",Federation,,,,OPEN,Open,,,,,,,,,,',
].join('\n');

let subgraph: TestSubgraph;
const anonymous: Viewer = { role: 'anonymous' };
// The first demo trust's schools, so the test can move a whole made-up trust into a real one.
const demoTrust = englandSchoolList().trusts.find((t) => t.id === 'TR0962');
const demoUrns = demoTrust?.urns ?? [];

beforeAll(async () => {
  subgraph = await startTestSubgraph(schoolsUnderTest);
});
afterAll(() => subgraph?.close());

const snapshot = async () => ({
  schools: await subgraph.db.select().from(schools).orderBy(asc(schools.urn)),
  trusts: await subgraph.db.select().from(trusts).orderBy(asc(trusts.id)),
});

describe('reading GIAS files', () => {
  it('decodes Windows-1252 (curly quotes survive) and UTF-8 alike', () => {
    expect(decodeGias(new Uint8Array([0x53, 0x74, 0x92, 0x73]))).toBe('St’s');
    expect(decodeGias(new TextEncoder().encode('St’s'))).toBe('St’s');
  });

  it('reads dd-mm-yyyy and dd/mm/yyyy dates, pads Companies House numbers to 8', () => {
    expect(parseGiasDate('19-01-2017')).toBe('2017-01-19');
    expect(parseGiasDate('01/04/2015')).toBe('2015-04-01');
    expect(parseGiasDate('')).toBeNull();
    expect(parseGiasDate('31-02-2017')).toBeUndefined();
    expect(companiesHouseNumber('7318714')).toBe('07318714');
  });

  it('maps phase, roll, FSM and region; skips types the directory does not hold', () => {
    const { establishments, skipped, errors } = parseEstablishments(
      'e.csv',
      establishmentsCsv([
        school(990001),
        school(990002, { 'TypeOfEstablishment (code)': '11' }),
        school(990003, {
          'TypeOfEstablishment (code)': '44',
          'PhaseOfEducation (code)': '0',
          StatutoryHighAge: '19',
        }),
        school(990004, {
          'LA (code)': '942',
          'GOR (code)': 'B',
          'PhaseOfEducation (code)': '7',
          StatutoryHighAge: '18',
        }),
      ]),
    );
    expect(errors).toEqual([]);
    expect(skipped).toBe(1);
    expect(establishments.map((e) => [e.urn, e.phase, e.region, e.laestab])).toEqual([
      [990001, 'PRIMARY', 'East Midlands', 9402001],
      [990003, 'SPECIAL', 'East Midlands', 9402001],
      [990004, 'ALL_THROUGH', 'North West', 9422001],
    ]);
    expect(establishments[0]).toMatchObject({
      pupilsOnRoll: 210,
      fsmPupils: 42,
      percentFsm: 0.2,
      status: 'OPEN',
    });
    expect(establishments[2]).toMatchObject({ primaryOnRoll: 105, secondaryOnRoll: 105 });
  });
});

describe('importing GIAS into the directory', () => {
  it('rejects a bad file whole, naming file, line, column and code for every problem, and writes nothing', async () => {
    const before = await snapshot();
    const result = await importGias(subgraph.db, {
      establishments: {
        name: 'edubasealldata.csv',
        text: establishmentsCsv([
          school(990001),
          school(990001),
          school(990005, { 'LA (code)': '999', 'GOR (code)': 'W' }),
          school(990006, { OpenDate: '2012-09-01', NumberOfPupils: 'many' }),
          school(990007, { 'TypeOfEstablishment (code)': '77' }),
          school(990008, { 'Trusts (code)': '424242' }),
        ]),
      },
      groups: { name: 'allgroupsdata.csv', text: GROUPS },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(describeGiasError)).toEqual([
      'edubasealldata.csv line 3, URN: URN 990001 already on line 2 [DUPLICATE]',
      'edubasealldata.csv line 4, LA (code): unknown local authority code "999" [UNKNOWN_LA]',
      'edubasealldata.csv line 5, OpenDate: "2012-09-01" is not a date (dd-mm-yyyy) [BAD_DATE]',
      'edubasealldata.csv line 5, NumberOfPupils: "many" is not a whole number [BAD_NUMBER]',
      'edubasealldata.csv line 6, TypeOfEstablishment (code): unknown establishment type "77" [UNKNOWN_CODE]',
      'edubasealldata.csv line 7, Trusts (code): trust 424242 is not a trust in allgroupsdata.csv [UNKNOWN_GROUP]',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('upserts schools by URN with real trusts, new LAs and closed schools; the same files again change nothing', async () => {
    const [firstDemo, ...otherDemo] = demoUrns;
    expect(firstDemo).toBeDefined();
    const files = {
      establishments: {
        name: 'edubasealldata.csv',
        text: establishmentsCsv([
          school(990001),
          school(990002, {
            'Trusts (code)': '99002',
            'Trusts (name)': 'HILLSIDE',
            'TrustSchoolFlag (code)': '0',
          }),
          school(990003, { 'EstablishmentStatus (code)': '2', CloseDate: '31-08-2024', 'Trusts (code)': '' }),
          // Every school of the demo's first trust, now in a real trust in the new LA.
          ...demoUrns.map((urn) => school(urn, { EstablishmentName: `Real ${urn}` })),
        ]),
      },
      groups: { name: 'allgroupsdata.csv', text: GROUPS },
    };
    const first = await importGias(subgraph.db, files);
    expect(first).toMatchObject({
      ok: true,
      inserted: 3,
      updated: demoUrns.length,
      unchanged: 0,
      skipped: 0,
      closed: 1,
      trustsWritten: 2,
      demoTrustsRemoved: 1,
    });
    const res = await subgraph.request<{
      school: {
        status: string;
        name: string;
        localAuthority: { code: string; name: string; region: string };
      };
      closed: { status: string };
      trust: { id: string; name: string; kind: string; schoolCount: number };
      old: null;
    }>(
      anonymous,
      `query ($urn: Int!) {
        school(urn: $urn) { status name localAuthority { code name region } }
        closed: school(urn: 990003) { status }
        trust(id: "TR09901") { id name kind schoolCount }
        old: trust(id: "TR0962") { id }
      }`,
      { urn: firstDemo },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.school).toEqual({
      status: 'OPEN',
      name: `Real ${firstDemo}`,
      localAuthority: { code: '940', name: 'North Northamptonshire', region: 'East Midlands' },
    });
    expect(res.data?.closed.status).toBe('CLOSED');
    expect(res.data?.trust).toEqual({
      id: 'TR09901',
      name: 'NORTHFIELD LEARNING TRUST',
      kind: 'MAT',
      schoolCount: 1 + 1 + otherDemo.length,
    });
    expect(res.data?.old).toBeNull();
    const stored = await snapshot();
    expect(stored.trusts.find((t) => t.id === 'TR09901')?.companiesHouseNumber).toBe('09876543');
    expect(stored.schools.find((s) => s.urn === 990003)).toMatchObject({
      closedOn: '2024-08-31',
      trustId: null,
    });

    const again = await importGias(subgraph.db, files);
    expect(again).toMatchObject({
      ok: true,
      inserted: 0,
      updated: 0,
      unchanged: 3 + demoUrns.length,
      trustsWritten: 0,
    });
    expect(await snapshot()).toEqual(stored);
  });

  it('keeps a trust known only by its group UID, and gives it its Group ID when the groups file comes', async () => {
    const only = {
      name: 'edubasealldata.csv',
      text: establishmentsCsv([school(990010, { 'Trusts (code)': '99077', 'Trusts (name)': 'LATER TRUST' })]),
    };
    expect(await importGias(subgraph.db, { establishments: only })).toMatchObject({ ok: true, inserted: 1 });
    expect((await snapshot()).schools.find((s) => s.urn === 990010)?.trustId).toBe('GIAS-99077');
    const groups = `${GROUPS}\n99077,TR09977,LATER TRUST,123,"06",Multi-academy trust,,,,OPEN,Open,,,,,,,,,,`;
    expect(
      await importGias(subgraph.db, { establishments: only, groups: { name: 'g.csv', text: groups } }),
    ).toMatchObject({
      ok: true,
    });
    const stored = await snapshot();
    expect(stored.schools.find((s) => s.urn === 990010)?.trustId).toBe('TR09977');
    expect(stored.trusts.filter((t) => t.groupUid === 99077).map((t) => t.id)).toEqual(['TR09977']);
  });
});

describe("the other subgraphs' copies of the directory", () => {
  it('follow a GIAS import (LA and trust moves), and a second update changes nothing', async () => {
    const result = await importGias(subgraph.db, {
      establishments: {
        name: 'e.csv',
        text: establishmentsCsv([school(990020, { 'LA (code)': '941', 'Trusts (code)': '99001' })]),
      },
      groups: { name: 'allgroupsdata.csv', text: GROUPS },
    });
    if (!result.ok) throw new Error('import failed');
    expect(result.directory).toEqual([
      {
        urn: 990020,
        la_code: '941',
        trust_id: 'TR09901',
        phase: 'PRIMARY',
        region: 'East Midlands',
        name: 'School 990020',
      },
    ]);
    for (const copy of DIRECTORY_COPIES) {
      const other = await createTestDatabase();
      try {
        await runMigrations(
          other,
          copy.subgraph,
          fileURLToPath(new URL(`../../../${copy.subgraph}/migrations`, import.meta.url)),
        );
        // The school was in another LA and trust before (as the bundled 2019–20 list would have it).
        await updateDirectoryCopy(other.db, copy, [
          { ...result.directory[0], la_code: '928', trust_id: 'TR0001' } as DirectoryRow,
        ]);
        expect(await updateDirectoryCopy(other.db, copy, result.directory)).toBe(1);
        expect(await updateDirectoryCopy(other.db, copy, result.directory)).toBe(0);
        const [row] = await queryRows(
          other.db,
          sql`select la_code, trust_id from ${sql.raw(`${copy.subgraph}.school_directory`)} where urn = 990020`,
        );
        expect(row).toEqual({ la_code: '941', trust_id: 'TR09901' });
      } finally {
        await other.close();
      }
    }
  });
});
