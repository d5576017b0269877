import { badUserInput, forbidden, readPage, toConnection } from '@commonroom/subgraph-kit';
import { isSchoolPracticeKey } from '../data/queries.ts';
import type { SchoolResolvers } from '../generated/resolvers.ts';
import { canSeeCpdOf, canUseMarket, readsAggregatesOnly } from '../rules/visibility.ts';

export function checkAcademicYear(academicYear: number) {
  if (!Number.isInteger(academicYear) || academicYear < 2000 || academicYear > 2100)
    throw badUserInput(
      'academicYear must be the calendar year the academic year starts, e.g. 2025',
      'academicYear',
    );
}

export const School: SchoolResolvers = {
  __resolveReference: ({ urn }) => ({ urn }),
  async practices(school, args, { loaders }) {
    const page = readPage(args, isSchoolPracticeKey, 20);
    const includeRetired = args.includeRetired ?? false;
    const [rows, total] = await Promise.all([
      loaders.practicePageOfSchool.load({
        key: school.urn,
        args: { limit: page.limit, after: page.after, includeRetired },
      }),
      loaders.practiceCountOfSchool.load({ key: school.urn, args: { includeRetired } }),
    ]);
    return toConnection(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id], total);
  },
  adoptions: (school, _, { loaders }) => loaders.adoptionsOfSchool.load(school.urn),
  async cpd(school, { academicYear }, { viewer, loaders }) {
    checkAcademicYear(academicYear);
    const place = await loaders.directory.load(school.urn);
    if (!place) return null;
    if (!canSeeCpdOf(viewer, place)) throw forbidden("You may not see this school's CPD.");
    return loaders.cpdOfSchool.load({ key: school.urn, args: { academicYear } });
  },
  async cpdActivities(school, { academicYear }, { viewer, loaders }) {
    checkAcademicYear(academicYear);
    const place = await loaders.directory.load(school.urn);
    if (!place) return [];
    // Activities name the staff who did them: aggregate-only readers (LA officers, governors) see `cpd` alone.
    if (readsAggregatesOnly(viewer) || !canSeeCpdOf(viewer, place))
      throw forbidden("You may not see this school's CPD activities.");
    return loaders.cpdActivitiesOfSchool.load({ key: school.urn, args: { academicYear } });
  },
  skillRequests(school, _, { viewer, loaders }) {
    if (!canUseMarket(viewer)) throw forbidden('The expertise market is for school, trust and LA staff.');
    return loaders.skillRequestsOfSchool.load(school.urn);
  },
  consultancies(school, _, { viewer, loaders }) {
    if (!canUseMarket(viewer)) throw forbidden('Consultancy records are for school, trust and LA staff.');
    return loaders.consultanciesOfSchool.load(school.urn);
  },
};
