import { z } from 'zod';

/**
 * Who is asking. Each role carries its scope: the trust, LA, school, carer or provider it may see.
 * `sub` identifies the person for the audit trail.
 */
export const viewerSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('anonymous') }),
  z.object({ role: z.literal('trust_leader'), sub: z.string().min(1), trustId: z.string().min(1) }),
  z.object({ role: z.literal('la_officer'), sub: z.string().min(1), laCode: z.string().regex(/^\d{3}$/) }),
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
   * A trust's data protection officer: no ordinary access to pupil data at all (every subgraph treats them as
   * a stranger), but the trust's audit trail and its data-subject rights (access export, erasure).
   */
  z.object({ role: z.literal('dpo'), sub: z.string().min(1), trustId: z.string().min(1) }),
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
  if (!result.success) {
    throw new Error(
      `invalid identity claims: ${result.error.issues.map((i) => `${i.path.join('.') || 'role'} ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}
