import { subgraphCodegen } from '@commonroom/subgraph-kit/codegen';

export default subgraphCodegen({
  root: new URL('.', import.meta.url),
  contextType: '../context.ts#ProgressContext',
});
