import { readFileSync } from 'node:fs';
import type { Phase, Region } from '@commonroom/school-list';
import { REGIONS } from '@commonroom/school-list';
import { parse } from 'csv-parse/sync';

/*
 * The code lists a GIAS import needs are data (the CSV files beside this module), not code: the reference
 * marks some codes unconfirmed, and the real lists can be dropped in without touching the importer.
 */

const table = (file: string): Record<string, string>[] =>
  parse(readFileSync(new URL(file, import.meta.url), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });

export interface LocalAuthorityCode {
  code: string;
  name: string;
  region: Region;
  /** `current` for the 153 LAs of today; `retired` for codes kept only for history (schools and UPNs). */
  status: 'current' | 'retired';
  successors: string[];
}

export type EstablishmentKind = 'MAINSTREAM' | 'SPECIAL' | 'ALTERNATIVE_PROVISION' | 'POST16' | 'OTHER';

export interface EstablishmentType {
  code: string;
  name: string;
  /** Whether schools of this type belong in the directory (state-funded schools, not 16–19 or independent). */
  imported: boolean;
  kind: EstablishmentKind;
  academy: boolean;
}

const isRegion = (value: string | undefined): value is Region => REGIONS.includes(value as Region);

export const LOCAL_AUTHORITY_CODES: ReadonlyMap<string, LocalAuthorityCode> = new Map(
  table('./local-authorities.csv').map((r) => {
    const region = r.region;
    if (!isRegion(region)) throw new Error(`local-authorities.csv: unknown region "${region}" for ${r.code}`);
    return [
      r.code ?? '',
      {
        code: r.code ?? '',
        name: r.name ?? '',
        region,
        status: r.status === 'retired' ? 'retired' : 'current',
        successors: (r.successors ?? '').split(' ').filter(Boolean),
      },
    ];
  }),
);

export const ESTABLISHMENT_TYPES: ReadonlyMap<string, EstablishmentType> = new Map(
  table('./establishment-types.csv').map((r) => [
    r.code ?? '',
    {
      code: r.code ?? '',
      name: r.name ?? '',
      imported: r.imported === 'yes',
      kind: (r.kind ?? 'OTHER') as EstablishmentKind,
      academy: r.academy === 'yes',
    },
  ]),
);

/** Group type code (compared as a number: files write both `"06"` and `6`) → trust kind. */
export const TRUST_GROUP_TYPES: ReadonlyMap<number, 'MAT' | 'SAT'> = new Map(
  table('./group-types.csv').map((r) => [Number(r.code), r.trust_kind === 'SAT' ? 'SAT' : 'MAT']),
);

/** `GOR (code)` letters → region (W, Wales, and anything else is not an English region). */
export const GOR_REGIONS: Readonly<Record<string, Region>> = {
  A: 'North East',
  B: 'North West',
  D: 'Yorkshire and the Humber',
  E: 'East Midlands',
  F: 'West Midlands',
  G: 'East of England',
  H: 'London',
  J: 'South East',
  K: 'South West',
};

/**
 * The directory's phase from GIAS: special and alternative-provision types first (whatever their phase
 * code), then `PhaseOfEducation (code)`; `0` (not applicable) falls back to the statutory age range.
 */
export function giasPhase(
  kind: EstablishmentKind,
  phaseCode: string,
  lowAge: number,
  highAge: number,
): Phase {
  if (kind === 'SPECIAL') return 'SPECIAL';
  if (kind === 'ALTERNATIVE_PROVISION') return 'ALTERNATIVE_PROVISION';
  switch (phaseCode) {
    case '1':
    case '2':
    case '3':
      return 'PRIMARY';
    case '4':
    case '5':
    case '6':
      return 'SECONDARY';
    case '7':
      return 'ALL_THROUGH';
    default:
      if (lowAge < 11 && highAge > 11) return 'ALL_THROUGH';
      return lowAge >= 11 ? 'SECONDARY' : 'PRIMARY';
  }
}
