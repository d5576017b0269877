import { auditOf, badUserInput, forbidden } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { importCtf } from '../ctf/import.ts';
import { describeCtfError } from '../ctf/parse.ts';

/** The largest CTF the mutation takes, in characters (the command takes any size). */
export const CTF_MAX_CHARS = 1_000_000;

export const CtfMutation = {
  async importCommonTransferFile(_: unknown, { xml }: { xml: string }, context: ProgressContext) {
    const { viewer, db } = context;
    if (viewer.role !== 'school_staff')
      throw forbidden("Only a school's staff may import a Common Transfer File.");
    if (xml.length > CTF_MAX_CHARS)
      throw badUserInput(
        `The file is ${xml.length} characters; at most ${CTF_MAX_CHARS} here (use npm run import:ctf).`,
        'xml',
      );
    const result = await importCtf(db, xml, { onlyUrn: viewer.urn });
    if (!result.ok) {
      const denied = result.errors.find((e) => e.code === 'FORBIDDEN');
      if (denied) throw forbidden(denied.message);
      throw badUserInput(
        `The file was not imported; nothing was written. ${result.errors.length} problem(s): ${result.errors
          .slice(0, 20)
          .map(describeCtfError)
          .join('; ')}`,
        'xml',
        { problems: result.errors },
      );
    }
    auditOf(context)?.notePupils(result.pupilIds, viewer.urn);
    // The carers are in the outbox (progress.carer_handoffs) with the pupils; send them now rather than later.
    context.kickHandoffs?.();
    return result;
  },
};
