import { ANONYMOUS, serviceSigningSecret, signViewer } from '@commonroom/auth';

/**
 * Calls between subgraphs, beside the gateway: `POST /internal/<call>` with a JSON body `{ call, args }`, signed
 * like a gateway request but with the service key (`serviceSigningSecret`), so neither kind of signature is
 * valid for the other. The body names the call, so a signature cannot be moved to another call.
 */
export type InternalCallHandler = (args: unknown) => Promise<unknown>;

/** A refusal of the call's arguments (answered 400 with the code and message), as opposed to a fault (500). */
export class InternalCallError extends Error {
  constructor(
    message: string,
    readonly code = 'BAD_USER_INPUT',
  ) {
    super(message);
  }
}

/** The internal address of a call on the subgraph whose GraphQL URL is `subgraphUrl`. */
export const internalCallUrl = (subgraphUrl: string, call: string): string =>
  new URL(`/internal/${encodeURIComponent(call)}`, subgraphUrl).toString();

/**
 * Makes an internal call and returns its result; throws when the other subgraph is unreachable or answers
 * anything but 200 (the caller retries: handlers are idempotent).
 */
export async function callSubgraph<T>(
  subgraphUrl: string,
  call: string,
  args: unknown,
  signingSecret: string,
): Promise<T> {
  const body = JSON.stringify({ call, args });
  const response = await fetch(internalCallUrl(subgraphUrl, call), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signViewer(ANONYMOUS, body, serviceSigningSecret(signingSecret)),
    },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${call}: ${response.status} ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { result: T }).result;
}
