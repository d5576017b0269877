import { readdirSync, readFileSync } from 'node:fs';
import type { Viewer } from '@commonroom/auth';
import { demoCarers, demoSelection } from '@commonroom/demo';
import { LARGE_LA, LARGE_TRUST, type Scale } from './prepare.ts';

export interface Scenario {
  name: string;
  /** The contract operation it runs: a file name in tests/contract, without `.graphql`. */
  contract: string;
  viewer: Viewer;
  query: string;
  variables: Record<string, unknown>;
  /** When one subgraph serves the whole request, it is also measured directly to show the gateway's cost. */
  directSubgraph?: string;
  /** Its share of the soak's persona mix: how often this persona makes this request, relative to the others. */
  weight: number;
}

const CONTRACT_DIR = new URL('../contract/', import.meta.url);
const contract = (name: string) => readFileSync(new URL(`${name}.graphql`, CONTRACT_DIR), 'utf8');

/** Every contract operation in tests/contract (the copy of the project brief's shared/contract). */
export function contractNames(): string[] {
  return readdirSync(CONTRACT_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => f.replace(/\.graphql$/, ''))
    .sort();
}

/** The LA officer's gap report for an LA. */
export const laGapsScenario = (laCode: string): Scenario => ({
  name: `la-gaps (${laCode})`,
  contract: 'la-gaps',
  viewer: { role: 'la_officer', sub: 'bench-officer', laCode },
  query: contract('la-gaps'),
  variables: { laCode, academicYear: 2025 },
  weight: 1,
});

/** The trust leader's overview of every school in a trust. */
export const trustOverviewScenario = (trustId: string): Scenario => ({
  name: `trust-overview (${trustId})`,
  contract: 'trust-overview',
  viewer: { role: 'trust_leader', sub: 'bench-leader', trustId },
  query: contract('trust-overview'),
  variables: { trustId, academicYear: 2025 },
  weight: 1,
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
  // The token command's default carer: the first carer of the first demo school (messages, a booking).
  const firstSchool = demo.schools[0];
  const carerId = (firstSchool && demoCarers(firstSchool).carers[0]?.id) ?? 'C146232-0001';
  const list: Scenario[] = [
    {
      name: 'directory',
      contract: 'directory',
      viewer: { role: 'anonymous' },
      query: contract('directory'),
      variables: { laCode: '886' },
      directSubgraph: 'schools',
      weight: 3,
    },
    laGapsScenario(laCode),
    {
      name: 'school-stuck',
      contract: 'school-stuck',
      viewer: { role: 'school_staff', sub: 'bench-staff', urn, staffId: `S${urn}-01` },
      query: contract('school-stuck'),
      variables: { urn, academicYear: 2025 },
      weight: 2,
    },
    {
      name: 'practice-search',
      contract: 'practice-search',
      viewer: { role: 'anonymous' },
      query: contract('practice-search'),
      variables: { text: 'reading' },
      weight: 2,
    },
    trustOverviewScenario(trustId),
    {
      name: 'carer-child',
      contract: 'carer-child',
      viewer: { role: 'carer', sub: carerId, carerId },
      query: contract('carer-child'),
      variables: {},
      weight: 3,
    },
  ];
  const missing = contractNames().filter((name) => !list.some((s) => s.contract === name));
  if (missing.length)
    throw new Error(`contract operations without a benchmark scenario: ${missing.join(', ')}`);
  return list;
}
