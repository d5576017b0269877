import { nulCharacterError } from '@commonroom/auth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Refuses, before anything is planned or sent to a subgraph, an operation with a NUL character in any
 * string argument (see `nulCharacterError`): BAD_USER_INPUT naming the argument, not a database error.
 */
export function useRefuseNulCharacters(): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = nulCharacterError(args.document, args.variableValues as Record<string, unknown>);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
