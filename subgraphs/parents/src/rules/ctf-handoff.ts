import { z } from 'zod';
import { RELATIONSHIPS } from '../data/tables.ts';

/**
 * What the progress subgraph sends when it hands a CTF's carers over (`carer-handoffs`, an internal call): up to
 * 5,000 pupils, each with the carers their latest file names. Checked in full before anything is applied, since
 * a signed caller can still send a bad payload (a bug, another version).
 */
const carer = z.object({
  carerId: z.string().regex(/^CTF-[A-Za-z0-9_-]{4,64}$/),
  order: z.number().int().min(1),
  givenName: z.string().max(200),
  familyName: z.string().min(1).max(200),
  relationship: z.enum(RELATIONSHIPS),
  parentalResponsibility: z.boolean(),
  email: z.string().max(320).nullable(),
  phone: z.string().max(40).nullable(),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/),
});
/** A school the pupil moved from, and the last day its staff may see the child (`YYYY-MM-DD`). */
const formerSchool = z.object({ urn: z.number().int().positive(), until: z.iso.date() });
export const ctfHandoffSchema = z
  .array(
    z.object({
      pupilId: z.string().min(1).max(64),
      urn: z.number().int().positive(),
      carers: z.array(carer),
      formerSchools: z.array(formerSchool).max(50).default([]),
    }),
  )
  .max(5_000);

export type CtfHandoff = z.infer<typeof ctfHandoffSchema>;

/** The handoffs, or the first problems as `[i].carers[j].field: message` lines. */
export function parseCtfHandoff(
  args: unknown,
): { ok: true; value: CtfHandoff } | { ok: false; problems: string[] } {
  const parsed = ctfHandoffSchema.safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues
      .slice(0, 20)
      .map(
        (i) =>
          `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`,
      ),
  };
}
