import { readFileSync } from 'node:fs';
import type { Viewer } from '@commonroom/auth';
import { demoSelection } from '@commonroom/demo';
import { LARGE_LA, LARGE_TRUST, type Scale } from './prepare.ts';

export interface Scenario {
  name: string;
  viewer: Viewer;
  query: string;
  variables: Record<string, unknown>;
  /** When one subgraph serves the whole request, it is also measured directly to show the gateway's cost. */
  directSubgraph?: string;
}

const contract = (name: string) =>
  readFileSync(new URL(`../contract/${name}.graphql`, import.meta.url), 'utf8');

/** The LA officer's gap report for an LA. */
export const laGapsScenario = (laCode: string): Scenario => ({
  name: `la-gaps (${laCode})`,
  viewer: { role: 'la_officer', sub: 'bench-officer', laCode },
  query: contract('la-gaps'),
  variables: { laCode, academicYear: 2025 },
});

/** The trust leader's overview of every school in a trust. */
export const trustOverviewScenario = (trustId: string): Scenario => ({
  name: `trust-overview (${trustId})`,
  viewer: { role: 'trust_leader', sub: 'bench-leader', trustId },
  query: contract('trust-overview'),
  variables: { trustId, academicYear: 2025 },
});

/**
 * The contract operations as their personas make them, on the demo data or, for `trust`, the largest trust,
 * for `la`/`kent` the largest LA, and for `england` both.
 */
export function scenarios(scale: Scale): Scenario[] {
  const demo = demoSelection();
  const trustId = scale === 'trust' || scale === 'england' ? LARGE_TRUST : (demo.trusts[0]?.id ?? 'TR0962');
  const laCode = scale === 'la' || scale === 'kent' || scale === 'england' ? LARGE_LA : '857';
  const school = demo.schools.find((s) => s.phase === 'SECONDARY' && s.laCode === '857') ?? demo.schools[0];
  const urn = school?.urn ?? 0;
  return [
    {
      name: 'directory',
      viewer: { role: 'anonymous' },
      query: contract('directory'),
      variables: { laCode: '886' },
      directSubgraph: 'schools',
    },
    laGapsScenario(laCode),
    {
      name: 'school-stuck',
      viewer: { role: 'school_staff', sub: 'bench-staff', urn, staffId: `S${urn}-01` },
      query: contract('school-stuck'),
      variables: { urn, academicYear: 2025 },
    },
    {
      name: 'practice-search',
      viewer: { role: 'anonymous' },
      query: contract('practice-search'),
      variables: { text: 'reading' },
    },
    trustOverviewScenario(trustId),
  ];
}
