/**
 * `npm run -s token -- --role ROLE [--trust ID | --la CODE | --urn URN [--staff ID] | --carer ID | --provider ID]`
 * (`--role pupil [--pupil ID]` for a demo pupil in Year 5 or above; `--role dpo [--trust ID | --la CODE]` for a
 * trust's or an LA's data protection officer; `--role governor [--urn URN | --trust ID]` for a school's governor
 * or a trust's trustee; `--role la_officer [--la CODE] --commissioner` for an LA officer who commissions for
 * its maintained schools)
 * prints a development token (HS256, 12 hours) for a persona, and nothing else.
 */
import { parseArgs } from 'node:util';
import { authSettings, signDevelopmentToken } from '@commonroom/auth';
import { demoPrincipal } from './personas.ts';

try {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      trust: { type: 'string' },
      la: { type: 'string' },
      urn: { type: 'string' },
      staff: { type: 'string' },
      carer: { type: 'string' },
      provider: { type: 'string' },
      commissioner: { type: 'boolean' },
      pupil: { type: 'string' },
    },
  });
  if (!values.role) throw new Error('--role is required');
  console.log(await signDevelopmentToken(demoPrincipal(values.role, values), authSettings()));
} catch (error) {
  console.error(`token: ${(error as Error).message}`);
  console.error(
    'usage: npm run -s token -- --role ROLE [--trust ID | --la CODE | --urn URN [--staff ID] | --carer ID | --pupil ID | --provider ID]',
  );
  process.exit(2);
}
