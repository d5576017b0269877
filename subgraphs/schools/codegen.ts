import { subgraphCodegen } from '@commonroom/subgraph-kit/codegen';

export default subgraphCodegen({
  root: new URL('.', import.meta.url),
  contextType: '../context.ts#SchoolsContext',
  mappers: {
    School: '../data/queries.ts#SchoolRow',
    Trust: '../data/queries.ts#TrustRow',
    LocalAuthority: '../data/queries.ts#LocalAuthorityRow',
    Staff: '../data/queries.ts#StaffRow',
    Department: '../data/queries.ts#DepartmentRow',
  },
});
