import type { Context } from '../context.ts';
import { BadRequest } from '../errors.ts';

export type Page =
  | { view: string; vars: Record<string, unknown>; status?: number }
  | { redirect: string }
  | { download: { filename: string; type: string; body: string } };
export type Handler = (ctx: Context) => Promise<Page>;
export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handler: Handler;
}

/** A measure as the API gives it. */
export interface Measure {
  value: number | null;
  cohort?: number | null;
  suppressed: boolean;
  reason?: string | null;
}

/** The academic year asked for (`?year=`), 2025 (2025/26) by default. */
export function academicYear(url: URL): number {
  const raw = url.searchParams.get('year');
  if (raw === null || raw === '') return 2025;
  const year = Number(raw);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new YearError(raw);
  return year;
}

export class YearError extends BadRequest {
  constructor(raw: string) {
    super(`Academic year must be a year such as 2025, not "${raw}"`, 'year');
  }
}

/** A local path to go to after sign-in; anything else (another site, `//host`) becomes the start page. */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  return next;
}
