import { createRequire } from 'node:module';
import { nulCharacterError } from '@commonroom/auth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GraphQLError as EsmGraphQLError } from 'graphql';

/**
 * The gateway runtime loads graphql's CommonJS build while our code loads the ES module: an error built from
 * the other copy is not a GraphQLError to the runtime, which answers it as a 500. Errors the gateway hands to
 * the runtime are therefore rebuilt with the runtime's own class.
 */
const { GraphQLError } = createRequire(import.meta.url)('graphql') as {
  GraphQLError: typeof EsmGraphQLError;
};

/**
 * Refuses, before anything is planned or sent to a subgraph, an operation with a NUL character in any
 * string argument (see `nulCharacterError`): BAD_USER_INPUT naming the argument, not a database error.
 */
export function useRefuseNulCharacters(): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = nulCharacterError(args.document, args.variableValues as Record<string, unknown>);
      if (error)
        setResultAndStopExecution({
          errors: [new GraphQLError(error.message, { extensions: error.extensions })],
        });
    },
  };
}
