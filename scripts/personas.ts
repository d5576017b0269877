import type { Viewer } from '@commonroom/auth';
import {
  DEMO_LA_CODE,
  DEMO_LAST_YEAR,
  demoCarers,
  demoPupils,
  demoSelection,
  demoStaff,
} from '@commonroom/demo';
import { DEMO_PROVIDERS } from '@commonroom/progress';

type Scoped = Exclude<Viewer, { role: 'anonymous' }>;

export interface ScopeFlags {
  trust?: string;
  la?: string;
  urn?: string;
  staff?: string;
  carer?: string;
  provider?: string;
  /** An LA officer who commissions for the LA's maintained schools. */
  commissioner?: boolean;
  pupil?: string;
}

/** Pupils sign in from Year 5: younger children have no account (DESIGN.md "Who sees what"). */
export const FIRST_PUPIL_YEAR = 5;

/**
 * The demo principal for a role: the scope given by flag, or the first matching one in the demo data
 * (the first demo trust, Rutland, the first demo school and its head, that school's first carer).
 */
export function demoPrincipal(role: string, flags: ScopeFlags): Scoped {
  const demo = demoSelection();
  switch (role) {
    case 'trust_leader': {
      const trustId = flags.trust ?? demo.trusts[0]?.id ?? 'TR0001';
      return { role, sub: `leader-${trustId}`, trustId };
    }
    case 'la_officer': {
      const laCode = flags.la ?? DEMO_LA_CODE;
      if (flags.commissioner) return { role, sub: `commissioner-${laCode}`, laCode, commissioner: true };
      return { role, sub: `officer-${laCode}`, laCode };
    }
    case 'school_staff': {
      const urn = Number(flags.urn ?? demo.schools[0]?.urn);
      if (!Number.isInteger(urn)) throw new Error('--urn must be a school URN');
      const school = demo.schools.find((s) => s.urn === urn);
      const staffId = flags.staff ?? (school ? demoStaff(school).staff[0]?.id : undefined);
      if (!staffId) throw new Error(`school ${urn} has no demo staff: pass --staff ID`);
      return { role, sub: staffId, urn, staffId };
    }
    case 'carer': {
      // The first demo carer of the first demo school (C146232-0001: Polish-speaking, messages, a booking).
      const first = demo.schools[0];
      const carerId = flags.carer ?? (first ? demoCarers(first).carers[0]?.id : undefined);
      if (!carerId) throw new Error('no demo carers: pass --carer ID');
      return { role, sub: carerId, carerId };
    }
    case 'pupil': {
      // A demo pupil on roll in the latest demo year: the one given (P<urn>-<nnnn>), else the first in Year 5
      // or above at the first demo school. A younger pupil gets no token.
      const urn = Number(
        flags.pupil ? /^P(\d+)-/.exec(flags.pupil)?.[1] : (flags.urn ?? demo.schools[0]?.urn),
      );
      const school = demo.schools.find((s) => s.urn === urn);
      if (!school) throw new Error(`--pupil must be a demo pupil id (P<urn>-<nnnn>) of a demo school`);
      const current = demoPupils(school).filter((p) => p.onRollTo === DEMO_LAST_YEAR);
      const pupil = flags.pupil
        ? current.find((p) => p.id === flags.pupil)
        : current.find((p) => DEMO_LAST_YEAR - p.receptionYear >= FIRST_PUPIL_YEAR);
      if (!pupil) throw new Error(`no demo pupil ${flags.pupil ?? 'in Year 5 or above'} on roll at ${urn}`);
      const yearGroup = DEMO_LAST_YEAR - pupil.receptionYear;
      if (yearGroup < FIRST_PUPIL_YEAR)
        throw new Error(`${pupil.id} is in Year ${yearGroup}: pupils sign in from Year ${FIRST_PUPIL_YEAR}`);
      return { role, sub: pupil.id, pupilId: pupil.id, urn: pupil.urn };
    }
    case 'provider': {
      const providerId = flags.provider ?? DEMO_PROVIDERS[0]?.id;
      if (!providerId) throw new Error('there are no demo providers: pass --provider ID');
      return { role, sub: providerId, providerId };
    }
    case 'dpo': {
      // The data protection officer of an LA (`--la`: its maintained schools, those in no trust), else of the
      // trust given or the first demo trust (TR0962): the audit trail and data-subject rights.
      if (flags.la) {
        if (!/^\d{3}$/.test(flags.la)) throw new Error('--la must be a three-digit LA code');
        return { role, sub: `dpo-la-${flags.la}`, laCode: flags.la };
      }
      const trustId = flags.trust ?? demo.trusts[0]?.id ?? 'TR0001';
      return { role, sub: `dpo-${trustId}`, trustId };
    }
    case 'governor': {
      // A trustee of the trust given, else a governor of the school given or of the first demo school: every
      // demo school has one (sub governor-<urn>), every demo trust a trustee (trustee-<id>).
      if (flags.trust) return { role, sub: `trustee-${flags.trust}`, trustId: flags.trust };
      const urn = Number(flags.urn ?? demo.schools[0]?.urn);
      if (!Number.isInteger(urn) || urn <= 0) throw new Error('--urn must be a school URN');
      return { role, sub: `governor-${urn}`, urn };
    }
    default:
      throw new Error(
        `unknown role "${role}": one of trust_leader, la_officer, school_staff, carer, pupil, provider, dpo, governor`,
      );
  }
}
