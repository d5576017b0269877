import { upnCheckLetter } from '@commonroom/domain';

export { upnCheckLetter };

/**
 * Why a UPN is not valid, or null when it is: 13 characters, a check letter then 12 digits (LA code,
 * establishment number, year allocated, serial), the letter matching the DfE check-letter rule.
 */
export function upnProblem(upn: string): string | null {
  if (!/^[A-Z]\d{12}$/.test(upn)) return `UPN "${upn}" must be a capital letter followed by 12 digits`;
  const expected = upnCheckLetter(upn.slice(1));
  if (upn[0] !== expected) return `UPN "${upn}" has check letter ${upn[0]}, expected ${expected}`;
  return null;
}
