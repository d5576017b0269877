/**
 * What the data-subject commands share: a DPO token (given, or a development one for `--trust` or `--la`), and
 * a request to the gateway.
 */
import { authSettings, signDevelopmentToken } from '@commonroom/auth';
import { PUPIL_DATA_SUBGRAPHS } from '@commonroom/schema';
import { demoPrincipal } from './personas.ts';

export interface GatewayOptions {
  url?: string;
  token?: string;
  trust?: string;
  /** An LA's DPO, for the pupils of the schools it maintains (in no trust). */
  la?: string;
}

export const DEFAULT_GATEWAY = `http://localhost:${process.env.PORT ?? 4000}/graphql`;

/**
 * The bearer token: `--token`, else a development token for the DPO of `--la` or `--trust` (default the first
 * demo trust).
 */
export async function dpoToken(options: GatewayOptions): Promise<string> {
  if (options.token) return options.token;
  if (options.trust && options.la) throw new Error('give --trust or --la, not both');
  return signDevelopmentToken(demoPrincipal('dpo', { trust: options.trust, la: options.la }), authSettings());
}

export async function askGateway<T>(
  options: GatewayOptions,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await fetch(options.url ?? DEFAULT_GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await dpoToken(options)}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (body.errors?.length) {
    throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'));
  }
  if (!body.data) throw new Error(`the gateway answered ${response.status} with no data`);
  return body.data;
}

export const SUBJECT_ACCESS_QUERY = `query SubjectAccessExport($pupilId: ID!) {
  subjectAccessExport(pupilId: $pupilId) { pupilId generatedAt erasedAt progress parents }
}`;

/** Erases one pupil in every subgraph holding pupil data (schema/subgraphs.ts), the owner of pupils first. */
export const ERASE_MUTATION = `mutation ErasePupil($pupilId: ID!) {
${PUPIL_DATA_SUBGRAPHS.map(
  (s) =>
    `  ${s.name}: ${s.pupilData.eraseMutation}(pupilId: $pupilId) { pupilId subgraph erasedAt alreadyErased rowsErased }`,
).join('\n')}
}`;
