/** Dates are ISO strings (YYYY-MM-DD) throughout; these check and place them. */

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const todayIso = (now: Date = new Date()) => now.toISOString().slice(0, 10);

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The academic year (2025 = 2025/26) and term (1 autumn Sep–Dec, 2 spring Jan–Apr, 3 summer May–Aug) of a date. */
export function academicTermOf(iso: string): { academicYear: number; term: 1 | 2 | 3 } {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  if (month >= 9) return { academicYear: year, term: 1 };
  return { academicYear: year - 1, term: month <= 4 ? 2 : 3 };
}
