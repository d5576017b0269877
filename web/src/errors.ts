import { type GraphQLError, isForbidden } from './graphql.ts';

/** A refusal from the API, shown as its own page (403) in plain words. */
export class Forbidden extends Error {}
/** Not signed in, or the session's token is no longer accepted: go to sign-in and come back. */
export class SignInNeeded extends Error {}
export class NotFound extends Error {}
/** Bad input in the URL or a form: a 400 with the field it is about. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** Throws Forbidden when the API refused the thing the page is about (its data is then null). */
export function refuseIfForbidden(errors: GraphQLError[], what: string, data: unknown) {
  if (data == null && isForbidden(errors)) throw new Forbidden(what);
}

/** The errors to show in the GOV.UK error summary, in plain words. */
export function errorSummary(errors: GraphQLError[]): { text: string }[] {
  const texts = errors.map((e) =>
    e.extensions?.code === 'FORBIDDEN'
      ? `You do not have access to part of this page: ${e.message}`
      : e.extensions?.code === 'DOWNSTREAM_SERVICE_ERROR' ||
          /fetch failed|ECONNREFUSED|timed out/i.test(e.message)
        ? `Part of this page is not available just now${e.extensions?.serviceName ? ` (${String(e.extensions.serviceName)})` : ''}: try again later.`
        : e.message,
  );
  return [...new Set(texts)].map((text) => ({ text }));
}
