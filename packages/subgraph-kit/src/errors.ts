import { GraphQLError } from 'graphql';

/** Stable error codes clients can switch on. */
export type ErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'CONFLICT';

function error(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** Bad input, naming the argument or field at fault. */
export const badUserInput = (message: string, field?: string, extra: Record<string, unknown> = {}) =>
  error('BAD_USER_INPUT', message, field ? { field, ...extra } : extra);
export const forbidden = (message = 'You are not allowed to see or change this.') =>
  error('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in to see this.') => error('UNAUTHENTICATED', message);
export const notFound = (message: string) => error('NOT_FOUND', message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  error('CONFLICT', message, extra);
