import { z } from 'zod';

/**
 * Who is asking. Each role carries its scope: the trust, LA, school, carer or provider it may see.
 * `sub` identifies the person for the audit trail.
 */
export const viewerSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('anonymous') }),
  z.object({ role: z.literal('trust_leader'), sub: z.string().min(1), trustId: z.string().min(1) }),
  /**
   * An LA officer reads the LA's aggregates. A commissioner (`commissioner: true`) is an officer who also acts
   * for the LA as the responsible body of the schools it maintains (those in no trust): approves providers and
   * publishes support options there, as a trust's leaders do for their trust's schools.
   */
  z.object({
    role: z.literal('la_officer'),
    sub: z.string().min(1),
    laCode: z.string().regex(/^\d{3}$/),
    commissioner: z.boolean().optional(),
  }),
  z.object({
    role: z.literal('school_staff'),
    sub: z.string().min(1),
    urn: z.number().int().positive(),
    staffId: z.string().min(1),
  }),
  z.object({ role: z.literal('carer'), sub: z.string().min(1), carerId: z.string().min(1) }),
  /**
   * A pupil in Year 5 or above, signed in as themselves (`pupilId`) at their school (`urn`): their own traffic
   * lights and learning targets, and the lesson-feedback surveys of their school and year group, which they
   * answer anonymously. The subgraphs check the year group against the pupil's record: below Year 5, nothing.
   */
  z.object({
    role: z.literal('pupil'),
    sub: z.string().min(1),
    pupilId: z.string().min(1),
    urn: z.number().int().positive(),
  }),
  z.object({ role: z.literal('provider'), sub: z.string().min(1), providerId: z.string().min(1) }),
  /**
   * A data protection officer: of a trust (`trustId`), or of an LA (`laCode`) for the schools it maintains —
   * those outside any trust — so that no pupil is without a DPO who can act. Exactly one of the two. No
   * ordinary access to pupil data at all (every subgraph treats them as a stranger), but the audit trail and
   * the data-subject rights (access export, erasure) of the pupils in their care.
   */
  z.object({
    role: z.literal('dpo'),
    sub: z.string().min(1),
    trustId: z.string().min(1).optional(),
    laCode: z
      .string()
      .regex(/^\d{3}$/)
      .optional(),
  }),
  /**
   * A school governor (`urn`) or a trustee on a trust's board (`trustId`): exactly one of the two. Aggregates
   * and the governor report of their school or trust only — never a pupil-level field.
   */
  z.object({
    role: z.literal('governor'),
    sub: z.string().min(1),
    urn: z.number().int().positive().optional(),
    trustId: z.string().min(1).optional(),
  }),
]);

export type Viewer = z.infer<typeof viewerSchema>;
export type Role = Viewer['role'];
export const ROLES = [
  'anonymous',
  'trust_leader',
  'la_officer',
  'school_staff',
  'carer',
  'pupil',
  'provider',
  'dpo',
  'governor',
] as const;

export const ANONYMOUS: Viewer = { role: 'anonymous' };

/** Validates an untrusted object (token claims, signed header) as a viewer; throws with the reason. */
export function parseViewer(value: unknown): Viewer {
  const result = viewerSchema.safeParse(value);
  if (result.success && result.data.role === 'governor') {
    // A governor sits on one school's governing body or on one trust's board, never both nor neither.
    if ((result.data.urn === undefined) === (result.data.trustId === undefined))
      throw new Error(
        'invalid identity claims: a governor has exactly one of urn (school) and trustId (trustees)',
      );
  }
  if (result.success && result.data.role === 'dpo') {
    // A DPO acts for one trust or for one LA's maintained schools, never both nor neither.
    if ((result.data.trustId === undefined) === (result.data.laCode === undefined))
      throw new Error('invalid identity claims: a dpo has exactly one of trustId (trust) and laCode (LA)');
  }
  if (!result.success) {
    throw new Error(
      `invalid identity claims: ${result.error.issues.map((i) => `${i.path.join('.') || 'role'} ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}
