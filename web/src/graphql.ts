import { currentTrace, formatTraceparent, TRACEPARENT_HEADER } from '@commonroom/telemetry';
import { operationHash, operationName } from './operations.ts';

/**
 * The web service's only way to the data: GraphQL over HTTP to the gateway, with the session's token. Each
 * operation is sent as its persisted document's hash (src/operations.ts), never as text.
 */
export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

export interface GraphQLResult<T> {
  data: T | null;
  errors: GraphQLError[];
}

export class GatewayUnavailable extends Error {}

export async function callGateway<T>(
  gatewayUrl: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  let response: Response;
  const trace = currentTrace();
  try {
    response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        // The page request's trace goes on to the gateway and the subgraphs: one trace id in every log line.
        ...(trace ? { [TRACEPARENT_HEADER]: formatTraceparent(trace) } : {}),
      },
      body: JSON.stringify({
        operationName: operationName(query),
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(query) } },
      }),
    });
  } catch (error) {
    throw new GatewayUnavailable(`the gateway at ${gatewayUrl} did not answer: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: { data?: T | null; errors?: GraphQLError[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new GatewayUnavailable(`the gateway answered ${response.status} with something that is not JSON`);
  }
  const errors = body.errors ?? [];
  if (response.status === 401 && errors.length === 0)
    errors.push({ message: 'Your session is no longer valid', extensions: { code: 'UNAUTHENTICATED' } });
  return { data: body.data ?? null, errors };
}

/** Whether any error refuses access (the page then says so plainly instead of showing a partial page). */
export function isForbidden(errors: GraphQLError[]): boolean {
  return errors.some((e) => e.extensions?.code === 'FORBIDDEN');
}

export function isUnauthenticated(errors: GraphQLError[]): boolean {
  return errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}
