import { forbidden, isStringKey, notFound, readPage, toConnection } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canSeePupilsOf } from '../data/access.ts';

export const SchoolRoster = {
  async pupils(
    school: { urn: number },
    args: { first?: number | null; after?: string | null; search?: string | null },
    context: ProgressContext,
  ) {
    const page = readPage(args, isStringKey);
    const place = await context.loaders.place.load(school.urn);
    if (!place) throw notFound(`No school with URN ${school.urn}.`);
    if (!canSeePupilsOf(context.viewer, place))
      throw forbidden("Only the school's staff and its trust's leaders may see its pupils.");
    const search = args.search?.trim() || undefined;
    const [rows, total] = await Promise.all([
      context.loaders.rosterPage.load({
        key: school.urn,
        args: { limit: page.limit, after: page.after, search },
      }),
      context.loaders.rosterCount.load({ key: school.urn, args: { search } }),
    ]);
    return toConnection(rows, page.limit, (p) => p.id, total);
  },
};
