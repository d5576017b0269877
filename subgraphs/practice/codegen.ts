import { subgraphCodegen } from '@commonroom/subgraph-kit/codegen';

const rows = '../data/queries.ts';
export default subgraphCodegen({
  root: new URL('.', import.meta.url),
  contextType: '../context.ts#PracticeContext',
  mappers: {
    Practice: `${rows}#PracticeRow`,
    PracticeVersion: `${rows}#PracticeVersionRow`,
    Adoption: `${rows}#AdoptionRow`,
    CpdActivity: `${rows}#CpdActivityRow`,
    SkillRequest: `${rows}#SkillRequestRow`,
    ConsultancyEngagement: `${rows}#ConsultancyRow`,
    PracticeEvidence: `${rows}#EvidenceRow`,
    // Entities other subgraphs own: this one knows only their keys.
    School: '{ urn: number }',
    Trust: '{ id: string }',
    Staff: '{ id: string }',
    InterventionCohort: '{ id: string }',
  },
});
