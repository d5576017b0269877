import type { Db } from '@commonroom/db';
import { demoAdoptionCohorts, demoSelection, demoStaff } from '@commonroom/demo';
import { englandSchoolList, regionOf } from '@commonroom/school-list';
import { count, sql } from 'drizzle-orm';
import { insertUnnested } from '../data/bulk.ts';
import {
  adoptions,
  consultancyEngagements,
  cpdActivities,
  expertProfiles,
  practices,
  practiceVersions,
  schoolDirectory,
  skillRequests,
} from '../data/tables.ts';
import {
  demoConsultancies,
  demoCpdActivities,
  demoExperts,
  demoPracticeCpd,
  demoPractices,
  demoSkillRequests,
  TEACHING_ROLES,
} from './demo.ts';

const DAY = 86_400_000;
const later = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY);

/**
 * Loads the school directory copy (every school in the DfE list; teaching staff counted for the demo
 * schools from the shared demo staff definition) and the demo catalogue, adoptions, CPD, experts, skill
 * requests and consultancies. Does nothing when the directory is already loaded.
 */
export async function seedIfEmpty(db: Db): Promise<{ seeded: boolean } & Record<string, unknown>> {
  const [existing] = await db.select({ n: count() }).from(schoolDirectory);
  if ((existing?.n ?? 0) > 0) return { seeded: false, schools: existing?.n ?? 0 };
  const { schools, trusts } = englandSchoolList();
  const trustOf = new Map(trusts.flatMap((t) => t.urns.map((urn) => [urn, t.id] as const)));
  const demo = demoSelection().schools;
  const teachersOf = new Map(
    demo.map((s) => [s.urn, demoStaff(s).staff.filter((m) => TEACHING_ROLES.has(m.role)).length] as const),
  );
  const catalogue = demoPractices();
  const cpd = [...demo.flatMap(demoCpdActivities), ...demoPracticeCpd()];
  await db.transaction(async (tx) => {
    await insertUnnested(
      tx,
      'practice.school_directory',
      { urn: 'int', la_code: 'text', trust_id: 'text', phase: 'text', region: 'text', teachers: 'int' },
      schools.map((s) => ({
        urn: s.urn,
        la_code: s.laCode,
        trust_id: trustOf.get(s.urn) ?? null,
        phase: s.phase,
        region: regionOf(s.laCode) ?? 'Unknown',
        teachers: teachersOf.get(s.urn) ?? null,
      })),
    );
    await tx.insert(practices).values(
      catalogue.map((p) => {
        const current = p.versions.at(-1);
        if (!current) throw new Error(`demo practice ${p.id} has no version`);
        const savedAt = later(p.createdAt, 30 * (p.versions.length - 1));
        return {
          id: p.id,
          urn: p.urn,
          visibility: p.visibility,
          status: p.status,
          version: p.versions.length,
          ...current,
          authorIds: p.authorIds,
          createdAt: new Date(p.createdAt),
          updatedAt: p.status === 'RETIRED' ? later(p.createdAt, 660) : savedAt,
          publishedAt: p.status === 'DRAFT' ? null : new Date(p.createdAt),
          retiredAt: p.status === 'RETIRED' ? later(p.createdAt, 660) : null,
        };
      }),
    );
    await tx.insert(practiceVersions).values(
      catalogue.flatMap((p) =>
        p.versions.map((version, i) => ({
          practiceId: p.id,
          version: i + 1,
          ...version,
          authorIds: p.authorIds,
          visibility: p.visibility,
          savedBy: p.authorIds[0] ?? `S${p.urn}-01`,
          savedAt: later(p.createdAt, 30 * i),
        })),
      ),
    );
    const versionOf = new Map(catalogue.map((p) => [p.id, p.versions.length]));
    await tx.insert(adoptions).values(
      demoAdoptionCohorts().map((a) => ({
        id: a.id,
        practiceId: a.practiceId,
        practiceVersion: versionOf.get(a.practiceId) ?? 1,
        urn: a.urn,
        cohortId: a.cohortId,
        subject: a.subject,
        yearGroup: a.yearGroup,
        academicYear: a.academicYear,
        modifications: a.modifications,
        startedOn: a.startedOn,
        endedOn: a.endedOn,
        recordedBy: `S${a.urn}-01`,
        createdAt: new Date(`${a.startedOn}T09:00:00Z`),
      })),
    );
    await insertUnnested(
      tx,
      'practice.cpd_activities',
      {
        id: 'text',
        urn: 'int',
        staff_id: 'text',
        type: 'text',
        title: 'text',
        hours: 'real',
        started_on: 'date',
        ended_on: 'date',
        academic_year: 'smallint',
        school_based: 'boolean',
        in_team: 'boolean',
        focus: 'text',
        practice_id: 'text',
        host_urn: 'int',
      },
      cpd.map((a) => ({
        id: a.id,
        urn: a.urn,
        staff_id: a.staffId,
        type: a.type,
        title: a.title,
        hours: a.hours,
        started_on: a.startedOn,
        ended_on: a.endedOn,
        academic_year: a.academicYear,
        school_based: a.schoolBased,
        in_team: a.inTeam,
        focus: a.focus,
        practice_id: a.practiceId,
        host_urn: a.hostUrn,
      })),
    );
    await tx.insert(expertProfiles).values(demoExperts());
    await tx
      .insert(skillRequests)
      .values(demoSkillRequests().map((r) => ({ ...r, createdAt: new Date(r.createdAt) })));
    await tx.insert(consultancyEngagements).values(demoConsultancies());
  });
  for (const table of [schoolDirectory, practices, adoptions, cpdActivities])
    await db.execute(sql`analyze ${table}`);
  return { seeded: true, schools: schools.length, practices: catalogue.length, cpdActivities: cpd.length };
}
