import type { Db } from '@commonroom/db';
import type { Region } from '@commonroom/school-list';
import { and, eq, inArray, isNotNull, isNull, notExists, sql } from 'drizzle-orm';
import { localAuthorities, schools, trusts } from '../data/tables.ts';
import { LOCAL_AUTHORITY_CODES } from './codes.ts';
import type { DirectoryRow } from './directory-copies.ts';
import {
  type Establishment,
  type GiasError,
  parseEstablishments,
  parseGroups,
  parseLinks,
  type TrustGroup,
} from './parse.ts';

/** The files of one GIAS import: the establishments extract, and optionally the groups and links files. */
export interface GiasFiles {
  establishments: { name: string; text: string };
  groups?: { name: string; text: string };
  links?: { name: string; text: string };
}

export interface GiasSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Establishments of a type the directory does not hold (independent, FE, 16–19, children's centres…). */
  skipped: number;
  closed: number;
  trustsWritten: number;
  /** The demo's made-up trusts left with no school, and removed. */
  demoTrustsRemoved: number;
  /** Every imported school as the other subgraphs' directory copies hold it (directory-copies.ts). */
  directory: DirectoryRow[];
}

export type GiasImportResult = ({ ok: true } & GiasSummary) | { ok: false; errors: GiasError[] };

/** Columns a re-import may change; a school whose values are all the same is left alone. */
const SCHOOL_COLUMNS = [
  'laestab',
  'laCode',
  'estab',
  'name',
  'type',
  'phase',
  'constituency',
  'status',
  'openedOn',
  'closedOn',
  'pupilsOnRoll',
  'primaryOnRoll',
  'secondaryOnRoll',
  'disadvantagedPupils',
  'percentDisadvantaged',
  'trustId',
] as const;
const TRUST_COLUMNS = ['name', 'kind', 'region', 'groupUid', 'companiesHouseNumber'] as const;

const excluded = (column: { name: string }) => sql.raw(`excluded."${column.name}"`);

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Imports GIAS extracts into the directory in one transaction: schools upserted by URN (a closed school stays,
 * marked CLOSED), their LAs (current codes, e.g. 940–943, added; retired ones kept for the schools and years
 * that name them), and their trusts by group UID (id = the Group ID, e.g. TR00261, when the groups file is
 * given; Companies House number padded to 8). Any problem in any file rejects the whole import, every problem
 * named with file, line and column, and nothing is written. A school or trust identical to what is stored is
 * left alone, so importing the same files twice changes nothing. The demo's made-up trusts that no longer
 * have a school are removed; a school not in the file keeps what it had.
 */
export async function importGias(db: Db, files: GiasFiles): Promise<GiasImportResult> {
  const parsed = parseEstablishments(files.establishments.name, files.establishments.text);
  const groups = files.groups ? parseGroups(files.groups.name, files.groups.text) : undefined;
  const links = files.links ? parseLinks(files.links.name, files.links.text) : undefined;
  const errors = [...parsed.errors, ...(groups?.errors ?? []), ...(links?.errors ?? [])];
  const groupByUid = new Map<number, TrustGroup>((groups?.groups ?? []).map((g) => [g.uid, g]));

  // A school's trust: the establishment file's `Trusts (code)`, else its one trust in the links file.
  const linkOf = new Map<number, { uid: number; line: number }>();
  for (const link of links?.links ?? []) {
    const other = linkOf.get(link.urn);
    if (other && other.uid !== link.uid)
      errors.push({
        file: files.links?.name ?? '',
        line: link.line,
        field: 'Group UID',
        code: 'DUPLICATE',
        message: `URN ${link.urn} is already in trust ${other.uid} on line ${other.line}`,
      });
    else linkOf.set(link.urn, { uid: link.uid, line: link.line });
  }
  const trustUidOf = (e: Establishment) => e.trustUid ?? linkOf.get(e.urn)?.uid ?? null;
  if (groups)
    for (const e of parsed.establishments) {
      const uid = trustUidOf(e);
      if (uid !== null && !groupByUid.has(uid))
        errors.push({
          file: files.establishments.name,
          line: e.line,
          field: 'Trusts (code)',
          code: 'UNKNOWN_GROUP',
          message: `trust ${uid} is not a trust in ${files.groups?.name}`,
        });
    }
  if (errors.length > 0) return { ok: false, errors };
  if (parsed.establishments.length === 0)
    return {
      ok: false,
      errors: [
        {
          file: files.establishments.name,
          line: 1,
          field: null,
          code: 'MISSING_VALUE',
          message: 'the file has no schools of a type the directory holds',
        },
      ],
    };

  // Trusts named by the schools, with what the files say about them.
  const schoolsOfTrust = new Map<number, Establishment[]>();
  for (const e of parsed.establishments) {
    const uid = trustUidOf(e);
    if (uid !== null) schoolsOfTrust.set(uid, [...(schoolsOfTrust.get(uid) ?? []), e]);
  }

  return db.transaction(async (tx) => {
    const known = new Map(
      (
        await tx
          .select({ id: trusts.id, groupUid: trusts.groupUid })
          .from(trusts)
          .where(inArray(trusts.groupUid, [...schoolsOfTrust.keys(), -1]))
      ).map((t) => [t.groupUid, t.id]),
    );
    const trustRows = [...schoolsOfTrust].map(([uid, members]) => {
      const group = groupByUid.get(uid);
      const id = group?.groupId ?? known.get(uid) ?? `GIAS-${uid}`;
      return {
        id,
        name: group?.name ?? mostCommon(members.map((m) => m.trustName).filter((n) => n !== null)) ?? id,
        kind:
          group?.kind ?? (members.length > 1 || members.some((m) => m.inMultiAcademyTrust) ? 'MAT' : 'SAT'),
        region: mostCommon(members.map((m) => m.region)) as Region,
        groupUid: uid,
        companiesHouseNumber: group?.companiesHouseNumber ?? null,
      };
    });
    const trustIdOf = new Map(trustRows.map((t) => [t.groupUid, t.id]));

    // A trust first stored under a provisional id takes its Group ID (schools follow: on update cascade).
    for (const t of trustRows) {
      const stored = known.get(t.groupUid);
      if (stored !== undefined && stored !== t.id)
        await tx.update(trusts).set({ id: t.id }).where(eq(trusts.groupUid, t.groupUid));
    }

    const las = new Map(parsed.establishments.map((e) => [e.laCode, e]));
    await tx
      .insert(localAuthorities)
      .values(
        [...las.values()].map((e) => ({
          code: e.laCode,
          name: LOCAL_AUTHORITY_CODES.get(e.laCode)?.name ?? e.laName,
          region: e.region,
        })),
      )
      .onConflictDoNothing();

    let trustsWritten = 0;
    for (let i = 0; i < trustRows.length; i += 1000) {
      const written = await tx
        .insert(trusts)
        .values(trustRows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: trusts.id,
          set: Object.fromEntries(TRUST_COLUMNS.map((c) => [c, excluded(trusts[c])])),
          setWhere: sql.join(
            TRUST_COLUMNS.map((c) => sql`${trusts[c]} is distinct from ${excluded(trusts[c])}`),
            sql` or `,
          ),
        })
        .returning({ id: trusts.id });
      trustsWritten += written.length;
    }

    const schoolRows = parsed.establishments.map((e) => {
      const uid = trustUidOf(e);
      return {
        urn: e.urn,
        laestab: e.laestab,
        laCode: e.laCode,
        estab: e.estab,
        name: e.name,
        type: e.type,
        phase: e.phase,
        constituency: e.constituency,
        status: e.status,
        openedOn: e.openedOn,
        closedOn: e.closedOn,
        pupilsOnRoll: e.pupilsOnRoll,
        primaryOnRoll: e.primaryOnRoll,
        secondaryOnRoll: e.secondaryOnRoll,
        disadvantagedPupils: e.fsmPupils,
        percentDisadvantaged: e.percentFsm,
        trustId: uid === null ? null : (trustIdOf.get(uid) ?? null),
      };
    });
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < schoolRows.length; i += 1000) {
      const written = await tx
        .insert(schools)
        .values(schoolRows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: schools.urn,
          set: {
            ...Object.fromEntries(SCHOOL_COLUMNS.map((c) => [c, excluded(schools[c])])),
            updatedAt: sql`now()`,
          },
          setWhere: sql.join(
            SCHOOL_COLUMNS.map((c) => sql`${schools[c]} is distinct from ${excluded(schools[c])}`),
            sql` or `,
          ),
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const row of written) {
        if (row.inserted) inserted++;
        else updated++;
      }
    }

    // The demo's made-up trusts (no group UID) that no school is in any more go; real ones stay.
    const removed = await tx
      .delete(trusts)
      .where(
        and(
          isNull(trusts.groupUid),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(schools)
              .where(and(isNotNull(schools.trustId), eq(schools.trustId, trusts.id))),
          ),
        ),
      )
      .returning({ id: trusts.id });

    return {
      ok: true as const,
      inserted,
      updated,
      unchanged: schoolRows.length - inserted - updated,
      skipped: parsed.skipped,
      closed: schoolRows.filter((s) => s.status === 'CLOSED').length,
      trustsWritten,
      demoTrustsRemoved: removed.length,
      directory: parsed.establishments.map((e, i) => ({
        urn: e.urn,
        la_code: e.laCode,
        trust_id: schoolRows[i]?.trustId ?? null,
        phase: e.phase,
        region: e.region,
        name: e.name,
      })),
    };
  });
}
