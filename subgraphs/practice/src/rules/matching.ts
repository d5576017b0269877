export type Availability = 'AVAILABLE' | 'LIMITED' | 'UNAVAILABLE';

export interface ExpertForMatching {
  id: string;
  skills: readonly string[];
  region: string;
  availability: Availability;
  daysPerMonth: number;
}

export interface ExpertMatch<E extends ExpertForMatching> {
  expert: E;
  /** The requested skills the expert has, in the request's order. */
  matchedSkills: string[];
  /** Matched skills as a share of those requested, 0–1. */
  skillOverlap: number;
  sameRegion: boolean;
}

const AVAILABILITY_ORDER: Record<Availability, number> = { AVAILABLE: 0, LIMITED: 1, UNAVAILABLE: 2 };

/**
 * Ranks experts for a school's request: most requested skills first; then those in the school's region
 * (schools want people who can come in); then the more available, then more days a month, then id so the
 * order is stable. Experts with none of the skills, or not available at all, are left out.
 */
export function rankExperts<E extends ExpertForMatching>(
  request: { skills: readonly string[]; region: string },
  experts: readonly E[],
): ExpertMatch<E>[] {
  const wanted = [...new Set(request.skills)];
  return experts
    .filter((e) => e.availability !== 'UNAVAILABLE')
    .map((expert) => {
      const has = new Set(expert.skills);
      const matchedSkills = wanted.filter((s) => has.has(s));
      return {
        expert,
        matchedSkills,
        skillOverlap: wanted.length ? Math.round((matchedSkills.length / wanted.length) * 1000) / 1000 : 0,
        sameRegion: expert.region === request.region,
      };
    })
    .filter((m) => m.matchedSkills.length > 0)
    .sort(
      (a, b) =>
        b.matchedSkills.length - a.matchedSkills.length ||
        Number(b.sameRegion) - Number(a.sameRegion) ||
        AVAILABILITY_ORDER[a.expert.availability] - AVAILABILITY_ORDER[b.expert.availability] ||
        b.expert.daysPerMonth - a.expert.daysPerMonth ||
        a.expert.id.localeCompare(b.expert.id),
    );
}
