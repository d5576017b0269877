import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GraphQLError } from 'graphql';

/** The code every error carries when a subgraph could not be reached or gave no usable answer. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** Codes the HTTP executor gives a call that never got a GraphQL answer. */
const TRANSPORT_CODES = new Set(['TIMEOUT_ERROR', 'RESPONSE_VALIDATION_FAILED', 'DOWNSTREAM_SERVICE_ERROR']);

/**
 * An error the subgraph itself sent (FORBIDDEN, BAD_USER_INPUT, …) came from its JSON and has no original
 * error behind it; one made by the transport (connection refused, timeout, a body that is not GraphQL) has.
 */
function isTransportFailure(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  if (typeof code === 'string' && TRANSPORT_CODES.has(code)) return true;
  // By name: graphql's CommonJS and ESM copies have different GraphQLError classes.
  return error.originalError != null && error.originalError.name !== 'GraphQLError';
}

type Path = readonly (string | number)[];

/**
 * The planner reports an entity fetch that failed for a whole list at the list's field path without the
 * index (`trust.schools.practices`), once per item. Walks the answer to give each its full path with the
 * index (`["trust","schools",2,"practices"]`), one error per field left null; an error whose path cannot be
 * made more precise is kept as it was.
 */
export function indexedPaths(data: unknown, path: Path): Path[] {
  const found: Path[] = [];
  const walk = (value: unknown, at: number, done: (string | number)[]) => {
    if (at === path.length) {
      if (value === null || value === undefined) found.push(done);
      return;
    }
    const segment = path[at] as string | number;
    if (Array.isArray(value) && typeof segment === 'string') {
      value.forEach((item, i) => {
        walk(item, at, [...done, i]);
      });
      return;
    }
    if (value === null || value === undefined) {
      // A parent already null holds the error; the path ends here.
      found.push(done);
      return;
    }
    if (typeof value !== 'object') return;
    walk((value as Record<string | number, unknown>)[segment], at + 1, [...done, segment]);
  };
  walk(data, 0, []);
  // Only paths that end on the field itself are more precise than the one given.
  return found.filter((p) => p.length >= path.length);
}

/**
 * Partial failure that names its cause: when a subgraph cannot be reached, each error it leaves says which
 * service (`extensions.serviceName`), where (the full path, list index included), and a stable code
 * (SUBGRAPH_UNAVAILABLE) instead of a masked "Unexpected error."; the rest of the answer is returned.
 */
export function usePartialFailure(): GatewayPlugin {
  return {
    onFetch({ fetchFn, setFetchFn }) {
      // A call that never got an HTTP answer (refused, reset, timed out) becomes a GraphQL answer carrying the
      // code, so it travels like any subgraph error (the runtime adds `serviceName`) instead of being masked.
      setFetchFn(async (...args: Parameters<typeof fetchFn>) => {
        try {
          return await fetchFn(...args);
        } catch {
          return new Response(JSON.stringify({ data: null, errors: [unavailable()] }), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          });
        }
      });
    },
    onSubgraphExecute({ subgraphName }) {
      return ({ result, setResult }) => {
        if (!result || typeof result !== 'object' || !('errors' in result) || !result.errors) return;
        if (!result.errors.some((e) => isTransportFailure(e) || e.extensions?.code === SUBGRAPH_UNAVAILABLE))
          return;
        setResult({
          ...result,
          errors: result.errors.map((error) =>
            isTransportFailure(error) || error.extensions?.code === SUBGRAPH_UNAVAILABLE
              ? new (error.constructor as typeof GraphQLError)(
                  `The ${subgraphName} service is unavailable.`,
                  {
                    path: error.path,
                    extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: subgraphName },
                  },
                )
              : error,
          ),
        });
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!result || typeof result !== 'object' || !('errors' in result) || !result.errors) return;
          const { data } = result;
          const seen = new Set<string>();
          const errors: GraphQLError[] = [];
          let changed = false;
          for (const error of result.errors) {
            if (error.extensions?.code !== SUBGRAPH_UNAVAILABLE || !error.path) {
              errors.push(error);
              continue;
            }
            changed = true;
            const paths = indexedPaths(data, error.path);
            const serviceName = String(error.extensions.serviceName ?? 'a');
            for (const path of paths.length > 0 ? paths : [error.path]) {
              const key = JSON.stringify(path);
              if (seen.has(key)) continue;
              seen.add(key);
              // The runtime's own GraphQLError class (graphql ships CommonJS and ESM copies; the server masks any
              // error that is not an instance of the one it loaded).
              const Same = error.constructor as typeof GraphQLError;
              errors.push(
                new Same(`The ${serviceName} service is unavailable.`, {
                  path,
                  extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName },
                }),
              );
            }
          }
          if (changed) setResult({ ...result, errors });
        },
      };
    },
  };
}

function unavailable() {
  return { message: 'Service unavailable', extensions: { code: SUBGRAPH_UNAVAILABLE } };
}
