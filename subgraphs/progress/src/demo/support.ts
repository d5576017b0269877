import { DEMO_LAST_YEAR } from '@commonroom/demo';
import { type SchoolRecord, seededRandom } from '@commonroom/school-list';
import type { BatchWriter } from '../data/bulk.ts';

/** A pupil entitled in the demo's last year, as the generator met them. */
export interface EntitledPupil {
  pupilId: string;
  urn: number;
  budgetPence: number;
}

/**
 * The demo's approved external providers: each trust in the demo approves all three and publishes one
 * option of each for its schools. Their ids are what `npm run -s token -- --role provider --provider ID` takes.
 */
export const DEMO_PROVIDERS = [
  {
    id: 'PR-READ-TOGETHER',
    name: 'Read Together Tutoring Trust',
    description: 'A charity of trained volunteer and graduate tutors for reading.',
    option: {
      key: 'READ',
      title: 'One-to-one reading tutoring (six sessions)',
      subject: 'READING',
      mode: 'ONE_TO_ONE',
      costPence: 12_000,
      capacity: 60,
    },
  },
  {
    id: 'PR-NUMBER-PATH',
    name: 'Number Path Online',
    description: 'An online maths programme with a weekly live tutor, used at school and at home.',
    option: {
      key: 'MATHS',
      title: 'Online maths programme with a live tutor (one term)',
      subject: 'MATHS',
      mode: 'ONLINE',
      costPence: 4_500,
      capacity: 400,
    },
  },
  {
    id: 'PR-FAMILY-LEARNING',
    name: 'Family Learning Service',
    description: 'Workshops for carers and children together, in school and in community venues.',
    option: {
      key: 'FAMILY',
      title: 'Family reading and maths workshops (four evenings)',
      subject: null,
      mode: 'FAMILY_LEARNING',
      costPence: 3_000,
      capacity: 80,
    },
  },
] as const;

/** Each demo school's own options (the school is its own provider, approved for its own pupils). */
const SCHOOL_OPTIONS = [
  {
    key: 'GROUP',
    title: 'Small-group catch-up in English and maths with a specialist teacher',
    subject: null,
    mode: 'SMALL_GROUP',
    costPence: 6_000,
    capacity: 24,
  },
  {
    key: 'MENTOR',
    title: 'Weekly mentoring with a learning mentor (one term)',
    subject: null,
    mode: 'MENTORING',
    costPence: 4_000,
    capacity: 12,
  },
] as const;

const APPROVED_ON = '2025-07-01';
const APPROVED_UNTIL = '2027-08-31';
const PUBLISHED_ON = '2025-09-01';

/**
 * Providers, approvals, options offered at the demo schools, and bookings (with their ledger debits, and
 * a few cancellations with credits) for a little over half the pupils entitled in the last demo year —
 * within each budget and each option's capacity, deterministically for the seed. A few thousand rows.
 */
export async function generateSupportData(
  writer: BatchWriter,
  schools: readonly SchoolRecord[],
  trustOf: ReadonlyMap<number, string>,
  entitled: readonly EntitledPupil[],
  seed: number,
) {
  const offeredAt = new Map<number, { id: string; providerId: string; costPence: number }[]>();
  const placesLeft = new Map<string, number>();
  const offer = (urn: number, option: { id: string; providerId: string; costPence: number }) => {
    const list = offeredAt.get(urn) ?? [];
    list.push(option);
    offeredAt.set(urn, list);
  };

  const trusts = [...new Set(schools.map((s) => trustOf.get(s.urn)).filter((t) => t !== undefined))].sort();
  for (const p of DEMO_PROVIDERS)
    await writer.add('progress.providers', {
      id: p.id,
      name: p.name,
      kind: 'EXTERNAL',
      urn: null,
      description: p.description,
    });
  for (const trustId of trusts) {
    const trustSchools = schools.filter((s) => trustOf.get(s.urn) === trustId);
    for (const p of DEMO_PROVIDERS) {
      await writer.add('progress.provider_approvals', {
        provider_id: p.id,
        trust_id: trustId,
        approved_on: APPROVED_ON,
        approved_until: APPROVED_UNTIL,
      });
      const id = `SO-${trustId}-${p.option.key}`;
      await writer.add('progress.support_options', {
        id,
        provider_id: p.id,
        title: p.option.title,
        description: p.description,
        subject: p.option.subject,
        mode: p.option.mode,
        cost_pence: p.option.costPence,
        capacity: p.option.capacity,
        published_by: trustId,
        published_on: PUBLISHED_ON,
        withdrawn_on: null,
      });
      placesLeft.set(id, p.option.capacity);
      for (const s of trustSchools) {
        await writer.add('progress.support_option_schools', { option_id: id, urn: s.urn });
        offer(s.urn, { id, providerId: p.id, costPence: p.option.costPence });
      }
    }
  }
  for (const school of schools) {
    const providerId = `PR-S${school.urn}`;
    await writer.add('progress.providers', {
      id: providerId,
      name: school.name,
      kind: 'SCHOOL',
      urn: school.urn,
      description: `${school.name}'s own additional support, over and above what it ordinarily provides.`,
    });
    for (const o of SCHOOL_OPTIONS) {
      const id = `SO-S${school.urn}-${o.key}`;
      await writer.add('progress.support_options', {
        id,
        provider_id: providerId,
        title: o.title,
        description: `Run by ${school.name}'s own staff.`,
        subject: o.subject,
        mode: o.mode,
        cost_pence: o.costPence,
        capacity: o.capacity,
        published_by: trustOf.get(school.urn) ?? null,
        published_on: PUBLISHED_ON,
        withdrawn_on: null,
      });
      await writer.add('progress.support_option_schools', { option_id: id, urn: school.urn });
      placesLeft.set(id, o.capacity);
      offer(school.urn, { id, providerId, costPence: o.costPence });
    }
  }

  const random = seededRandom(seed * 7919 + 4);
  let bookings = 0;
  for (const pupil of entitled) {
    if (random() >= 0.55) continue;
    const options = offeredAt.get(pupil.urn) ?? [];
    let left = pupil.budgetPence;
    const wanted = 1 + (random() < 0.35 ? 1 : 0);
    for (let n = 1; n <= wanted; n++) {
      const option = options[Math.floor(random() * options.length)];
      if (!option || option.costPence > left || (placesLeft.get(option.id) ?? 0) <= 0) continue;
      const id = `BK-${pupil.pupilId}-${n}`;
      const bookedAt = `${DEMO_LAST_YEAR}-${String(10 + Math.floor(random() * 3)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T10:00:00Z`;
      const cancelled = random() < 0.08;
      const by = `staff:S${pupil.urn}-01`;
      await writer.add('progress.bookings', {
        id,
        pupil_id: pupil.pupilId,
        academic_year: DEMO_LAST_YEAR,
        urn: pupil.urn,
        option_id: option.id,
        provider_id: option.providerId,
        cost_pence: option.costPence,
        status: cancelled ? 'CANCELLED' : 'BOOKED',
        booked_at: bookedAt,
        booked_by: by,
        cancelled_at: cancelled ? `${DEMO_LAST_YEAR + 1}-01-15T10:00:00Z` : null,
        cancelled_by: cancelled ? by : null,
      });
      const entry = { pupil_id: pupil.pupilId, academic_year: DEMO_LAST_YEAR, booking_id: id, by };
      await writer.add('progress.support_ledger', {
        ...entry,
        kind: 'DEBIT',
        amount_pence: option.costPence,
        at: bookedAt,
      });
      if (cancelled)
        await writer.add('progress.support_ledger', {
          ...entry,
          kind: 'CREDIT',
          amount_pence: option.costPence,
          at: `${DEMO_LAST_YEAR + 1}-01-15T10:00:00Z`,
        });
      else {
        left -= option.costPence;
        placesLeft.set(option.id, (placesLeft.get(option.id) ?? 0) - 1);
      }
      bookings++;
    }
  }
  return { bookings };
}
